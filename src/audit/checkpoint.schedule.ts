import { Injectable } from '@nestjs/common';
import { JOBS } from '../jobs/jobs.js';
import { RecurringJob, RecurringJobs } from '../jobs/recurring-jobs.js';

/** a signed checkpoint of the audit chains every hour. */
const HOURLY = { pattern: '5 * * * *' };

@Injectable()
export class CheckpointSchedule {
  @RecurringJobs()
  hourly(): Promise<RecurringJob[]> {
    return Promise.resolve([{ id: 'audit-checkpoint', repeat: HOURLY, name: JOBS.auditCheckpoint, data: {} }]);
  }
}
