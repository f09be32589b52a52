import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config.js';
import { redisConnection } from '../common/redis.js';
import { JobHandlers } from './job-handler.js';
import { QUEUES, QueueName } from './jobs.js';

const CONCURRENCY: Record<QueueName, number> = { work: 8, delivery: 16 };

/**
 * One BullMQ worker per queue. Thin: the job's name picks its handler, and errors throw so BullMQ retries.
 * A worker killed mid-job loses its lock after WORKER_LOCK_MS; another worker then takes the job again.
 * Shutting down waits for the running jobs to finish.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QueueWorkers.name);
  private workers: Worker[] = [];

  constructor(
    private readonly handlers: JobHandlers,
    private readonly config: AppConfig,
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
      worker.on('failed', (job, error) => this.logger.warn(`${queue} job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));
      worker.on('error', (error) => this.logger.error(`${queue} worker: ${error.message}`));
      return worker;
    });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}

/** A job about something that no longer exists: retrying can't help. */
export class Gone extends UnrecoverableError {}
