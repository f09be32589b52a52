import { Module } from '@nestjs/common';
import { EnforcementModule } from '../enforcement/enforcement.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { DeadlinesService } from './deadlines.service.js';
import { RiskScanRepository } from './risk-scan.repository.js';
import { RiskScanSchedule } from './risk-scan.schedule.js';

/** The risk scan: run each morning by the worker, read on demand by the supervisor's worklist. */
@Module({
  imports: [NotificationsModule, SitesModule, EnforcementModule],
  providers: [RiskScanRepository, DeadlinesService, RiskScanSchedule],
  exports: [DeadlinesService],
})
export class DeadlinesModule {}
