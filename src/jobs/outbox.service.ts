import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PlannedJob, QUEUE_OF } from './jobs.js';

/** Writes jobs in the transaction of the change that implies them; the relay moves them to BullMQ. */
@Injectable()
export class Outbox {
  async add(manager: EntityManager, jobs: PlannedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await manager.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload, run_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[])`,
      outboxColumns(jobs),
    );
  }
}

/** The jobs as the five arrays of `INSERT INTO outbox ... SELECT * FROM unnest(...)`, for a caller's own statement. */
export function outboxColumns(jobs: PlannedJob[]): [string[], string[], string[], string[], string[]] {
  return [
    jobs.map((job) => QUEUE_OF[job.name]),
    jobs.map((job) => job.name),
    jobs.map((job) => job.jobId),
    jobs.map((job) => JSON.stringify(job.payload)),
    jobs.map((job) => job.runAt.toISOString()),
  ];
}
