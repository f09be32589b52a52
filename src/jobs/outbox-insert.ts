import { PlannedJob, QUEUE_OF } from './jobs.js';

/**
 * The outbox rows of `jobs` as one INSERT whose parameters are numbered from `first`: the outbox repository runs it,
 * and a change that implies jobs carries it in its own statement (one round trip for the change and its jobs).
 */
export function outboxInsert(jobs: PlannedJob[], first: number): { sql: string; params: string[][] } {
  const [queue, name, id, payload, runAt] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
  return {
    sql: `INSERT INTO outbox (queue, job_name, job_id, payload, run_at)
          SELECT * FROM unnest(${queue}::text[], ${name}::text[], ${id}::text[], ${payload}::jsonb[], ${runAt}::timestamptz[])`,
    params: [
      jobs.map((job) => QUEUE_OF[job.name]),
      jobs.map((job) => job.name),
      jobs.map((job) => job.jobId),
      jobs.map((job) => JSON.stringify(job.payload)),
      jobs.map((job) => job.runAt.toISOString()),
    ],
  };
}
