import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Clock } from '../common/clock.js';
import { isConnectionError, REDIS, redisUp } from '../common/redis.js';
import { withTimeout } from '../common/timeout.js';
import { PlannedJob, QUEUE_OF, QUEUES, QueueName } from './jobs.js';

/** A queue call waits at most this long: while Redis is away, BullMQ would wait for it forever. */
export const QUEUE_CALL_TIMEOUT_MS = 5000;

export class RedisUnavailable extends Error {
  override name = 'RedisUnavailable';

  constructor() {
    super('Redis is unreachable');
  }
}

/** Puts planned jobs into BullMQ under their deterministic ids: adding one twice leaves one job. */
@Injectable()
export class JobQueues {
  private readonly logger = new Logger(JobQueues.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QUEUES.work) work: Queue,
    @InjectQueue(QUEUES.delivery) delivery: Queue,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly clock: Clock,
  ) {
    this.queues = { work, delivery };
    for (const [name, queue] of Object.entries(this.queues)) {
      queue.on('error', (error: Error) => {
        if (!isConnectionError(error)) this.logger.error(`${name} queue: ${error.message}`);
      });
    }
  }

  all(): Queue[] {
    return Object.values(this.queues);
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /** Whether queue calls can succeed now (the shared client's view of Redis). */
  reachable(): boolean {
    return redisUp(this.redis);
  }

  /** Runs a queue call only while Redis is up, and never for longer than QUEUE_CALL_TIMEOUT_MS. */
  call<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (!this.reachable()) return Promise.reject(new RedisUnavailable());
    return withTimeout(work(), QUEUE_CALL_TIMEOUT_MS, what);
  }

  async add(jobs: PlannedJob[]): Promise<void> {
    const now = this.clock.now().getTime();
    for (const queueName of Object.values(QUEUES)) {
      const mine = jobs.filter((job) => QUEUE_OF[job.name] === queueName);
      if (mine.length === 0) continue;
      await this.call(`adding ${mine.length} ${queueName} jobs`, () =>
        this.queues[queueName].addBulk(
          mine.map((job) => ({
            name: job.name,
            data: job.payload,
            opts: { jobId: job.jobId, delay: Math.max(0, job.runAt.getTime() - now) },
          })),
        ),
      );
    }
  }
}
