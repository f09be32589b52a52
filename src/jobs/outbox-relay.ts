import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { JobName, PlannedJob } from './jobs.js';
import { JobQueues } from './job-queues.js';

const BATCH = 1000;

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
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private stopped: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.stopped = this.loop();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    await this.stopped;
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
      const jobs: PlannedJob[] = rows.map((row) => ({ name: row.job_name, jobId: row.job_id, payload: row.payload, runAt: row.run_at }));
      await this.queues.add(jobs);
      await manager.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let moved = 0;
      try {
        moved = await this.relayBatch();
      } catch (error) {
        this.logger.warn(`Outbox relay failed, retrying: ${(error as Error).message}`);
      }
      if (moved < BATCH) await sleep(this.config.OUTBOX_POLL_MS);
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
