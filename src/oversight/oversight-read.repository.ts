import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import type { AttendanceRow, CreditRow, DutyRow, OpenedDateRow, ReversalRow, SignatureRow } from './signal.rules.js';

export interface BapasRow {
  id: string;
  code: string;
  name: string;
  region: string;
  timezone: string;
}

export interface MonthBounds {
  firstDate: string;
  lastDate: string;
  from: Date;
  until: Date;
}

/** One Bapas's figures for a month, straight from the records (the service derives rates and percentiles). */
export interface BapasMonthRow {
  ordersStarted: number;
  ordersCompleted: number;
  completedBeforeEnd: number;
  ordersBreached: number;
  ordersClosed: number;
  ordersRunning: number;
  requiredMinutes: number;
  creditedMinutes: number;
  assignmentsHeld: number;
  absences: number;
  openConfirmations: number;
  openAbsences: number;
  signOffDelays: number[];
}

export interface EvidenceLabelRow {
  type: string;
  id: string;
  label: string;
}

export interface TrailRow {
  id: string;
  at: Date;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
}

const CREDIT_COLUMNS = `
  a.id AS "assignmentId", a.order_id AS "orderId", o.bapas_id AS "bapasId", a.shift_id AS "shiftId",
  a.confirmed_by AS "confirmedBy", a.signed_off_by AS "signedOffBy", a.signed_off_at AS "signedOffAt",
  a.credited_minutes AS "creditedMinutes"`;

/**
 * The oversight read model: read-only queries over the tables of other modules (agency, app_user,
 * court_order, assignment, shift, site, site_coordinator, site_open_date, ledger_entry, breach, breach_decision,
 * audit_event, person). It never writes; the module writes only its own `misuse_signal` (MisuseSignalRepository).
 */
