import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JOBS, QUEUES } from './jobs.js';
import { JobQueues } from './job-queues.js';

/** POLICY: when the recurring work runs, in local time. */
export const SCHEDULES = {
  /** The no-show and open check-in scan: every minute, so a flag comes at most a minute late. */
  attendanceScan: { every: 60_000 },
  roster: '0 17 * * *',
  riskScan: '0 7 * * *',
  reconcile: { pattern: '30 2 * * *', tz: 'Asia/Jakarta' },
  /** a signed checkpoint of the audit chains every hour. */
  auditCheckpoint: { pattern: '5 * * * *' },
  /** last month's reports, on the first of the month in each agency's zone. */
  monthlyReports: '0 7 1 * *',
  /** anonymising the persons whose retention period ended, at night. */
  retention: { pattern: '40 3 * * *', tz: 'Asia/Jakarta' },
};

const slug = (timezone: string) => timezone.replace(/[^A-Za-z0-9]+/g, '-');

/**
 * Recurring work as BullMQ job schedulers: one scheduler per (job, time zone) however many workers run, so a
 * roster goes out once at 17:00 in Ambon and once at 17:00 in Sungai Penuh. Upserting is idempotent.
 */
@Injectable()
export class JobSchedules {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
  ) {}

  async upsert(): Promise<string[]> {
    const zones: { timezone: string }[] = await this.dataSource.query(
      `SELECT timezone FROM site UNION SELECT timezone FROM agency WHERE kind = 'bapas' ORDER BY timezone`,
    );
    const work = this.queues.queue(QUEUES.work);
    const ids: string[] = [];
    for (const { timezone } of zones) {
      for (const [name, pattern] of [
        [JOBS.roster, SCHEDULES.roster],
        [JOBS.riskScan, SCHEDULES.riskScan],
      ] as const) {
        const id = `${name.replace('.', '-')}-${slug(timezone)}`;
        await work.upsertJobScheduler(id, { pattern, tz: timezone }, { name, data: { timezone } });
        ids.push(id);
      }
    }
    const agencyZones: { timezone: string }[] = await this.dataSource.query(
      `SELECT DISTINCT timezone FROM agency WHERE kind IN ('kejaksaan', 'bapas', 'opd') ORDER BY timezone`,
    );
    for (const { timezone } of agencyZones) {
      const id = `report-monthly-${slug(timezone)}`;
      await work.upsertJobScheduler(
        id,
        { pattern: SCHEDULES.monthlyReports, tz: timezone },
        { name: JOBS.monthlyReports, data: { timezone } },
      );
      ids.push(id);
    }
    await work.upsertJobScheduler('jobs-reconcile', SCHEDULES.reconcile, { name: JOBS.reconcile, data: {} });
    await work.upsertJobScheduler('attendance-scan', SCHEDULES.attendanceScan, { name: JOBS.attendanceScan, data: {} });
    await work.upsertJobScheduler('audit-checkpoint', SCHEDULES.auditCheckpoint, {
      name: JOBS.auditCheckpoint,
      data: {},
    });
    await work.upsertJobScheduler('persons-retention', SCHEDULES.retention, { name: JOBS.retention, data: {} });
    return [...ids, 'jobs-reconcile', 'attendance-scan', 'audit-checkpoint', 'persons-retention'];
  }
}
