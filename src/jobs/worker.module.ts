import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { IdempotencyExpiry } from '../common/idempotency-expiry.js';
import { JobHandlers } from './job-handler.js';
import { JobSchedules } from './job-schedules.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxRepository } from './outbox.repository.js';
import { QueueWorkers } from './processors.js';
import { ReconcileService } from './reconcile.service.js';
import { WorkerHeartbeat } from './worker-heartbeat.js';

/**
 * The worker role's plumbing: queue processors, the handler registry, the outbox relay, schedules, reconcile and
 * the heartbeat. The work itself is the domain modules': their @OnJob handlers, @ReconcileStep and
 * @RecurringJobs methods are found at boot (DiscoveryService), so this module imports none of them.
 * Per-process loops (relay poll, heartbeat, idempotency expiry) run through @nestjs/schedule; work that must
 * happen once across replicas is a BullMQ job scheduler (job-schedules.ts) or runs through `Transactions.runOnce`.
 */
@Module({
  imports: [DiscoveryModule, ScheduleModule.forRoot()],
  providers: [
    JobHandlers,
    JobSchedules,
    IdempotencyExpiry,
    OutboxRepository,
    OutboxRelay,
    ReconcileService,
    WorkerHeartbeat,
    QueueWorkers,
  ],
  exports: [OutboxRelay, ReconcileService, IdempotencyExpiry],
})
export class WorkerModule {}
