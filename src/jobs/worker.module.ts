import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AttendanceChecksService } from '../attendance-checks/attendance-checks.service.js';
import { IdempotencyExpiry } from '../common/idempotency-expiry.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { CompletionService } from '../enforcement/completion.service.js';
import { WarningsService } from '../enforcement/warnings.service.js';
import { EnforcementModule } from '../enforcement/enforcement.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { RostersService } from '../rosters/rosters.service.js';
import { JobHandlers } from './job-handler.js';
import { JobSchedules } from './job-schedules.js';
import { OutboxRelay } from './outbox-relay.js';
import { QueueWorkers } from './processors.js';
import { ReconcileService } from './reconcile.service.js';
import { WorkerHeartbeat } from './worker-heartbeat.js';

/**
 * The worker role: queue processors, job handlers, the outbox relay, schedules, reconcile and the heartbeat.
 * Per-process loops (relay poll, heartbeat, idempotency expiry) run through @nestjs/schedule; work that must
 * happen once across replicas is a BullMQ job scheduler (job-schedules.ts) or holds a PostgreSQL advisory lock.
 */
@Module({
  imports: [DiscoveryModule, ScheduleModule.forRoot(), NotificationsModule, EnforcementModule, DeadlinesModule],
  providers: [
    JobHandlers,
    JobSchedules,
    IdempotencyExpiry,
    OutboxRelay,
    ReconcileService,
    WorkerHeartbeat,
    QueueWorkers,
    RemindersService,
    AttendanceChecksService,
    WarningsService,
    CompletionService,
    RostersService,
  ],
  exports: [OutboxRelay, ReconcileService, RostersService, DeadlinesModule, IdempotencyExpiry],
})
export class WorkerModule {}
