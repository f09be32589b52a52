import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit/audit-trail.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { ExportLogRepository } from './export-log.repository.js';
import { ExportLog } from './export-log.service.js';
import { MonthlyReportsJob } from './monthly-reports.job.js';
import { MonthlyReportsSchedule } from './monthly-reports.schedule.js';
import { ReportRepository } from './report.repository.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** The completion report, the monthly reports and the export log; writes only `export_log`. */
@Module({
  imports: [OrdersModule, AuditTrailModule, NotificationsModule],
  controllers: [ReportsController],
  providers: [
    ReportsService,
    ReportRepository,
    ExportLogRepository,
    ExportLog,
    MonthlyReportsJob,
    MonthlyReportsSchedule,
  ],
  exports: [ExportLog],
})
export class ReportsModule {}
