import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { redisConnection } from '../common/redis.js';
import { JobMetrics } from './job-metrics.js';
import { JobQueues } from './job-queues.js';
import { OutboxRepository } from './outbox.repository.js';
import { Outbox } from './outbox.service.js';
import { QUEUES } from './jobs.js';

const DAY_SECONDS = 24 * 3600;

/** The queues, for every role: the API writes the outbox and shows the dashboard, the worker consumes. */
@Global()
@Module({})
export class QueuesModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        BullModule.forRoot({ connection: redisConnection(config.REDIS_URL), prefix: config.QUEUE_PREFIX }),
        BullModule.registerQueue(
          {
            name: QUEUES.work,
            defaultJobOptions: {
              attempts: 5,
              backoff: { type: 'exponential', delay: 1000 },
              // Completed ids are kept a week: a job relayed twice after a crash is recognised and not run again.
              removeOnComplete: { age: 7 * DAY_SECONDS },
              removeOnFail: { age: 30 * DAY_SECONDS },
            },
          },
          {
            name: QUEUES.delivery,
            defaultJobOptions: {
              attempts: config.NOTIFY_ATTEMPTS,
              backoff: { type: 'exponential', delay: config.NOTIFY_RETRY_BASE_MS },
              removeOnComplete: { age: 7 * DAY_SECONDS },
              removeOnFail: { age: 30 * DAY_SECONDS },
            },
          },
        ),
      ],
      providers: [OutboxRepository, Outbox, JobQueues, JobMetrics],
      exports: [BullModule, Outbox, JobQueues],
    };
  }
}
