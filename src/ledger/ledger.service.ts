import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Page, PageQuery } from '../common/pagination.js';
import { LedgerEntry } from './ledger-entry.entity.js';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async credit(manager: EntityManager, credit: Credit): Promise<LedgerEntry> {
    const entry = await manager.save(
      manager.create(LedgerEntry, {
        orderId: credit.orderId,
        assignmentId: credit.assignmentId,
        minutes: credit.minutes,
        kind: 'credit',
        createdBy: credit.actorId,
      }),
    );
    await this.audit.record(manager, {
      actorId: credit.actorId,
      action: 'ledger.credited',
      entityType: 'ledger_entry',
      entityId: entry.id,
      after: toLedgerView(entry),
    });
    return entry;
  }

  /** a correction is a new entry that takes back all or part of a credit, with its reason. */
  async reverse(
    manager: EntityManager,
    credit: LedgerEntry,
    minutes: number,
    reason: string,
    actorId: string,
  ): Promise<LedgerEntry> {
    const entry = await manager.save(
      manager.create(LedgerEntry, {
        orderId: credit.orderId,
        assignmentId: credit.assignmentId,
        minutes: -minutes,
        kind: 'reversal',
        reason,
        reversesId: credit.id,
        createdBy: actorId,
      }),
    );
    await this.audit.record(manager, {
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
  async ordersOutOfBalance(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT o.id FROM court_order o
         LEFT JOIN (SELECT order_id, sum(minutes)::int AS minutes FROM ledger_entry GROUP BY order_id) l ON l.order_id = o.id
        WHERE o.credited_minutes <> coalesce(l.minutes, 0)
        ORDER BY o.id LIMIT 100`,
    );
    return rows.map((row) => row.id);
  }

  async list(orderId: string, query: PageQuery): Promise<Page<ReturnType<typeof toLedgerView>>> {
    const [items, total] = await this.dataSource.getRepository(LedgerEntry).findAndCount({
      where: { orderId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
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
