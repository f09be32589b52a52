import { Injectable } from '@nestjs/common';
import { AssignmentCredits } from '../assignments/assignment-credits.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { assertValid } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Transactions } from '../database/transactions.js';
import { LedgerService, toLedgerView } from '../ledger/ledger.service.js';
import { OrdersService } from '../orders/orders.service.js';
import { ReversalDto } from './dto.js';

defineMessages({
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
    private readonly transactions: Transactions,
    private readonly orders: OrdersService,
    private readonly ledger: LedgerService,
    private readonly credits: AssignmentCredits,
  ) {}

  reverse(actor: AuthUser, orderId: string, entryId: string, dto: ReversalDto) {
    return this.transactions.run(async (tx) => {
      const order = await this.orders.supervised(tx, actor, orderId, true);
      const credit = await this.ledger.reversibleCredit(tx, orderId, entryId);
      const minutes = dto.minutes ?? credit.minutes;
      assertValid(
        minutes <= credit.minutes
          ? []
          : [{ field: 'minutes', code: 'ledger.reversal_above_credit', params: { minutes: credit.minutes } }],
      );

      const reversal = await this.ledger.reverse(tx, credit, minutes, dto.reason, actor.id);
      await this.credits.takeBack(tx, credit.assignmentId, minutes);
      if (order.status === 'completed') await this.orders.reopen(tx, actor.id, order, dto.reason);
      return toLedgerView(reversal);
    });
  }
}
