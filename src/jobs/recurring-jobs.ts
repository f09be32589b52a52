import { SetMetadata } from '@nestjs/common';
import type { RepeatOptions } from 'bullmq';
import type { JobName } from './jobs.js';

export const RECURRING_JOBS = 'bakti:recurring-jobs';

/** A BullMQ job scheduler on the work queue: one per id however many workers run. */
export interface RecurringJob {
  id: string;
  repeat: Omit<RepeatOptions, 'key'>;
  name: JobName;
  data: Record<string, string>;
}

/** Marks a method answering its module's recurring jobs: `() => Promise<RecurringJob[]>`, read at each reconcile. */
export const RecurringJobs = () => SetMetadata(RECURRING_JOBS, true);

export type RecurringJobsMethod = () => Promise<RecurringJob[]>;

/** A scheduler id for a time zone: BullMQ ids must not contain ':'. */
export const zoneSchedulerId = (prefix: string, timezone: string) =>
  `${prefix}-${timezone.replace(/[^A-Za-z0-9]+/g, '-')}`;
