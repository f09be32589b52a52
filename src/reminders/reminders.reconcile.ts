import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { PlannedJob } from '../jobs/jobs.js';
import { ReconcileStep } from '../jobs/reconcile-step.js';
import { assignmentJobs } from './assignment-jobs.js';

/** Every booking still ahead implies its reminders not yet due. */
@Injectable()
export class RemindersReconcile {
  @ReconcileStep('assignmentJobs')
  async ahead(manager: EntityManager, now: Date): Promise<PlannedJob[]> {
    const booked: { id: string; local_date: string; timezone: string; starts_at: Date }[] = await manager.query(
      `SELECT a.id, a.local_date, s.timezone, a.starts_at FROM assignment a JOIN site s ON s.id = a.site_id
        WHERE a.status = 'scheduled' AND a.starts_at > $1`,
      [now],
    );
    return booked.flatMap((a) =>
      assignmentJobs({ assignmentId: a.id, localDate: a.local_date, timezone: a.timezone, startsAt: a.starts_at }, now),
    );
  }
}
