import { JOBS, PlannedJob } from '../jobs/jobs.js';

/** after an unexcused absence, whether it is the second one and opens a breach report. */
export function breachCheckJob(orderId: string, assignmentId: string, now: Date): PlannedJob {
  return { name: JOBS.breachCheck, jobId: `breach-check-${assignmentId}`, runAt: now, payload: { orderId } };
}