@Injectable()
export class OversightReadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Read model: agency. The Bapas of a region (every Bapas when `region` is null: an administrator). */
  bapasOf(region: string | null, tx: Tx = this.dataSource.manager): Promise<BapasRow[]> {
    return tx.query(
      `SELECT id, code, name, region, timezone FROM agency
        WHERE kind = 'bapas' AND ($1::text IS NULL OR region = $1) ORDER BY name`,
      [region],
    );
  }

  /** Read model: court_order, agency, breach, breach_decision, ledger_entry, assignment: a Bapas's month. */
  async bapasMonth(bapasId: string, month: MonthBounds, tx: Tx = this.dataSource.manager): Promise<BapasMonthRow> {
    const params = [bapasId, month.firstDate, month.lastDate, month.from, month.until];
    const [orders] = await tx.query(
      `SELECT
         count(*) FILTER (WHERE start_date BETWEEN $2 AND $3)::int AS "ordersStarted",
         count(*) FILTER (WHERE completed_at >= $4 AND completed_at < $5)::int AS "ordersCompleted",
         count(*) FILTER (WHERE completed_at >= $4 AND completed_at < $5
                            AND (completed_at AT TIME ZONE ag.timezone)::date <= end_date)::int AS "completedBeforeEnd",
         count(*) FILTER (WHERE start_date <= $3 AND end_date >= $2)::int AS "ordersRunning",
         coalesce(sum(required_minutes) FILTER (WHERE start_date <= $3 AND end_date >= $2), 0)::int AS "requiredMinutes"
       FROM court_order o JOIN agency ag ON ag.id = o.bapas_id WHERE o.bapas_id = $1`,
      params,
    );
    const [enforcement] = await tx.query(
      `SELECT
         (SELECT count(DISTINCT b.order_id) FROM breach b JOIN court_order o ON o.id = b.order_id
           WHERE o.bapas_id = $1 AND b.opened_at >= $2 AND b.opened_at < $3)::int AS "ordersBreached",
         (SELECT count(DISTINCT b.order_id) FROM breach_decision d JOIN breach b ON b.id = d.breach_id
            JOIN court_order o ON o.id = b.order_id
           WHERE o.bapas_id = $1 AND d.outcome IN ('imprisonment', 'fine')
             AND d.decided_at >= $2 AND d.decided_at < $3)::int AS "ordersClosed",
         (SELECT coalesce(sum(l.minutes), 0) FROM ledger_entry l JOIN court_order o ON o.id = l.order_id
           WHERE o.bapas_id = $1 AND l.created_at >= $2 AND l.created_at < $3)::int AS "creditedMinutes"`,
      [bapasId, month.from, month.until],
    );
    const [attendance] = await tx.query(
      `SELECT
         count(*) FILTER (WHERE a.local_date BETWEEN $2 AND $3
           AND a.status IN ('checked_in', 'checked_out', 'credited', 'absent', 'excused', 'unexcused'))::int AS "assignmentsHeld",
         count(*) FILTER (WHERE a.local_date BETWEEN $2 AND $3
           AND a.status IN ('absent', 'excused', 'unexcused'))::int AS "absences",
         count(*) FILTER (WHERE a.status = 'checked_out')::int AS "openConfirmations",
         count(*) FILTER (WHERE a.status = 'absent')::int AS "openAbsences"
       FROM assignment a JOIN court_order o ON o.id = a.order_id WHERE o.bapas_id = $1`,
      [bapasId, month.firstDate, month.lastDate],
    );
    const delays: { minutes: number }[] = await tx.query(
      `SELECT floor(extract(epoch FROM a.signed_off_at - a.check_out_received_at) / 60)::int AS minutes
         FROM assignment a JOIN court_order o ON o.id = a.order_id
        WHERE o.bapas_id = $1 AND a.signed_off_at >= $2 AND a.signed_off_at < $3
          AND a.check_out_received_at IS NOT NULL`,
      [bapasId, month.from, month.until],
    );
    return { ...orders, ...enforcement, ...attendance, signOffDelays: delays.map((row) => row.minutes) };
  }

  /** Read model: assignment, court_order: check-ins and check-outs received since `since`. */
  attendance(since: Date, tx: Tx = this.dataSource.manager): Promise<AttendanceRow[]> {
    return tx.query(
      `SELECT a.id AS "assignmentId", a.order_id AS "orderId", o.bapas_id AS "bapasId", a.shift_id AS "shiftId",
              a.site_id AS "siteId", a.checked_in_by AS "checkedInBy",
              a.confirmed_by AS "confirmedBy", a.check_in_at AS "checkInAt",
              a.check_in_received_at AS "checkInReceivedAt", a.check_in_distance_meters AS "checkInDistanceMeters",
              a.check_in_radius_meters AS "checkInRadiusMeters", a.check_out_at AS "checkOutAt",
              a.check_out_received_at AS "checkOutReceivedAt", a.check_out_distance_meters AS "checkOutDistanceMeters",
              a.check_out_radius_meters AS "checkOutRadiusMeters"
         FROM assignment a JOIN court_order o ON o.id = a.order_id
        WHERE a.check_in_received_at >= $1 OR a.check_out_received_at >= $1`,
      [since],
    );
  }

  /** Read model: assignment, court_order: the credits signed off since `since`. */
  credits(since: Date, tx: Tx = this.dataSource.manager): Promise<CreditRow[]> {
    return tx.query(
      `SELECT ${CREDIT_COLUMNS}
         FROM assignment a JOIN court_order o ON o.id = a.order_id
        WHERE a.signed_off_at >= $1 AND a.signed_off_by IS NOT NULL AND a.confirmed_by IS NOT NULL`,
      [since],
    );
  }

  /** Read model: assignment, court_order, shift, site_coordinator: who was on duty at each credit. */
  duty(since: Date, tx: Tx = this.dataSource.manager): Promise<DutyRow[]> {
    return tx.query(
      `SELECT ${CREDIT_COLUMNS}, a.site_id AS "siteId", sh.coordinator_id AS "onDutyId",
              EXISTS (SELECT 1 FROM site_coordinator sc WHERE sc.site_id = a.site_id AND sc.user_id = a.confirmed_by)
                AS "confirmerCoordinatesSite"
         FROM assignment a JOIN court_order o ON o.id = a.order_id JOIN shift sh ON sh.id = a.shift_id
        WHERE a.signed_off_at >= $1 AND a.signed_off_by IS NOT NULL AND a.confirmed_by IS NOT NULL`,
      [since],
    );
  }

  /** Read model: assignment, court_order, site_open_date, audit_event: credits on dates opened for a site. */
  openedDates(since: Date, tx: Tx = this.dataSource.manager): Promise<OpenedDateRow[]> {
    return tx.query(
      `SELECT a.id AS "assignmentId", a.order_id AS "orderId", o.bapas_id AS "bapasId", a.shift_id AS "shiftId",
              a.site_id AS "siteId", to_char(a.local_date, 'YYYY-MM-DD') AS date, a.starts_at AS "startsAt",
              coalesce((SELECT min(e.at) FROM audit_event e
                         WHERE e.entity_type = 'site' AND e.entity_id = d.site_id AND e.action = 'site.date_opened'
                           AND e.after ->> 'date' = to_char(d.date, 'YYYY-MM-DD')), d.opened_at) AS "openedAt",
              d.opened_by AS "openedBy"
         FROM assignment a JOIN court_order o ON o.id = a.order_id
         JOIN site_open_date d ON d.site_id = a.site_id AND d.date = a.local_date
        WHERE a.signed_off_at >= $1 AND a.credited_minutes > 0`,
      [since],
    );
  }

  /**
   * Read model: audit_event, assignment, court_order. Confirmations and sign-offs by accounts created (their
   * first audit event) since `since`.
   */
  signatures(since: Date, tx: Tx = this.dataSource.manager): Promise<SignatureRow[]> {
    return tx.query(
      `WITH created AS (
         SELECT entity_id AS user_id, min(at) AS at FROM audit_event
          WHERE entity_type = 'user' AND action IN ('user.created', 'user.seeded') GROUP BY entity_id
         HAVING min(at) >= $1)
       SELECT c.user_id AS "userId", c.at AS "accountCreatedAt", a.id AS "assignmentId", a.order_id AS "orderId",
              o.bapas_id AS "bapasId", 'confirmed' AS act, a.check_out_received_at AS at
         FROM created c JOIN assignment a ON a.confirmed_by = c.user_id JOIN court_order o ON o.id = a.order_id
        WHERE a.check_out_received_at IS NOT NULL
       UNION ALL
       SELECT c.user_id, c.at, a.id, a.order_id, o.bapas_id, 'signed_off', a.signed_off_at
         FROM created c JOIN assignment a ON a.signed_off_by = c.user_id JOIN court_order o ON o.id = a.order_id`,
      [since],
    );
  }

  /** Read model: ledger_entry, court_order: the reversals since `since`. */
  reversals(since: Date, tx: Tx = this.dataSource.manager): Promise<ReversalRow[]> {
    return tx.query(
      `SELECT l.id AS "ledgerEntryId", l.reverses_id AS "reversesId", l.order_id AS "orderId",
              o.bapas_id AS "bapasId", l.assignment_id AS "assignmentId", l.minutes, l.created_at AS "createdAt",
              l.created_by AS "createdBy"
         FROM ledger_entry l JOIN court_order o ON o.id = l.order_id
        WHERE l.kind = 'reversal' AND l.created_at >= $1`,
      [since],
    );
  }

  /**
   * Read model: court_order, person. What a signal's order names: the case number and the person's name (R-30:
   * never NIK nor religion).
   */
  async subject(
    orderId: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ caseNumber: string; personName: string } | null> {
    const [row] = await tx.query(
      `SELECT o.case_number AS "caseNumber", p.full_name AS "personName"
         FROM court_order o JOIN person p ON p.id = o.person_id WHERE o.id = $1`,
      [orderId],
    );
    return row ?? null;
  }

  /**
   * Read model: assignment, site, shift, court_order, ledger_entry, app_user. A short label for each evidence
   * record, in Indonesian: where and when, who, how many minutes.
   */
  labels(records: { type: string; id: string }[], tx: Tx = this.dataSource.manager): Promise<EvidenceLabelRow[]> {
    const ids = (type: string) => records.filter((record) => record.type === type).map((record) => record.id);
    return tx.query(
      `SELECT 'assignment' AS type, a.id, s.name || ', ' || to_char(a.local_date, 'YYYY-MM-DD') || ' ' ||
              to_char(sh.start_time, 'HH24:MI') || '–' || to_char(sh.end_time, 'HH24:MI') || ' (' || a.status || ')' AS label
         FROM assignment a JOIN site s ON s.id = a.site_id JOIN shift sh ON sh.id = a.shift_id WHERE a.id = ANY($1)
       UNION ALL
       SELECT 'order', o.id, o.case_number || ' (' || o.status || ')' FROM court_order o WHERE o.id = ANY($2)
       UNION ALL
       SELECT 'ledger_entry', l.id, l.kind || ' ' || l.minutes || ' menit' || coalesce(': ' || l.reason, '')
         FROM ledger_entry l WHERE l.id = ANY($3)
       UNION ALL
       SELECT 'user', u.id, u.full_name || ' (' || u.username || ', ' || u.role || ')' FROM app_user u WHERE u.id = ANY($4)
       UNION ALL
       SELECT 'shift', sh.id, s.name || ', ' || to_char(sh.date, 'YYYY-MM-DD') || ' ' || to_char(sh.start_time, 'HH24:MI')
              || '–' || to_char(sh.end_time, 'HH24:MI')
         FROM shift sh JOIN site s ON s.id = sh.site_id WHERE sh.id = ANY($5)
       UNION ALL
       SELECT 'site', s.id, s.name || ' (radius ' || s.radius_meters || ' m)' FROM site s WHERE s.id = ANY($6)`,
      [ids('assignment'), ids('order'), ids('ledger_entry'), ids('user'), ids('shift'), ids('site')],
    );
  }

  /**
   * Read model: audit_event, app_user. The audit events of the evidence records, oldest first, without their
   * before and after.
   */
  trail(records: { type: string; id: string }[], tx: Tx = this.dataSource.manager): Promise<TrailRow[]> {
    return tx.query(
      `SELECT e.id, e.at, u.full_name AS "actorName", e.action, e.entity_type AS "entityType", e.entity_id AS "entityId"
         FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
         JOIN unnest($1::text[], $2::uuid[]) AS r(type, id) ON e.entity_type = r.type AND e.entity_id = r.id
        ORDER BY e.seq LIMIT 500`,
      [records.map((record) => record.type), records.map((record) => record.id)],
    );
  }
}
