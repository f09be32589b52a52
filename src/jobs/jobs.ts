/** The queues and the jobs they carry. Every job name has exactly one handler, checked at boot. */
export const QUEUES = {
  /** Domain jobs: reminders, attendance checks, warnings, rosters, risk scans, reconcile. */
  work: 'work',
  /** Sending notifications through a channel, retried with backoff. */
  delivery: 'delivery',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  reminderDayBefore: 'reminder.day_before',
  reminderTwoHours: 'reminder.two_hours',
  attendanceScan: 'attendance.scan',
  absenceWarning: 'absence.warning',
  breachCheck: 'breach.check',
  orderCompleted: 'order.completed',
  roster: 'roster.send',
  riskScan: 'deadline.risk_scan',
  reconcile: 'jobs.reconcile',
  auditCheckpoint: 'audit.checkpoint',
  monthlyReports: 'report.monthly',
  deliver: 'notification.deliver',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JOBS.reminderDayBefore]: QUEUES.work,
  [JOBS.reminderTwoHours]: QUEUES.work,
  [JOBS.attendanceScan]: QUEUES.work,
  [JOBS.absenceWarning]: QUEUES.work,
  [JOBS.breachCheck]: QUEUES.work,
  [JOBS.orderCompleted]: QUEUES.work,
  [JOBS.roster]: QUEUES.work,
  [JOBS.riskScan]: QUEUES.work,
  [JOBS.reconcile]: QUEUES.work,
  [JOBS.auditCheckpoint]: QUEUES.work,
  [JOBS.monthlyReports]: QUEUES.work,
  [JOBS.deliver]: QUEUES.delivery,
};

/** A job the database decided on: relayed to BullMQ under its deterministic id (never with ':'). */
export interface PlannedJob {
  name: JobName;
  jobId: string;
  runAt: Date;
  payload: Record<string, string>;
}

/** What a handler about one thing answers: done, nothing to do (gone or changed), or done before. */
export type JobOutcome = 'sent' | 'skipped' | 'already_sent';
