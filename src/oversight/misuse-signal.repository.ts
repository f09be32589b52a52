import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import type { Evidence, SignalDraft, SignalKind } from './signal.rules.js';

export interface SignalRow {
  id: string;
  kind: SignalKind;
  status: string;
  bapas_id: string;
  bapas_name: string;
  bapas_timezone: string;
  order_id: string | null;
  occurred_at: Date;
  detected_at: Date;
  reviewed_at: Date | null;
  review_note: string | null;
  reviewer: string | null;
  evidence: Evidence;
}

export interface SignalFilter {
  region: string | null;
  status: string | null;
  kind: string | null;
}

const SIGNAL_SELECT = `
  SELECT s.id, s.kind, s.status, s.bapas_id, b.name AS bapas_name, b.timezone AS bapas_timezone,
         s.order_id, s.occurred_at, s.detected_at,
         s.reviewed_at, s.review_note, u.full_name AS reviewer, s.evidence, b.region
    FROM misuse_signal s JOIN agency b ON b.id = s.bapas_id LEFT JOIN app_user u ON u.id = s.reviewed_by`;

const FILTER = `WHERE ($1::text IS NULL OR b.region = $1) AND ($2::text IS NULL OR s.status = $2)
                  AND ($3::text IS NULL OR s.kind = $3)`;

/** `misuse_signal`: one row per (kind, occurrence), opened by the scan and reviewed once. */
@Injectable()
export class MisuseSignalRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Waits for the scan running on another replica, until the end of the transaction. */
  async waitForScan(lock: string, tx: Tx): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [lock]);
  }

  /** Answers the new signal's id, or null for an occurrence already known. */
  async open(draft: SignalDraft, detectedAt: Date, tx: Tx = this.dataSource.manager): Promise<string | null> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO misuse_signal (kind, occurrence, bapas_id, order_id, occurred_at, evidence, detected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (kind, occurrence) DO NOTHING RETURNING id`,
      [
        draft.kind,
        draft.occurrence,
        draft.bapasId,
        draft.orderId,
        draft.occurredAt,
        JSON.stringify(draft.evidence),
        detectedAt,
      ],
    );
    return row?.id ?? null;
  }

  /** Read model: agency (the Bapas's name and region), app_user (the reviewer's name). Open ones first. */
  async page(
    filter: SignalFilter,
    limit: number,
    offset: number,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ rows: SignalRow[]; total: number }> {
    const params = [filter.region, filter.status, filter.kind];
    const rows: SignalRow[] = await tx.query(
      `${SIGNAL_SELECT} ${FILTER} ORDER BY s.status, s.occurred_at DESC, s.id LIMIT $4 OFFSET $5`,
      [...params, limit, offset],
    );
    const [{ total }] = await tx.query(
      `SELECT count(*)::int AS total FROM misuse_signal s JOIN agency b ON b.id = s.bapas_id ${FILTER}`,
      params,
    );
    return { rows, total };
  }

  /** Read model: agency, app_user. One signal with its Bapas's region; `lock` holds it for a review. */
  async one(
    id: string,
    lock: boolean,
    tx: Tx = this.dataSource.manager,
  ): Promise<(SignalRow & { region: string }) | null> {
    const [row] = await tx.query(`${SIGNAL_SELECT} WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`, [id]);
    return row ?? null;
  }

  async review(
    id: string,
    review: { note: string; reviewedBy: string; reviewedAt: Date },
    tx: Tx = this.dataSource.manager,
  ): Promise<void> {
    await tx.query(
      `UPDATE misuse_signal SET status = 'reviewed', review_note = $2, reviewed_by = $3, reviewed_at = $4
        WHERE id = $1`,
      [id, review.note, review.reviewedBy, review.reviewedAt],
    );
  }
}
