import { JOBS, PlannedJob } from '../jobs/jobs.js';

/** the written warning that follows an unexcused absence. */
export function warningJob(assignmentId: string, now: Date): PlannedJob {
  return { name: JOBS.absenceWarning, jobId: `warning-${assignmentId}`, runAt: now, payload: { assignmentId } };
}

/** the prosecutor is told when an order is complete. */
export function completionJob(orderId: string, now: Date): PlannedJob {
  return { name: JOBS.orderCompleted, jobId: `completed-${orderId}`, runAt: now, payload: { orderId } };
}

/** after an unexcused absence, whether it is the second one and opens a breach report. */
export function breachCheckJob(orderId: string, assignmentId: string, now: Date): PlannedJob {
  return { name: JOBS.breachCheck, jobId: `breach-check-${assignmentId}`, runAt: now, payload: { orderId } };
}
