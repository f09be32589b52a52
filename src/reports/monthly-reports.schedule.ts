import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JOBS } from '../jobs/jobs.js';
import { RecurringJob, RecurringJobs, zoneSchedulerId } from '../jobs/recurring-jobs.js';

/** last month's reports, on the first of the month in each agency's zone. */
const MONTHLY_AT = '0 7 1 * *';

@Injectable()
export class MonthlyReportsSchedule {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @RecurringJobs()
  async inEachZone(): Promise<RecurringJob[]> {
    const zones: { timezone: string }[] = await this.dataSource.query(
      `SELECT DISTINCT timezone FROM agency WHERE kind IN ('kejaksaan', 'bapas', 'opd') ORDER BY timezone`,
    );
    return zones.map(({ timezone }) => ({
      id: zoneSchedulerId('report-monthly', timezone),
      repeat: { pattern: MONTHLY_AT, tz: timezone },
      name: JOBS.monthlyReports,
      data: { timezone },
    }));
  }
}
