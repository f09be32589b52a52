import { Injectable } from '@nestjs/common';
import { JOBS } from '../jobs/jobs.js';
import { RecurringJob, RecurringJobs } from '../jobs/recurring-jobs.js';

/** The no-show and open check-in scan: every minute, so a flag comes at most a minute late. */
const SCAN_EVERY_MS = 60_000;

@Injectable()
export class AttendanceScanSchedule {
  @RecurringJobs()
  everyMinute(): Promise<RecurringJob[]> {
    return Promise.resolve([
      { id: 'attendance-scan', repeat: { every: SCAN_EVERY_MS }, name: JOBS.attendanceScan, data: {} },
    ]);
  }
}
