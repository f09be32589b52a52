import { DateTime } from 'luxon';
import { JOBS, PlannedJob } from '../jobs/jobs.js';

export interface BookedShift {
  assignmentId: string;
  localDate: string;
  timezone: string;
  startsAt: Date;
}

export const DAY_BEFORE_REMINDER_HOUR = 18;
export const SECOND_REMINDER_HOURS_BEFORE = 2;

/**
 * The jobs a booking implies: reminders at 18:00 local the day before and 2 hours before the start; those
 * already past are left out. (No-shows and open check-ins are found by the attendance scan, not per booking.)
 */
export function assignmentJobs(shift: BookedShift, now: Date): PlannedJob[] {
  const payload = { assignmentId: shift.assignmentId };
  const id = shift.assignmentId;
  const dayBefore = DateTime.fromISO(shift.localDate, { zone: shift.timezone })
    .minus({ days: 1 })
    .set({ hour: DAY_BEFORE_REMINDER_HOUR })
    .toJSDate();
  const start = DateTime.fromJSDate(shift.startsAt);
  const reminders: PlannedJob[] = [
    { name: JOBS.reminderDayBefore, jobId: `reminder-day-before-${id}`, runAt: dayBefore, payload },
    {
      name: JOBS.reminderTwoHours,
      jobId: `reminder-2h-${id}`,
      runAt: start.minus({ hours: SECOND_REMINDER_HOURS_BEFORE }).toJSDate(),
      payload,
    },
  ];
  return reminders.filter((job) => job.runAt > now);
}
