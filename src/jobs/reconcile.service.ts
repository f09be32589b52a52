import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { REDIS, redisUp } from '../common/redis.js';
import { AppConfig } from '../config/app-config.js';
import { deliveryJob } from '../notifications/notifications.service.js';
import { completionJob, warningJob } from '../enforcement/enforcement-jobs.js';
import { assignmentJobs } from '../reminders/assignment-jobs.js';
import { OnJob } from './job-handler.js';
import { JobSchedules } from './job-schedules.js';
import { JOBS, PlannedJob } from './jobs.js';
import { JobQueues } from './job-queues.js';

export interface ReconcileReport {
  schedulers: number;
  assignmentJobs: number;
  warnings: number;
  completions: number;
  deliveries: number;
  outboxRowsDeleted: number;
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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    return this.dataSource.transaction(async (manager) => {
      // One reconcile at a time across replicas; the others have nothing to add.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('bakti.reconcile'))`);
      const now = this.clock.now();
      const booked: { id: string; local_date: string; timezone: string; starts_at: Date }[] = await manager.query(
        `SELECT a.id, a.local_date, s.timezone, a.starts_at FROM assignment a JOIN site s ON s.id = a.site_id
          WHERE a.status = 'scheduled' AND a.starts_at > $1`,
        [now],
      );
      const fromBookings = booked.flatMap((a) =>
        assignmentJobs(
          { assignmentId: a.id, localDate: a.local_date, timezone: a.timezone, startsAt: a.starts_at },
          now,
        ),
      );
      const unexcused: { id: string }[] = await manager.query(
        `SELECT id FROM assignment WHERE status = 'unexcused' AND absence_decided_at > $1`,
        [new Date(now.getTime() - 7 * 24 * 3600_000)],
      );
      const completed: { id: string }[] = await manager.query(
        `SELECT id FROM court_order WHERE status = 'completed' AND completed_at > $1`,
        [new Date(now.getTime() - 7 * 24 * 3600_000)],
      );
      const pending: { id: string }[] = await manager.query(`SELECT id FROM notification WHERE status = 'pending'`);
      const jobs: PlannedJob[] = [
        ...fromBookings,
        ...unexcused.map((a) => warningJob(a.id, now)),
        ...completed.map((o) => completionJob(o.id, now)),
        ...pending.map((n) => deliveryJob(n.id, now)),
      ];
      await this.queues.add(jobs);
      const [, deleted] = await manager.query(`DELETE FROM outbox WHERE relayed_at < $1`, [
        new Date(now.getTime() - 24 * 3600_000),
      ]);
      return {
        schedulers: (await this.queues.call('upserting the job schedulers', () => this.schedules.upsert())).length,
        assignmentJobs: fromBookings.length,
        warnings: unexcused.length,
        completions: completed.length,
        deliveries: pending.length,
        outboxRowsDeleted: deleted as number,
      };
    });
  }
}
