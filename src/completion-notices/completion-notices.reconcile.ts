import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import type { PlannedJob } from '../jobs/jobs.js';
import { ReconcileStep } from '../jobs/reconcile-step.js';
import { OrdersService } from '../orders/orders.service.js';
import { completionJob } from './completion-job.js';

/** The orders completed in the last week: their notices (sent once; a repeat finds the message stored). */
@Injectable()
export class CompletionNoticesReconcile {
  constructor(private readonly orders: OrdersService) {}

  @ReconcileStep('completions')
  async recent(tx: Tx, now: Date): Promise<PlannedJob[]> {
    const completed = await this.orders.completedSince(tx, new Date(now.getTime() - 7 * 24 * 3600_000));
    return completed.map((id) => completionJob(id, now));
  }
}
