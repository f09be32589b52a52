import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { BreachGrounds, DecisionView } from './breach.rules.js';
import type { BreachDecisionDto } from './dto.js';

/** The order as OrdersService hands it (and takes it back). */
export type BreachOrder = Awaited<ReturnType<OrdersService['readable']>>;

/** A breach report with its decisions, in no particular order. */
export interface BreachRecord {
  id: string;
  orderId: string;
  status: 'open' | 'decided' | 'dismissed';
  grounds: BreachGrounds;
  reason: string | null;
  evidence: Record<string, unknown>;
  openedAt: Date;
  openedBy: string | null;
  decisions: DecisionView[];
}

export interface NewBreach {
  orderId: string;
  grounds: BreachGrounds;
  reason: string | null;
  evidence: Record<string, unknown>;
  openedAt: Date;
  openedBy: string | null;
}

export interface NewDecision {
  breachId: string;
  decidedBy: string;
  decidedAt: Date;
  prior: { endDate: string; repeatFrom: string | null };
  correction?: { correctsId: string; reason: string };
}

/** The decision a correction replaces: what it did to the order. */
export interface CorrectedDecision {
  outcome: BreachDecisionDto['outcome'];
  repeatMinutes: number | null;
  priorEndDate: string | null;
  priorRepeatFrom: string | null;
}

