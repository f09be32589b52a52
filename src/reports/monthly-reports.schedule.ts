import { Injectable } from '@nestjs/common';
import { JOBS } from '../jobs/jobs.js';
import { RecurringJob, RecurringJobs, zoneSchedulerId } from '../jobs/recurring-jobs.js';
import { ReportRepository } from './report.repository.js';

/** last month's reports, on the first of the month in each agency's zone. */
const MONTHLY_AT = '0 7 1 * *';

@Injectable()
export class MonthlyReportsSchedule {
  constructor(private readonly reports: ReportRepository) {}

  @RecurringJobs()
  async inEachZone(): Promise<RecurringJob[]> {
    const zones = await this.reports.reportingZones();
    return zones.map((timezone) => ({
      id: zoneSchedulerId('report-monthly', timezone),
      repeat: { pattern: MONTHLY_AT, tz: timezone },
      name: JOBS.monthlyReports,
      data: { timezone },
    }));
  }
}
