import { JOBS, PlannedJob } from '../jobs/jobs.js';

/** the prosecutor is told when an order is complete. */
export function completionJob(orderId: string, now: Date): PlannedJob {
  return { name: JOBS.orderCompleted, jobId: `completed-${orderId}`, runAt: now, payload: { orderId } };
}
