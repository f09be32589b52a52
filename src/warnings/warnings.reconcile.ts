import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { PlannedJob } from '../jobs/jobs.js';
import { ReconcileStep } from '../jobs/reconcile-step.js';
import { warningJob } from './warning-job.js';

/** The unexcused absences of the last week: their warnings (sent once; a repeat finds the message stored). */
@Injectable()
export class WarningsReconcile {
  @ReconcileStep('warnings')
  async recent(manager: EntityManager, now: Date): Promise<PlannedJob[]> {
    const unexcused: { id: string }[] = await manager.query(
      `SELECT id FROM assignment WHERE status = 'unexcused' AND absence_decided_at > $1`,
      [new Date(now.getTime() - 7 * 24 * 3600_000)],
    );
    return unexcused.map((a) => warningJob(a.id, now));
  }
}
