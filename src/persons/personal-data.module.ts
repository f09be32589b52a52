import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { EnforcementModule } from '../enforcement/enforcement.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { PlanningModule } from '../planning/planning.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { PersonalDataController } from './personal-data.controller.js';
import { PersonsModule } from './persons.module.js';
import { RetentionSchedule } from './retention.schedule.js';
import { RetentionService } from './retention.service.js';
import { SubjectAccessService } from './subject-access.service.js';

/**
 * R-30 across the tables that hold a person's data: the subject-access export and the retention job. Apart from
 * PersonsModule, so that the modules it reads through (notifications, planning) may themselves use persons.
 */
@Module({
  imports: [
    PersonsModule,
    OrdersModule,
    AssignmentsModule,
    LedgerModule,
    NotificationsModule,
    EnforcementModule,
    PlanningModule,
    ReportsModule,
  ],
  controllers: [PersonalDataController],
  providers: [RetentionService, RetentionSchedule, SubjectAccessService],
})
export class PersonalDataModule {}
