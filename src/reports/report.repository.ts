import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRows } from '../database/prepared.js';
import type { Tx } from '../database/transactions.js';

export interface AgencyRow {
  id: string;
  name: string;
  kind: 'bapas' | 'kejaksaan' | 'opd' | 'kanwil';
  timezone: string;
}

export interface CompletionData {
  order: {
    id: string;
    caseNumber: string;
    courtName: string;
    offenseDate: string;
    verdictDate: string;
    regime: 'adult' | 'child';
    totalHours: number;
    maxHoursPerDay: number;
    startDate: string;
    endDate: string;
    repeatMinutes: number;
    replacedKind: 'imprisonment' | 'fine';
    replacedDays: number | null;
    replacedAmountRupiah: number | null;
    requiredMinutes: number;
    creditedMinutes: number;
    completedAt: Date | null;
  };
  personName: string;
  bapas: AgencyRow;
  kejaksaan: AgencyRow;
  supervisorName: string;
  prosecutorName: string | null;
  /** Every shift with a ledger credit, its minutes net of reversals. */
  shifts: { date: string; site: string; minutes: number; confirmedBy: string | null; signedOffBy: string | null }[];
}

export interface OrderLine {
  id: string;
  personId: string;
  caseNumber: string;
  personName: string;
  status: 'active' | 'completed' | 'breached' | 'closed';
  startDate: string;
  endDate: string;
  maxHoursPerDay: number;
  requiredMinutes: number;
  creditedMinutes: number;
  creditedInMonth: number;
  absent: number;
  excused: number;
  unexcused: number;
}

export interface BreachLine {
  orderId: string;
  caseNumber: string;
  personName: string;
  grounds: string;
  status: string;
  openedAt: Date;
}

export interface SiteLine {
  siteName: string;
  shifts: number;
  persons: number;
  confirmedMinutes: number;
  creditedMinutes: number;
  absences: number;
}

export interface MonthWindow {
  firstDate: string;
  lastDate: string;
  from: Date;
  until: Date;
}

/** Who receives an agency's monthly report: its prosecutors, supervisors or coordinators. */
const RECIPIENT_ROLE = { kejaksaan: 'prosecutor', bapas: 'supervisor', opd: 'coordinator' } as const;

