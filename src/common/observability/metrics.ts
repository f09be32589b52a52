import { Global, Injectable, Module } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

type Collect = (gauge: Gauge<string>) => Promise<void> | void;

/**
 * The Prometheus metrics of this process, in a registry of its own (a test process runs several apps).
 * Modules record into the counters and histograms, or register a gauge read at each scrape.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'bakti_http_request_duration_seconds',
    help: 'HTTP request latency by method, route (the pattern, never the ids) and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly queueFailures = new Counter({
    name: 'bakti_queue_job_failures_total',
    help: 'Job attempts that failed in this process, by queue',
    labelNames: ['queue'],
    registers: [this.registry],
  });

  readonly deliveryFailures = new Counter({
    name: 'bakti_notification_delivery_failures_total',
    help: 'Notification delivery attempts that failed, by channel and whether the gateway refused for good (permanent)',
    labelNames: ['channel', 'permanent'],
    registers: [this.registry],
  });

  readonly plannerDuration = new Histogram({
    name: 'bakti_planner_duration_seconds',
    help: 'Time the planner took for a preview, by scope (one order, also its re-plan, or a Bapas)',
    labelNames: ['scope'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'bakti_' });
  }

  /** A gauge whose value is read when Prometheus scrapes (queue depth, outbox lag, ...). */
  gauge(name: string, help: string, labelNames: string[], collect: Collect): Gauge<string> {
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await collect(this);
      },
    });
  }
}

@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class ObservabilityModule {}
