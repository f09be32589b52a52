import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Clock } from '../common/clock.js';
import { Transactions } from '../database/transactions.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ReportRepository } from './report.repository.js';
import { monthLabel } from './report-labels.js';

/** The link a notification carries: the report itself, downloaded (and logged) when the recipient opens it. */
export function monthlyReportLink(agencyId: string, month: string, format = 'pdf'): string {
  return `/api/v1/reports/monthly?agencyId=${agencyId}&month=${month}&format=${format}`;
}

/**
 * on the first of the month (a BullMQ job scheduler per time zone), each Kejari's prosecutors, each Bapas's
 * supervisors and each OPD's coordinators get a stored notification linking to last month's report. Once per
 * (user, agency, month): running the job again stores nothing new.
 */
@Injectable()
export class MonthlyReportsJob {
  constructor(
    private readonly transactions: Transactions,
    private readonly queries: ReportRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** `month` defaults to the one before today's in the zone. Answers how many notifications were stored. */
  @OnJob(JOBS.monthlyReports)
  async send({ timezone, month }: Record<string, string>): Promise<number> {
    const reported =
      month ?? DateTime.fromJSDate(this.clock.now(), { zone: timezone }).minus({ months: 1 }).toFormat('yyyy-MM');
    const recipients = await this.queries.recipients(timezone);
    return this.transactions.run(async (tx) => {
      let stored = 0;
      for (const { userId, agencyId, agencyName } of recipients) {
        const fresh = await this.notifications.notify(tx, {
          recipient: { type: 'user', id: userId },
          reason: 'monthly_report',
          subjectKey: `${agencyId}-${reported}`,
          params: () => ({
            agency: agencyName,
            month: monthLabel(reported),
            link: monthlyReportLink(agencyId, reported),
          }),
        });
        if (fresh) stored++;
      }
      return stored;
    });
  }
}
