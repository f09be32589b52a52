import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { discoverMethods } from './discovery.js';
import { QUEUES } from './jobs.js';
import { JobQueues } from './job-queues.js';
import { RECURRING_JOBS, RecurringJob, RecurringJobsMethod } from './recurring-jobs.js';

/**
 * Recurring work as BullMQ job schedulers: one scheduler per id however many workers run, so a roster goes out
 * once at 17:00 in Ambon and once at 17:00 in Sungai Penuh. Each module declares its own (@RecurringJobs(),
 * with its POLICY of when); upserting is idempotent.
 */
@Injectable()
export class JobSchedules {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly queues: JobQueues,
  ) {}

  async upsert(): Promise<string[]> {
    const declared = discoverMethods<true>(this.discovery, this.scanner, RECURRING_JOBS);
    const recurring: RecurringJob[] = [];
    for (const { call } of declared) recurring.push(...(await (call as RecurringJobsMethod)()));
    const work = this.queues.queue(QUEUES.work);
    for (const { id, repeat, name, data } of recurring) await work.upsertJobScheduler(id, repeat, { name, data });
    return recurring.map(({ id }) => id);
  }
}
