import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { Page } from '../common/pagination.js';
import type { ReportFormat } from './report.rules.js';

export type ExportKind = 'completion_report' | 'monthly_report' | 'subject_access';
/** A report's format, or the subject-access export's JSON. */
export type ExportFormat = ReportFormat | 'json';

export interface ExportRecord {
  id: string;
  at: string;
  userId: string;
  username: string;
  kind: ExportKind;
  format: ExportFormat;
  agencyId: string | null;
  orderId: string | null;
  personId: string | null;
  month: string | null;
  personCount: number;
}

export interface NewExport {
  userId: string;
  kind: ExportKind;
  format: ExportFormat;
  agencyId?: string;
  orderId?: string;
  personId?: string;
  month?: string;
  personCount: number;
}

/** the export log, owned by the reports module: one append-only row per download. */
@Injectable()
export class ExportLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** An id before the file is made, so the file can carry it; `record` then writes the row under it. */
  newId(): string {
    return randomUUID();
  }

  async record(id: string, entry: NewExport): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO export_log (id, at, user_id, kind, format, agency_id, order_id, person_id, month, person_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        this.clock.now(),
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

  /** Newest first (by insertion: a clock may stand still, a sequence does not). */
  async list(limit: number, offset: number): Promise<Page<ExportRecord>> {
    const items: (Omit<ExportRecord, 'at'> & { at: Date })[] = await this.dataSource.query(
      `SELECT e.id, e.at, e.user_id AS "userId", u.username, e.kind, e.format, e.agency_id AS "agencyId",
              e.order_id AS "orderId", e.person_id AS "personId", e.month, e.person_count AS "personCount"
         FROM export_log e JOIN app_user u ON u.id = e.user_id
        ORDER BY e.seq DESC LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM export_log`);
    return { items: items.map((item) => ({ ...item, at: item.at.toISOString() })), total };
  }
}
