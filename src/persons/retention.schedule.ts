import { Injectable } from '@nestjs/common';
import { JOBS } from '../jobs/jobs.js';
import { RecurringJob, RecurringJobs } from '../jobs/recurring-jobs.js';

/** anonymising the persons whose retention period ended, at night. */
const NIGHTLY = { pattern: '40 3 * * *', tz: 'Asia/Jakarta' };

@Injectable()
export class RetentionSchedule {
  @RecurringJobs()
  nightly(): Promise<RecurringJob[]> {
    return Promise.resolve([{ id: 'persons-retention', repeat: NIGHTLY, name: JOBS.retention, data: {} }]);
  }
}
