import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobHandlers } from './job-handler.js';
import { QUEUES } from './jobs.js';

/** Thin: the job's name picks its handler; errors throw so BullMQ retries. */
abstract class DispatchingProcessor extends WorkerHost {
  constructor(private readonly handlers: JobHandlers) {
    super();
  }

  process(job: Job<Record<string, string>>): Promise<unknown> {
    return this.handlers.run(job.name, job.data);
  }
}

@Processor(QUEUES.work, { concurrency: 8 })
export class WorkProcessor extends DispatchingProcessor {
  constructor(handlers: JobHandlers) {
    super(handlers);
  }
}

@Processor(QUEUES.delivery, { concurrency: 16 })
export class DeliveryProcessor extends DispatchingProcessor {
  constructor(handlers: JobHandlers) {
    super(handlers);
  }
}

/** A job about something that no longer exists: retrying can't help. */
export class Gone extends UnrecoverableError {}
