import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { localDate, longDate } from '../common/local-time.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS, type JobOutcome } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Order } from '../orders/order.entity.js';
import { orderProsecutors } from '../orders/order-prosecutors.js';
import { Person } from '../persons/person.entity.js';

/** when an order reaches its required minutes, its prosecutor (or, none named, its Kejari's) is told. */
@Injectable()
export class CompletionNoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  @OnJob(JOBS.orderCompleted)
  tellProsecutor({ orderId }: Record<string, string>): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const order = await manager.findOneBy(Order, { id: orderId });
      if (!order || order.status !== 'completed' || !order.completedAt) return 'skipped';
      const person = await manager.findOneByOrFail(Person, { id: order.personId });
      const bapas = await manager.findOneByOrFail(Agency, { id: order.bapasId });
      let fresh = false;
      for (const id of await orderProsecutors(manager, order)) {
        fresh =
          (await this.notifications.notify(manager, {
            recipient: { type: 'user', id },
            reason: 'order_completed',
            subjectKey: order.id,
            orderId: order.id,
            params: (locale) => ({
              person: person.fullName,
              caseNumber: order.caseNumber,
              courtName: order.courtName,
              hours: String(order.totalHours),
              date: longDate(localDate(order.completedAt!, bapas.timezone), locale),
            }),
          })) || fresh;
      }
      return fresh ? 'sent' : 'already_sent';
    });
  }
}
