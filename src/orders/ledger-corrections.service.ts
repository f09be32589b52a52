import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Assignment } from '../assignments/assignment.entity.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { assertValid, conflict, notFound } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { LedgerEntry } from '../ledger/ledger-entry.entity.js';
import { LedgerService, toLedgerView } from '../ledger/ledger.service.js';
import { ReversalDto } from './dto.js';
import { Order } from './order.entity.js';
import { OrdersService } from './orders.service.js';

defineMessages({
  'ledger.not_a_credit': { id: 'Hanya kredit yang dapat dikoreksi.', en: 'Only a credit can be reversed.' },
  'ledger.already_reversed': { id: 'Kredit ini sudah dikoreksi.', en: 'This credit has already been reversed.' },
  'ledger.reversal_above_credit': {
    id: 'Koreksi paling banyak {minutes} menit, sebesar kreditnya.',
    en: 'A reversal takes back at most the credit, {minutes} minutes.',
  },
});

/**
 * Corrections of the ledger: signed credits are never edited; a supervisor of the order's Bapas takes
 * back all or part of one with a reversal entry and a reason. An order completed by that credit is active again.
 */
@Injectable()
export class LedgerCorrectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  reverse(actor: AuthUser, orderId: string, entryId: string, dto: ReversalDto) {
    return this.dataSource.transaction(async (manager) => {
      const order = await this.orders.supervised(manager, actor, orderId, true);
      const credit = await manager.findOneBy(LedgerEntry, { id: entryId, orderId });
      if (!credit) throw notFound('ledger entry');
      if (credit.kind !== 'credit') throw conflict({ code: 'ledger.not_a_credit' });
      if (await manager.existsBy(LedgerEntry, { reversesId: credit.id }))
        throw conflict({ code: 'ledger.already_reversed' });
      const minutes = dto.minutes ?? credit.minutes;
      assertValid(
        minutes <= credit.minutes
          ? []
          : [{ field: 'minutes', code: 'ledger.reversal_above_credit', params: { minutes: credit.minutes } }],
      );

      const reversal = await this.ledger.reverse(manager, credit, minutes, dto.reason, actor.id);
      await manager.decrement(Assignment, { id: credit.assignmentId }, 'creditedMinutes', minutes);
      if (order.status === 'completed') {
        await manager.update(Order, { id: order.id }, { status: 'active', completedAt: null });
        await this.audit.record(manager, {
          actorId: actor.id,
          action: 'order.reopened',
          entityType: 'order',
          entityId: order.id,
          before: { status: 'completed', completedAt: order.completedAt },
          after: { status: 'active', reason: dto.reason },
        });
      }
      return toLedgerView(reversal);
    });
  }
}
