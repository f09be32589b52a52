import { Injectable } from '@nestjs/common';
import { AssignmentsQueries } from '../assignments/assignments.queries.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { Page, PageQuery } from '../common/pagination.js';
import { BreachesService } from '../enforcement/breaches.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { NotificationQueries } from '../notifications/notification.queries.js';
import { OrdersService } from '../orders/orders.service.js';
import { ExportLog } from '../reports/export-log.service.js';
import { PersonsService } from './persons.service.js';

/** Every page of a list, read through its owner's query. */
async function everything<T>(read: (page: PageQuery) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await read(Object.assign(new PageQuery(), { limit: 500, offset }));
    items.push(...page.items);
    if (page.items.length < 500) return items;
  }
}

/**
 * R-30 subject-access request: everything Bakti holds about a person, for their supervisor (R-26), each part
 * read through the module that owns it. The download is a row of the export log (reports' `ExportLog`: who, when,
 * which person), whose id the answer carries.
 */
@Injectable()
export class SubjectAccessService {
  constructor(
    private readonly persons: PersonsService,
    private readonly orders: OrdersService,
    private readonly assignments: AssignmentsQueries,
    private readonly ledger: LedgerService,
    private readonly notifications: NotificationQueries,
    private readonly breaches: BreachesService,
    private readonly exportLog: ExportLog,
    private readonly clock: Clock,
  ) {}

  async export(actor: AuthUser, personId: string) {
    const person = await this.persons.get(actor, personId);
    const orders = await everything((page) => this.orders.list(actor, Object.assign(page, { personId })));
    const ofOrders = await Promise.all(
      orders.map(async (order) => ({
        ...order,
        assignments: await everything((page) => this.assignments.forOrder(actor, order.id, page)),
        ledger: await everything((page) => this.ledger.list(order.id, page)),
        breaches: await everything((page) => this.breaches.list(actor, Object.assign(page, { orderId: order.id }))),
      })),
    );
    const notifications = await everything((page) => this.notifications.list({ recipientId: personId }, page));
    const exportId = this.exportLog.newId();
    await this.exportLog.record(exportId, {
      userId: actor.id,
      kind: 'subject_access',
      format: 'json',
      personId,
      agencyId: person.bapasId,
      personCount: 1,
    });
    return { exportId, exportedAt: this.clock.now(), exportedBy: actor.id, person, orders: ofOrders, notifications };
  }
}
