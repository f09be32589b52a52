import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { PlannedJob } from '../jobs/jobs.js';
import { ReconcileStep } from '../jobs/reconcile-step.js';
import { completionJob } from './completion-job.js';

/** The orders completed in the last week: their notices (sent once; a repeat finds the message stored). */
@Injectable()
export class CompletionNoticesReconcile {
  @ReconcileStep('completions')
  async recent(manager: EntityManager, now: Date): Promise<PlannedJob[]> {
    const completed: { id: string }[] = await manager.query(
      `SELECT id FROM court_order WHERE status = 'completed' AND completed_at > $1`,
      [new Date(now.getTime() - 7 * 24 * 3600_000)],
    );
    return completed.map((o) => completionJob(o.id, now));
  }
}