/**
 * The reports' read model (DESIGN.md, Ownership): read-only joins over the tables of agencies, users, orders,
 * persons, sites, assignments, the ledger and breaches. It never writes; the only table this module writes is
 * its own `export_log` (ExportLogRepository). Persons appear by name and case number only: no NIK, religion,
 * phone or address (R-30).
 */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Read model: agency. */
  async agency(id: string, tx: Tx = this.dataSource.manager): Promise<AgencyRow | null> {
    const [row] = await tx.query(`SELECT id, name, kind, timezone FROM agency WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Read model: court_order, person, app_user, ledger_entry, assignment, site, agency: a berita acara's facts. */
  async completion(orderId: string, tx: Tx = this.dataSource.manager): Promise<CompletionData> {
    const [row] = await tx.query(
      `SELECT o.id, o.case_number, o.court_name, o.offense_date, o.verdict_date, o.regime, o.total_hours, o.max_hours_per_day,
              o.start_date, o.end_date, o.repeat_minutes, o.replaced_kind, o.replaced_days, o.replaced_amount_rupiah::text,
              o.required_minutes, o.credited_minutes, o.completed_at, p.full_name AS person_name,
              su.full_name AS supervisor_name, pu.full_name AS prosecutor_name, o.bapas_id, o.kejaksaan_id
         FROM court_order o
         JOIN person p ON p.id = o.person_id
         JOIN app_user su ON su.id = o.supervisor_id
         LEFT JOIN app_user pu ON pu.id = o.prosecutor_id
        WHERE o.id = $1`,
      [orderId],
    );
    const shifts = await tx.query(
      `SELECT a.local_date AS date, s.name AS site, sum(l.minutes)::int AS minutes,
              cu.full_name AS "confirmedBy", su.full_name AS "signedOffBy"
         FROM ledger_entry l
         JOIN assignment a ON a.id = l.assignment_id
         JOIN site s ON s.id = a.site_id
         LEFT JOIN app_user cu ON cu.id = a.confirmed_by
         LEFT JOIN app_user su ON su.id = a.signed_off_by
        WHERE l.order_id = $1
        GROUP BY a.id, a.local_date, a.starts_at, s.name, cu.full_name, su.full_name
        ORDER BY a.starts_at`,
      [orderId],
    );
    return {
      order: {
        id: row.id,
        caseNumber: row.case_number,
        courtName: row.court_name,
        offenseDate: row.offense_date,
        verdictDate: row.verdict_date,
        regime: row.regime,
        totalHours: row.total_hours,
        maxHoursPerDay: row.max_hours_per_day,
        startDate: row.start_date,
        endDate: row.end_date,
        repeatMinutes: row.repeat_minutes,
        replacedKind: row.replaced_kind,
        replacedDays: row.replaced_days,
        replacedAmountRupiah: row.replaced_amount_rupiah === null ? null : Number(row.replaced_amount_rupiah),
        requiredMinutes: row.required_minutes,
        creditedMinutes: row.credited_minutes,
        completedAt: row.completed_at,
      },
      personName: row.person_name,
      bapas: (await this.agency(row.bapas_id, tx))!,
      kejaksaan: (await this.agency(row.kejaksaan_id, tx))!,
      supervisorName: row.supervisor_name,
      prosecutorName: row.prosecutor_name,
      shifts,
    };
  }

  /**
   * Read model: court_order, person, ledger_month_totals, absence_month_totals. The orders of a Kejari or a Bapas
   * that the month concerns: begun by its last day and not ended before its first (or still open), with their status
   * and progress now and their absences and credits in it (the breaches opened in it are `breaches`, counted by
   * order there). The orders are one range of an index by agency that carries what the report reads of them
   * (court_order_of_bapas, court_order_of_kejaksaan), not a page of the table each. The persons' names are one range
   * of the index of the Bapas's persons (person_of_bapas; the pair is a foreign key); the month's credits and
   * absences are the agency's month in the totals the database keeps by order, agency and local month (one range of
   * each's primary key, which carries them), so the plan never reads an order's ledger or bookings. A named
   * statement per agency column, planned once per connection.
   */
  async orders(agency: AgencyRow, month: MonthWindow): Promise<OrderLine[]> {
    const column = agency.kind === 'kejaksaan' ? 'kejaksaan_id' : 'bapas_id';
    return preparedRows<OrderLine>(
      this.dataSource,
      `monthly-orders-by-${column}`,
      `SELECT o.id, o.person_id AS "personId", o.case_number AS "caseNumber",
              p.full_name AS "personName", o.status, o.start_date AS "startDate",
              o.end_date AS "endDate", o.max_hours_per_day AS "maxHoursPerDay", o.required_minutes AS "requiredMinutes",
              o.credited_minutes AS "creditedMinutes", coalesce(c.minutes, 0) AS "creditedInMonth",
              coalesce(a.absent, 0) AS absent, coalesce(a.excused, 0) AS excused, coalesce(a.unexcused, 0) AS unexcused
         FROM court_order o
         JOIN person p ON p.id = o.person_id AND p.bapas_id = o.bapas_id
         LEFT JOIN ledger_month_totals c ON c.agency_id = $1 AND c.month = $2 AND c.order_id = o.id
         LEFT JOIN absence_month_totals a ON a.agency_id = $1 AND a.month = $2 AND a.order_id = o.id
        WHERE o.${column} = $1 AND o.start_date <= $3 AND (o.end_date >= $2 OR o.status IN ('active', 'breached'))
        ORDER BY o.case_number`,
      [agency.id, month.firstDate, month.lastDate],
    );
  }

  /** Read model: breach, court_order, person: the breaches opened in the month. */
  async breaches(agency: AgencyRow, month: MonthWindow): Promise<BreachLine[]> {
    const column = agency.kind === 'kejaksaan' ? 'kejaksaan_id' : 'bapas_id';
    return preparedRows<BreachLine>(
      this.dataSource,
      `monthly-breaches-by-${column}`,
      `SELECT o.id AS "orderId", o.case_number AS "caseNumber", p.full_name AS "personName", b.grounds, b.status, b.opened_at AS "openedAt"
         FROM breach b JOIN court_order o ON o.id = b.order_id JOIN person p ON p.id = o.person_id
        WHERE o.${column} = $1 AND b.opened_at >= $2 AND b.opened_at < $3
        ORDER BY b.opened_at`,
      [agency.id, month.from, month.until],
    );
  }

  /**
   * Read model: site, assignment, ledger_entry. The work done at an OPD's sites on the month's local dates
   * counts only, no names.
   */
  async sites(
    agency: AgencyRow,
    month: MonthWindow,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ lines: SiteLine[]; persons: number }> {
    const lines: SiteLine[] = await tx.query(
      `SELECT s.name AS "siteName",
              count(DISTINCT a.shift_id) FILTER (WHERE a.status IN ('checked_out', 'credited'))::int AS shifts,
              count(DISTINCT a.person_id) FILTER (WHERE a.status IN ('checked_out', 'credited'))::int AS persons,
              coalesce(sum(a.worked_minutes) FILTER (WHERE a.status IN ('checked_out', 'credited')), 0)::int AS "confirmedMinutes",
              coalesce((SELECT sum(l.minutes) FROM ledger_entry l JOIN assignment c ON c.id = l.assignment_id
                         WHERE c.site_id = s.id AND c.local_date BETWEEN $2 AND $3), 0)::int AS "creditedMinutes",
              count(a.id) FILTER (WHERE a.status IN ('absent', 'excused', 'unexcused'))::int AS absences
         FROM site s
         LEFT JOIN assignment a ON a.site_id = s.id AND a.local_date BETWEEN $2 AND $3
        WHERE s.agency_id = $1
        GROUP BY s.id, s.name
        ORDER BY s.name`,
      [agency.id, month.firstDate, month.lastDate],
    );
    const [{ persons }] = await tx.query(
      `SELECT count(DISTINCT a.person_id)::int AS persons FROM assignment a JOIN site s ON s.id = a.site_id
        WHERE s.agency_id = $1 AND a.local_date BETWEEN $2 AND $3 AND a.status IN ('checked_out', 'credited')`,
      [agency.id, month.firstDate, month.lastDate],
    );
    return { lines, persons };
  }

  /**
   * Read model: app_user, agency. The active prosecutors of each Kejari, supervisors of each Bapas and
   * coordinators of each OPD in a zone.
   */
  recipients(
    timezone: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ userId: string; agencyId: string; agencyName: string }[]> {
    return tx.query(
      `SELECT u.id AS "userId", a.id AS "agencyId", a.name AS "agencyName"
         FROM app_user u JOIN agency a ON a.id = u.agency_id
        WHERE u.active AND a.timezone = $1
          AND ((a.kind = 'kejaksaan' AND u.role = $2) OR (a.kind = 'bapas' AND u.role = $3) OR (a.kind = 'opd' AND u.role = $4))
        ORDER BY a.name, u.id`,
      [timezone, RECIPIENT_ROLE.kejaksaan, RECIPIENT_ROLE.bapas, RECIPIENT_ROLE.opd],
    );
  }

  /** Read model: agency. The time zones of the agencies that get a monthly report. */
  async reportingZones(tx: Tx = this.dataSource.manager): Promise<string[]> {
    const zones: { timezone: string }[] = await tx.query(
      `SELECT DISTINCT timezone FROM agency WHERE kind IN ('kejaksaan', 'bapas', 'opd') ORDER BY timezone`,
    );
    return zones.map((zone) => zone.timezone);
  }
}