/** The breach and breach_decision tables. */
@Injectable()
export class BreachRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Read model: the order (court_order, not ours), locked when asked (the breach check), or null when it is gone. */
  order(orderId: string, lock: boolean, tx: Tx = this.dataSource.manager): Promise<BreachOrder | null> {
    return tx.findOne<BreachOrder>('court_order', {
      where: { id: orderId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Read model: one page of the breaches whose order (court_order, not ours) is in the agency's scope. */
  async page(
    scope: { agencyColumn: 'kejaksaan_id' | 'bapas_id' | null; agencyId: string },
    filter: { status: string | null; orderId: string | null },
    page: { limit: number; offset: number },
    tx: Tx = this.dataSource.manager,
  ): Promise<{ ids: string[]; total: number }> {
    const inScope = scope.agencyColumn ? `o.${scope.agencyColumn} = $1` : 'TRUE';
    const where = `${inScope} AND ($2::text IS NULL OR b.status = $2) AND ($3::uuid IS NULL OR b.order_id = $3) AND $1::uuid IS NOT NULL`;
    const params = [scope.agencyId, filter.status, filter.orderId];
    const [{ total }] = await tx.query(
      `SELECT count(*)::int AS total FROM breach b JOIN court_order o ON o.id = b.order_id WHERE ${where}`,
      params,
    );
    const rows: { id: string }[] = await tx.query(
      `SELECT b.id FROM breach b JOIN court_order o ON o.id = b.order_id WHERE ${where} ORDER BY b.opened_at DESC, b.id LIMIT $4 OFFSET $5`,
      [...params, page.limit, page.offset],
    );
    return { ids: rows.map((row) => row.id), total };
  }

  async find(id: string, tx: Tx = this.dataSource.manager): Promise<BreachRecord | null> {
    const [row] = await tx.query(
      `SELECT b.id, b.order_id AS "orderId", b.status, b.grounds, b.reason, b.evidence, b.opened_at AS "openedAt",
              b.opened_by AS "openedBy",
              coalesce((SELECT json_agg(json_build_object(
                'id', d.id, 'outcome', d.outcome, 'decisionNumber', d.decision_number, 'decisionDate', d.decision_date, 'note', d.note,
                'repeatMinutes', d.repeat_minutes, 'newEndDate', d.new_end_date, 'imprisonmentDays', d.imprisonment_days,
                'fineRupiah', d.fine_rupiah, 'decidedBy', d.decided_by, 'decidedAt', d.decided_at,
                'correctsId', d.corrects_id, 'correctionReason', d.correction_reason))
                FROM breach_decision d WHERE d.breach_id = b.id), '[]') AS decisions
         FROM breach b WHERE b.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async orderOf(id: string, tx: Tx = this.dataSource.manager): Promise<string | null> {
    const [row] = await tx.query(`SELECT order_id FROM breach WHERE id = $1`, [id]);
    return row?.order_id ?? null;
  }

  /** The breach's row locked for a decision. */
  async lock(id: string, tx: Tx = this.dataSource.manager): Promise<{ status: string; opened_at: Date }> {
    const [breach] = await tx.query(`SELECT status, opened_at FROM breach WHERE id = $1 FOR UPDATE`, [id]);
    return breach;
  }

  /** Answers the new report's id, or null when the order has an open report already (one open per order). */
  async openOnce(breach: NewBreach, tx: Tx = this.dataSource.manager): Promise<string | null> {
    const [inserted] = await tx.query(
      `INSERT INTO breach (order_id, grounds, reason, evidence, opened_at, opened_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (order_id) WHERE status = 'open' DO NOTHING RETURNING id`,
      [
        breach.orderId,
        breach.grounds,
        breach.reason,
        JSON.stringify(breach.evidence),
        breach.openedAt,
        breach.openedBy,
      ],
    );
    return inserted?.id ?? null;
  }

  async correctedDecision(id: string, tx: Tx = this.dataSource.manager): Promise<CorrectedDecision> {
    const [corrected] = await tx.query(
      `SELECT outcome, repeat_minutes AS "repeatMinutes", prior_end_date AS "priorEndDate",
              prior_repeat_from AS "priorRepeatFrom" FROM breach_decision WHERE id = $1`,
      [id],
    );
    return corrected;
  }

  /**
   * Read model: what a correction must not undo, from breach and assignment (not ours): a later report, work
   * recorded since the report, the last booked date.
   */
  async sinceReport(
    orderId: string,
    openedAt: Date,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ laterReport: boolean; workSinceReport: number; lastBookedDate: string | null }> {
    const [facts] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM breach WHERE order_id = $1 AND opened_at > $2) AS "laterReport",
              (SELECT count(*)::int FROM assignment WHERE order_id = $1 AND starts_at > $2
                  AND status NOT IN ('scheduled', 'cancelled')) AS "workSinceReport",
              (SELECT max(local_date) FROM assignment WHERE order_id = $1 AND status <> 'cancelled') AS "lastBookedDate"`,
      [orderId, openedAt],
    );
    return facts;
  }

  async insertDecision(
    dto: BreachDecisionDto,
    decision: NewDecision,
    tx: Tx = this.dataSource.manager,
  ): Promise<string> {
    const [inserted] = await tx.query(
      `INSERT INTO breach_decision (breach_id, outcome, decision_number, decision_date, note, repeat_minutes, new_end_date,
                                    imprisonment_days, fine_rupiah, decided_by, decided_at, prior_end_date, prior_repeat_from,
                                    corrects_id, correction_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [
        decision.breachId,
        dto.outcome,
        dto.decisionNumber,
        dto.decisionDate,
        dto.note,
        dto.repeatMinutes ?? null,
        dto.newEndDate ?? null,
        dto.imprisonmentDays ?? null,
        dto.fineRupiah ?? null,
        decision.decidedBy,
        decision.decidedAt,
        decision.prior.endDate,
        decision.prior.repeatFrom,
        decision.correction?.correctsId ?? null,
        decision.correction?.reason ?? null,
      ],
    );
    return inserted.id;
  }

  async setStatus(id: string, status: 'decided' | 'dismissed', tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.query(`UPDATE breach SET status = $2 WHERE id = $1`, [id, status]);
  }

  /** Read model: the order's unexcused absences (assignment, not ours) decided since its last breach report. */
  unexcusedSinceLastReport(orderId: string, tx: Tx = this.dataSource.manager): Promise<{ id: string }[]> {
    return tx.query(
      `SELECT a.id FROM assignment a
        WHERE a.order_id = $1 AND a.status = 'unexcused'
          AND a.absence_decided_at > coalesce((SELECT max(opened_at) FROM breach WHERE order_id = $1), '-infinity')`,
      [orderId],
    );
  }

  /**
   * Read model: what the prosecutor reads, from assignment, site and notification (not ours): the absences with
   * both records, and the warnings sent.
   */
  async evidence(
    orderId: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ absences: Record<string, unknown>[]; warnings: Record<string, unknown>[] }> {
    const absences = await tx.query(
      `SELECT a.id AS "assignmentId", a.local_date AS date, s.name AS site, a.status, a.absence_reason AS "coordinatorRecord",
              a.absence_recorded_by AS "recordedBy", a.absence_recorded_at AS "recordedAt",
              a.absence_decision_reason AS "supervisorDecision", a.absence_decided_by AS "decidedBy", a.absence_decided_at AS "decidedAt"
         FROM assignment a JOIN site s ON s.id = a.site_id
        WHERE a.order_id = $1 AND a.status IN ('absent', 'excused', 'unexcused') ORDER BY a.starts_at`,
      [orderId],
    );
    const warnings = await tx.query(
      `SELECT id, assignment_id AS "assignmentId", status, created_at AS "createdAt", sent_at AS "sentAt"
         FROM notification WHERE order_id = $1 AND reason = 'warning' ORDER BY created_at`,
      [orderId],
    );
    return { absences, warnings };
  }

  /** Read model: the person's name (person, not ours), for the messages about their order. */
  async personName(personId: string, tx: Tx = this.dataSource.manager): Promise<string> {
    const [person] = await tx.query(`SELECT full_name FROM person WHERE id = $1`, [personId]);
    return person.full_name;
  }

  /** Read model: the agency's time zone (agency, not ours). */
  async timezoneOf(agencyId: string, tx: Tx = this.dataSource.manager): Promise<string> {
    const [agency] = await tx.query(`SELECT timezone FROM agency WHERE id = $1`, [agencyId]);
    if (!agency) throw new Error(`agency ${agencyId} is gone`);
    return agency.timezone;
  }
}
