import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from './access/access.module.js';
import { AgenciesModule } from './agencies/agencies.module.js';
import { AgreementsModule } from './agreements/agreements.module.js';
import { EnforcementModule } from './enforcement/enforcement.module.js';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { AttendanceChecksModule } from './attendance-checks/attendance-checks.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuditTrailModule } from './audit/audit-trail.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { Clock } from './common/clock.js';
import { CorrectionsModule } from './corrections/corrections.module.js';
import { CompletionNoticesModule } from './completion-notices/completion-notices.module.js';
import { CoreModule } from './common/core.module.js';
import { ObservabilityModule } from './common/observability/metrics.js';
import { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source.js';
import { DatabaseModule } from './database/transactions.js';
import { ServiceRoleCheck } from './database/service-role.js';
import { HealthModule } from './health/health.module.js';
import { AuthenticationModule } from './identity/authentication.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { QueuesModule } from './jobs/queues.module.js';
import { WorkerModule } from './jobs/worker.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { PersonalDataModule } from './persons/personal-data.module.js';
import { PersonPageModule } from './person-page/person-page.module.js';
import { PersonsModule } from './persons/persons.module.js';
import { OversightModule, OversightWorkerModule } from './oversight/oversight.module.js';
import { PlanningModule } from './planning/planning.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RostersModule } from './rosters/rosters.module.js';
import { ShiftsModule } from './shifts/shifts.module.js';
import { SitesModule } from './sites/sites.module.js';
import { WarningsModule } from './warnings/warnings.module.js';
import { WorklistModule } from './worklist/worklist.module.js';

/** The worker role: the queues' plumbing and the follow-up work it runs (the API role only writes the outbox). */
const WORKER_MODULES = [
  WorkerModule,
  RemindersModule,
  AttendanceChecksModule,
  WarningsModule,
  CompletionNoticesModule,
  RostersModule,
  OversightWorkerModule,
];

@Module({})
export class AppModule {
  /** The clock is a parameter so that tests and the demo's history can run at a chosen time. */
  static forRoot(config: AppConfig, clock: Clock = new Clock()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, clock),
        AuditModule,
        AuthenticationModule,
        ObservabilityModule,
        TypeOrmModule.forRoot(dataSourceOptions(config.DATABASE_URL, `bakti-${config.APP_ROLE}`)),
        DatabaseModule,
        AccessModule,
        QueuesModule.forRoot(config),
        HealthModule,
        IdentityModule,
        AgenciesModule,
        AgreementsModule,
        SitesModule,
        CalendarModule,
        ShiftsModule,
        PersonsModule,
        OrdersModule,
        AssignmentsModule,
        CorrectionsModule,
        EnforcementModule,
        PlanningModule,
        AuditTrailModule,
        NotificationsModule,
        ReportsModule,
        PersonalDataModule,
        WorklistModule,
        PersonPageModule,
        OversightModule,
        ...(config.APP_ROLE === 'api' ? [] : WORKER_MODULES),
      ],
      providers: [ServiceRoleCheck],
    };
  }
}
