import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { JobName, PlannedJob } from './jobs.js';
import { JobQueues } from './job-queues.js';

const BATCH = 1000;
const POLL = 'outbox-relay';

interface OutboxRow {
  id: string;
  job_name: JobName;
  job_id: string;
  payload: Record<string, string>;
  run_at: Date;
}

/**
 * Moves outbox rows to BullMQ. Rows are claimed with SKIP LOCKED, so several workers relay side by side; a crash
 * between the add and the commit relays the rows again under the same job ids, which BullMQ keeps once.
 * While Redis is away the poll does nothing and the rows wait in PostgreSQL; once it is back they are drained.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private draining: Promise<void> | null = null;
  private stopping = false;
  private failing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
    private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  /** A per-process poll (each worker relays): the interval is configured, so it is registered here, not by decorator. */
  onApplicationBootstrap(): void {
    this.scheduler.addInterval(
      POLL,
      setInterval(() => this.poll(), this.config.OUTBOX_POLL_MS),
    );
  }

  /** Stops polling and lets the batch in flight finish (bounded by the queue call timeout). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.scheduler.doesExist('interval', POLL)) this.scheduler.deleteInterval(POLL);
    await this.draining;
  }

  /** Relays one batch; answers how many rows it moved. */
  relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, job_name, job_id, payload, run_at FROM outbox WHERE relayed_at IS NULL
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      const jobs: PlannedJob[] = rows.map((row) => ({
        name: row.job_name,
        jobId: row.job_id,
        payload: row.payload,
        runAt: row.run_at,
      }));
      await this.queues.add(jobs);
      await manager.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }

  private poll(): void {
    if (this.draining || this.stopping || !this.queues.reachable()) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
  }

  /** Full batches follow each other at once; a short one means the outbox is empty until the next poll. */
  private async drain(): Promise<void> {
    try {
      while (!this.stopping && (await this.relayBatch()) === BATCH);
      if (this.failing) this.logger.log('Outbox relay is moving jobs again');
      this.failing = false;
    } catch (error) {
      if (!this.failing)
        this.logger.warn(`Outbox relay failed, the rows stay in the outbox: ${(error as Error).message}`);
      this.failing = true;
    }
  }
}
