import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import { JobName, PlannedJob } from './jobs.js';
import { outboxInsert } from './outbox-insert.js';

/** An outbox row as relayed: the job and the row's id. */
export interface OutboxJob extends PlannedJob {
  id: string;
}

/** The `outbox` table: jobs written in the transaction of the change that implies them, until relayed to BullMQ. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(jobs: PlannedJob[], tx: Tx = this.dataSource.manager): Promise<void> {
    const insert = outboxInsert(jobs, 1);
    await tx.query(insert.sql, insert.params);
  }

  /** Rows not yet relayed, oldest first, locked for this transaction and skipped by the other relays. */
  async claim(limit: number, tx: Tx): Promise<OutboxJob[]> {
    const rows: { id: string; job_name: JobName; job_id: string; payload: Record<string, string>; run_at: Date }[] =
      await tx.query(
        `SELECT id, job_name, job_id, payload, run_at FROM outbox WHERE relayed_at IS NULL
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
    return rows.map((row) => ({
      id: row.id,
      name: row.job_name,
      jobId: row.job_id,
      payload: row.payload,
      runAt: row.run_at,
    }));
  }

  async markRelayed(ids: string[], tx: Tx): Promise<void> {
    await tx.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Forgets the rows relayed before `before`; answers how many. */
  async deleteRelayedBefore(before: Date, tx: Tx = this.dataSource.manager): Promise<number> {
    const [, deleted] = await tx.query(`DELETE FROM outbox WHERE relayed_at < $1`, [before]);
    return deleted as number;
  }

  /** How many rows wait, and the age in seconds of the oldest (0 when none waits). */
  async backlog(tx: Tx = this.dataSource.manager): Promise<{ pending: number; lag: number }> {
    const [row] = await tx.query(
      `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS lag
         FROM outbox WHERE relayed_at IS NULL`,
    );
    return row;
  }

  /** Waits for the reconcile running on another replica, until the end of the transaction. */
  async waitForReconcile(tx: Tx): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('bakti.reconcile'))`);
  }
}
