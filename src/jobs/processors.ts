import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { Metrics } from '../common/observability/metrics.js';
import { isConnectionError, REDIS, redisConnection, redisUp } from '../common/redis.js';
import { JobHandlers } from './job-handler.js';
import { QUEUES, QueueName } from './jobs.js';

const CONCURRENCY: Record<QueueName, number> = { work: 8, delivery: 16 };

/**
 * One BullMQ worker per queue. Thin: the job's name picks its handler, and errors throw so BullMQ retries.
 * A worker killed mid-job loses its lock after WORKER_LOCK_MS; another worker then takes the job again.
 * Shutting down stops taking jobs and waits for the running ones, unless Redis is away (then nothing running
 * could be marked done anyway: the jobs are taken up again after their lock expires).
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QueueWorkers.name);
  private workers: Worker[] = [];

  constructor(
    private readonly handlers: JobHandlers,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    this.workers = Object.values(QUEUES).map((queue) => {
      const worker = new Worker(queue, (job) => this.handlers.run(job.name, job.data), {
        connection: redisConnection(this.config.REDIS_URL),
        prefix: this.config.QUEUE_PREFIX,
        concurrency: CONCURRENCY[queue],
        lockDuration: this.config.WORKER_LOCK_MS,
        stalledInterval: this.config.WORKER_LOCK_MS,
      });
      worker.on('failed', (job, error) => {
        this.metrics.queueFailures.inc({ queue });
        this.logger.warn(`${queue} job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
      });
      // Redis being away is logged once by the shared client, not once per retry of each worker.
      worker.on('error', (error) => {
        if (!isConnectionError(error)) this.logger.error(`${queue} worker: ${error.message}`);
      });
      return worker;
    });
  }

  async onModuleDestroy(): Promise<void> {
    const force = !redisUp(this.redis);
    await Promise.all(this.workers.map((worker) => worker.close(force)));
  }
}

/** A job about something that no longer exists: retrying can't help. */
export class Gone extends UnrecoverableError {}
