import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import type { PlannedJob } from '../jobs/jobs.js';
import { ReconcileStep } from '../jobs/reconcile-step.js';
import { NotificationRepository } from './notification.repository.js';
import { deliveryJob } from './notifications.service.js';

/** Every message not yet sent is delivered (again). */
@Injectable()
export class DeliveriesReconcile {
  constructor(private readonly notifications: NotificationRepository) {}

  @ReconcileStep('deliveries')
  async pending(tx: Tx, now: Date): Promise<PlannedJob[]> {
    return (await this.notifications.pendingIds(tx)).map((id) => deliveryJob(id, now));
  }
}
