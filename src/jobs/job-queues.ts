import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock } from '../common/clock.js';
import { PlannedJob, QUEUE_OF, QUEUES, QueueName } from './jobs.js';

/** Puts planned jobs into BullMQ under their deterministic ids: adding one twice leaves one job. */
@Injectable()
export class JobQueues {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QUEUES.work) work: Queue,
    @InjectQueue(QUEUES.delivery) delivery: Queue,
    private readonly clock: Clock,
  ) {
    this.queues = { work, delivery };
  }

  all(): Queue[] {
    return Object.values(this.queues);
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  async add(jobs: PlannedJob[]): Promise<void> {
    const now = this.clock.now().getTime();
    for (const queueName of Object.values(QUEUES)) {
      const mine = jobs.filter((job) => QUEUE_OF[job.name] === queueName);
      if (mine.length === 0) continue;
      await this.queues[queueName].addBulk(
        mine.map((job) => ({
          name: job.name,
          data: job.payload,
          opts: { jobId: job.jobId, delay: Math.max(0, job.runAt.getTime() - now) },
        })),
      );
    }
  }
}
