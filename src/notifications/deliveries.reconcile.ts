import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { PlannedJob } from '../jobs/jobs.js';
import { ReconcileStep } from '../jobs/reconcile-step.js';
import { deliveryJob } from './notifications.service.js';

/** Every message not yet sent is delivered (again). */
@Injectable()
export class DeliveriesReconcile {
  @ReconcileStep('deliveries')
  async pending(manager: EntityManager, now: Date): Promise<PlannedJob[]> {
    const pending: { id: string }[] = await manager.query(`SELECT id FROM notification WHERE status = 'pending'`);
    return pending.map((n) => deliveryJob(n.id, now));
  }
}
