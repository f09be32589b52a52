import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page } from '../common/pagination.js';
import type { Tx } from '../database/transactions.js';
import type { ExportRecord, NewExport } from './export-log.service.js';

/** `export_log`, append-only: one row per download. */
@Injectable()
export class ExportLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(id: string, at: Date, entry: NewExport, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.query(
      `INSERT INTO export_log (id, at, user_id, kind, format, agency_id, order_id, person_id, month, person_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        at,
        entry.userId,
        entry.kind,
        entry.format,
        entry.agencyId ?? null,
        entry.orderId ?? null,
        entry.personId ?? null,
        entry.month ?? null,
        entry.personCount,
      ],
    );
  }

  /** Read model: app_user (the username). Newest first (by insertion: a clock may stand still, a sequence does not). */
  async page(limit: number, offset: number, tx: Tx = this.dataSource.manager): Promise<Page<ExportRecord>> {
    const items: (Omit<ExportRecord, 'at'> & { at: Date })[] = await tx.query(
      `SELECT e.id, e.at, e.user_id AS "userId", u.username, e.kind, e.format, e.agency_id AS "agencyId",
              e.order_id AS "orderId", e.person_id AS "personId", e.month, e.person_count AS "personCount"
         FROM export_log e JOIN app_user u ON u.id = e.user_id
        ORDER BY e.seq DESC LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM export_log`);
    return { items: items.map((item) => ({ ...item, at: item.at.toISOString() })), total };
  }
}
