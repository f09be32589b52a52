import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import type { Regime } from '../orders/order.rules.js';
import type { PersonWindows } from './risk.rules.js';

/** An active order as the risk scan reads it. */
export interface ScannedOrder {
  id: string;
  personId: string;
  bapasId: string;
  supervisorId: string;
  caseNumber: string;
  regime: Regime;
  maxHoursPerDay: number;
  endDate: string;
  requiredMinutes: number;
  creditedMinutes: number;
}

export type ScannedPerson = Omit<PersonWindows, 'regime'> & { id: string; fullName: string };

export interface RiskScanInputs {
  orders: ScannedOrder[];
  persons: Map<string, ScannedPerson>;
  /** Each Bapas's region (its holidays). */
  regions: Map<string, string>;
  holidays: { date: string; region: string }[];
  /** Per order, the minutes booked from today on, and whether any is within the horizon. */
  booked: Map<string, { ahead: number; soon: boolean }>;
}

/** Reads only: the deadlines module owns no table. */
@Injectable()
export class RiskScanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Read model: the risk scan's inputs from court_order, agency, person, holiday and assignment (none ours): the
   * active orders of the Bapas in the zone (or of one Bapas) with their regions, then their persons by id (index
   * lookups, never a join over all persons), the holidays after today until the last end date, and what each has
   * booked: plain rows, four statements.
   */
  async inputs(
    timezone: string,
    today: string,
    horizon: string,
    bapasId: string | undefined,
    tx: Tx = this.dataSource.manager,
  ): Promise<RiskScanInputs | null> {
    const orders: (ScannedOrder & { region: string })[] = await tx.query(
      `SELECT o.id, o.person_id AS "personId", o.bapas_id AS "bapasId", o.supervisor_id AS "supervisorId",
              o.case_number AS "caseNumber", o.regime, o.max_hours_per_day AS "maxHoursPerDay", o.end_date AS "endDate",
              o.required_minutes AS "requiredMinutes", o.credited_minutes AS "creditedMinutes", b.region
         FROM court_order o JOIN agency b ON b.id = o.bapas_id
        WHERE o.status = 'active' AND b.timezone = $1 AND ($2::uuid IS NULL OR o.bapas_id = $2)`,
      [timezone, bapasId ?? null],
    );
    if (orders.length === 0) return null;
    const persons = new Map<string, ScannedPerson>(
      (
        await tx.query(
          `SELECT id, full_name AS "fullName", in_school AS "inSchool", religion, worship_defaults AS "worshipDefaults",
                  unavailable
             FROM person WHERE id = ANY($1::uuid[])`,
          [orders.map((o) => o.personId)],
        )
      ).map((p: ScannedPerson) => [p.id, p]),
    );
    const regions = new Map(orders.map((o) => [o.bapasId, o.region]));
    const holidays: { date: string; region: string }[] = await tx.query(
      `SELECT date, region FROM holiday WHERE date > $1 AND date <= $2`,
      [today, lastEndDate(orders, today)],
    );
    const booked = new Map<string, { ahead: number; soon: boolean }>(
      (
        await tx.query(
          `SELECT order_id, sum(planned_minutes)::int AS ahead, bool_or(local_date <= $3) AS soon
             FROM assignment WHERE order_id = ANY($1::uuid[]) AND status = 'scheduled' AND local_date >= $2
            GROUP BY order_id`,
          [orders.map((o) => o.id), today, horizon],
        )
      ).map((row: { order_id: string; ahead: number; soon: boolean }) => [row.order_id, row]),
    );
    return { orders, persons, regions, holidays, booked };
  }
}

/** The last end date of the orders (today when none ends later). */
export function lastEndDate(orders: { endDate: string }[], today: string): string {
  return orders.reduce((last, o) => (o.endDate > last ? o.endDate : last), today);
}
