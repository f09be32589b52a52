import { JOBS, PlannedJob } from '../jobs/jobs.js';

/** the written warning that follows an unexcused absence. */
export function warningJob(assignmentId: string, now: Date): PlannedJob {
  return { name: JOBS.absenceWarning, jobId: `warning-${assignmentId}`, runAt: now, payload: { assignmentId } };
}
