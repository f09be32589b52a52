import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { JobQueues } from './job-queues.js';
import { OutboxRepository } from './outbox.repository.js';

const BATCH = 1000;
const POLL = 'outbox-relay';

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
    private readonly transactions: Transactions,
    private readonly outbox: OutboxRepository,
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
    return this.transactions.run(async (tx) => {
      const rows = await this.outbox.claim(BATCH, tx);
      if (rows.length === 0) return 0;
      await this.queues.add(rows.map(({ id: _, ...job }) => job));
      await this.outbox.markRelayed(
        rows.map((row) => row.id),
        tx,
      );
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
