import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { Redis } from 'ioredis';
import { Clock } from '../common/clock.js';
import { REDIS, redisUp } from '../common/redis.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { discoverMethods } from './discovery.js';
import { OnJob } from './job-handler.js';
import { JobSchedules } from './job-schedules.js';
import { JOBS, PlannedJob } from './jobs.js';
import { JobQueues } from './job-queues.js';
import { OutboxRepository } from './outbox.repository.js';
import { RECONCILE_STEP, ReconcileStepMethod } from './reconcile-step.js';
import { RecurringJob, RecurringJobs } from './recurring-jobs.js';

/** POLICY: the nightly reconcile, besides the one at boot and after each Redis outage. */
const NIGHTLY = { pattern: '30 2 * * *', tz: 'Asia/Jakarta' };

/** How many schedulers were upserted, how many jobs each module's step derived, how many old outbox rows went. */
export interface ReconcileReport {
  schedulers: number;
  outboxRowsDeleted: number;
  [reportKey: string]: number;
}

/**
 * Redis holds nothing that can't be rebuilt: every future job is derived again from PostgreSQL and added under
 * its deterministic id, so jobs still in Redis stay single, and lost ones come back. Handlers re-read the
 * database and notifications are unique per subject, so nothing goes out twice.
 */
@Injectable()
export class ReconcileService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReconcileService.name);
  private running: Promise<void> | null = null;

  constructor(
    private readonly transactions: Transactions,
    private readonly outbox: OutboxRepository,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly queues: JobQueues,
    private readonly schedules: JobSchedules,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * At boot, and each time Redis comes back (it may have come back empty), once Redis is ready. Never awaited
   * here: with Redis down the process must still start and serve.
   */
  onApplicationBootstrap(): void {
    if (!this.config.RECONCILE_ON_BOOT) return;
    this.redis.on('ready', this.onRedisReady);
    if (redisUp(this.redis)) this.onRedisReady();
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.off('ready', this.onRedisReady);
    await this.running;
  }

  private readonly onRedisReady = () => {
    if (this.running) return;
    this.running = this.reconcile()
      .then((report) => this.logger.log(`Reconciled with Redis: ${JSON.stringify(report)}`))
      .catch((error: Error) =>
        this.logger.warn(`Reconcile failed, the nightly run or the next reconnect will retry: ${error.message}`),
      )
      .finally(() => {
        this.running = null;
      });
  };

  @OnJob(JOBS.reconcile)
  reconcile(): Promise<ReconcileReport> {
    return this.transactions.run(async (tx) => {
      // One reconcile at a time across replicas; the others have nothing to add.
      await this.outbox.waitForReconcile(tx);
      const now = this.clock.now();
      const counts: Record<string, number> = {};
      const jobs: PlannedJob[] = [];
      for (const { meta: reportKey, call } of discoverMethods<string>(this.discovery, this.scanner, RECONCILE_STEP)) {
        const planned = await (call as ReconcileStepMethod)(tx, now);
        counts[reportKey] = (counts[reportKey] ?? 0) + planned.length;
        jobs.push(...planned);
      }
      await this.queues.add(jobs);
      const deleted = await this.outbox.deleteRelayedBefore(new Date(now.getTime() - 24 * 3600_000), tx);
      return {
        schedulers: (await this.queues.call('upserting the job schedulers', () => this.schedules.upsert())).length,
        ...counts,
        outboxRowsDeleted: deleted,
      };
    });
  }

  @RecurringJobs()
  nightly(): Promise<RecurringJob[]> {
    return Promise.resolve([{ id: 'jobs-reconcile', repeat: NIGHTLY, name: JOBS.reconcile, data: {} }]);
  }
}
