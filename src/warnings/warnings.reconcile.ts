import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import type { PlannedJob } from '../jobs/jobs.js';
import { ReconcileStep } from '../jobs/reconcile-step.js';
import { WarningRepository } from './warning.repository.js';
import { warningJob } from './warning-job.js';

/** The unexcused absences of the last week: their warnings (sent once; a repeat finds the message stored). */
@Injectable()
export class WarningsReconcile {
  constructor(private readonly warnings: WarningRepository) {}

  @ReconcileStep('warnings')
  async recent(tx: Tx, now: Date): Promise<PlannedJob[]> {
    const unexcused = await this.warnings.unexcusedSince(new Date(now.getTime() - 7 * 24 * 3600_000), tx);
    return unexcused.map((id) => warningJob(id, now));
  }
}
