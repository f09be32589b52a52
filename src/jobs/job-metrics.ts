import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '../common/observability/metrics.js';
import { JobQueues } from './job-queues.js';
import { OutboxRepository } from './outbox.repository.js';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Queue depth and outbox lag, read at each scrape; a scrape while Redis or PostgreSQL is away leaves them out. */
@Injectable()
export class JobMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly queues: JobQueues,
    private readonly outboxRows: OutboxRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge(
      'bakti_queue_jobs',
      'Jobs in each queue by state (failed: kept after their last attempt)',
      ['queue', 'state'],
      async (gauge) => {
        gauge.reset();
        for (const queue of this.queues.all()) {
          const counts = await this.queues.call('counting jobs', () => queue.getJobCounts(...STATES)).catch(() => null);
          for (const state of STATES) if (counts) gauge.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    );
    const outbox = () => this.outboxRows.backlog().catch(() => null);
    this.metrics.gauge('bakti_outbox_pending', 'Outbox rows not yet relayed to the queues', [], async (gauge) => {
      const row = await outbox();
      gauge.reset();
      if (row) gauge.set(row.pending);
    });
    this.metrics.gauge(
      'bakti_outbox_lag_seconds',
      'Age of the oldest outbox row not yet relayed (0 when none waits)',
      [],
      async (gauge) => {
        const row = await outbox();
        gauge.reset();
        if (row) gauge.set(row.lag);
      },
    );
  }
}
