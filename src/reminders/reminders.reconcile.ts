import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import type { PlannedJob } from '../jobs/jobs.js';
import { ReconcileStep } from '../jobs/reconcile-step.js';
import { assignmentJobs } from './assignment-jobs.js';
import { ShiftContextRepository } from './shift-context.repository.js';

/** Every booking still ahead implies its reminders not yet due. */
@Injectable()
export class RemindersReconcile {
  constructor(private readonly contexts: ShiftContextRepository) {}

  @ReconcileStep('assignmentJobs')
  async ahead(tx: Tx, now: Date): Promise<PlannedJob[]> {
    return (await this.contexts.bookedAhead(now, tx)).flatMap((booking) => assignmentJobs(booking, now));
  }
}
