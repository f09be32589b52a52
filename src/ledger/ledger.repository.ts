import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import { Page, PageQuery } from '../common/pagination.js';
import { LedgerEntry } from './ledger-entry.entity.js';

/** The ledger's entries: only ever inserted (the database refuses UPDATE and DELETE, R-14). */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  append(entry: Omit<LedgerEntry, 'id' | 'createdAt'>, tx: Tx = this.dataSource.manager): Promise<LedgerEntry> {
    return tx.save(tx.create(LedgerEntry, entry));
  }

  findOfOrder(orderId: string, id: string, tx: Tx = this.dataSource.manager): Promise<LedgerEntry | null> {
    return tx.findOneBy(LedgerEntry, { id, orderId });
  }

  isReversed(creditId: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(LedgerEntry, { reversesId: creditId });
  }

  /** Read model: orders (court_order) whose credited minutes are not their ledger's sum. */
  async ordersOutOfBalance(tx: Tx = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT o.id FROM court_order o
         LEFT JOIN (SELECT order_id, sum(minutes)::int AS minutes FROM ledger_entry GROUP BY order_id) l ON l.order_id = o.id
        WHERE o.credited_minutes <> coalesce(l.minutes, 0)
        ORDER BY o.id LIMIT 100`,
    );
    return rows.map((row) => row.id);
  }

  async page(orderId: string, query: PageQuery, tx: Tx = this.dataSource.manager): Promise<Page<LedgerEntry>> {
    const [items, total] = await tx.getRepository(LedgerEntry).findAndCount({
      where: { orderId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }
}
