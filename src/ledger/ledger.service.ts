import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { conflict, notFound } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page, PageQuery } from '../common/pagination.js';
import type { Tx } from '../database/transactions.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import { LedgerRepository } from './ledger.repository.js';

defineMessages({
  'ledger.not_a_credit': { id: 'Hanya kredit yang dapat dikoreksi.', en: 'Only a credit can be reversed.' },
  'ledger.already_reversed': { id: 'Kredit ini sudah dikoreksi.', en: 'This credit has already been reversed.' },
});

export interface Credit {
  orderId: string;
  assignmentId: string;
  minutes: number;
  actorId: string;
}

/** The order's ledger: append-only; the database keeps the order's credited sum and its ceiling. */
@Injectable()
export class LedgerService {
  constructor(
    private readonly entries: LedgerRepository,
    private readonly audit: AuditService,
  ) {}

  async credit(tx: Tx, credit: Credit): Promise<LedgerEntry> {
    const entry = await this.entries.append(
      {
        orderId: credit.orderId,
        assignmentId: credit.assignmentId,
        minutes: credit.minutes,
        kind: 'credit',
        reason: null,
        reversesId: null,
        createdBy: credit.actorId,
      },
      tx,
    );
    await this.audit.record(tx, {
      actorId: credit.actorId,
      action: 'ledger.credited',
      entityType: 'ledger_entry',
      entityId: entry.id,
      after: toLedgerView(entry),
    });
    return entry;
  }

  /** A credit of the order that may still be reversed (R-14: once, and only a credit). */
  async reversibleCredit(tx: Tx, orderId: string, entryId: string): Promise<LedgerEntry> {
    const credit = await this.entries.findOfOrder(orderId, entryId, tx);
    if (!credit) throw notFound('ledger entry');
    if (credit.kind !== 'credit') throw conflict({ code: 'ledger.not_a_credit' });
    if (await this.entries.isReversed(credit.id, tx)) throw conflict({ code: 'ledger.already_reversed' });
    return credit;
  }

  /** a correction is a new entry that takes back all or part of a credit, with its reason. */
  async reverse(tx: Tx, credit: LedgerEntry, minutes: number, reason: string, actorId: string): Promise<LedgerEntry> {
    const entry = await this.entries.append(
      {
        orderId: credit.orderId,
        assignmentId: credit.assignmentId,
        minutes: -minutes,
        kind: 'reversal',
        reason,
        reversesId: credit.id,
        createdBy: actorId,
      },
      tx,
    );
    await this.audit.record(tx, {
      actorId,
      action: 'ledger.reversed',
      entityType: 'ledger_entry',
      entityId: entry.id,
      after: toLedgerView(entry),
    });
    return entry;
  }

  /**
   * orders whose credited minutes are not their ledger's sum. The database refuses such a change
   * from the service's role; this finds one made behind its back (by a superuser).
   */
  ordersOutOfBalance(): Promise<string[]> {
    return this.entries.ordersOutOfBalance();
  }

  async list(orderId: string, query: PageQuery): Promise<Page<ReturnType<typeof toLedgerView>>> {
    const { items, total } = await this.entries.page(orderId, query);
    return { items: items.map(toLedgerView), total };
  }
}

export function toLedgerView(entry: LedgerEntry) {
  return {
    id: entry.id,
    orderId: entry.orderId,
    assignmentId: entry.assignmentId,
    minutes: entry.minutes,
    kind: entry.kind,
    reason: entry.reason ?? undefined,
    reversesId: entry.reversesId ?? undefined,
    createdAt: entry.createdAt,
    createdBy: entry.createdBy,
  };
}
