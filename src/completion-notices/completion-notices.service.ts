import { Injectable } from '@nestjs/common';
import { localDate, longDate } from '../common/local-time.js';
import { Transactions } from '../database/transactions.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS, type JobOutcome } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OrdersService } from '../orders/orders.service.js';
import { CompletionNoticeRepository } from './completion-notice.repository.js';

/** when an order reaches its required minutes, its prosecutor (or, none named, its Kejari's) is told. */
@Injectable()
export class CompletionNoticesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly notices: CompletionNoticeRepository,
    private readonly orders: OrdersService,
    private readonly notifications: NotificationsService,
  ) {}

  @OnJob(JOBS.orderCompleted)
  tellProsecutor({ orderId }: Record<string, string>): Promise<JobOutcome> {
    return this.transactions.run(async (tx) => {
      const order = await this.notices.order(orderId, tx);
      if (!order || order.status !== 'completed' || !order.completedAt) return 'skipped';
      const completedAt = order.completedAt;
      let fresh = false;
      for (const id of await this.orders.prosecutorsOf(tx, order)) {
        fresh =
          (await this.notifications.notify(tx, {
            recipient: { type: 'user', id },
            reason: 'order_completed',
            subjectKey: order.id,
            orderId: order.id,
            params: (locale) => ({
              person: order.personName,
              caseNumber: order.caseNumber,
              courtName: order.courtName,
              hours: String(order.totalHours),
              date: longDate(localDate(completedAt, order.bapasTimezone), locale),
            }),
          })) || fresh;
      }
      return fresh ? 'sent' : 'already_sent';
    });
  }
}
