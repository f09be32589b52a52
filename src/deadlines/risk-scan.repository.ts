import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRows } from '../database/prepared.js';
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

/** An active order with its person, its Bapas's region (its holidays) and what it has booked from today on. */
export interface ScannedOrderWithBookings {
  order: ScannedOrder;
  person: ScannedPerson;
  region: string;
  /** The minutes booked from today on, and whether any is within the horizon. */
  bookedAheadMinutes: number;
  bookedSoon: boolean;
}

type ScannedRow = ScannedOrder & Omit<ScannedPerson, 'id'> & Omit<ScannedOrderWithBookings, 'order' | 'person'>;

export interface RiskScanInputs {
  orders: ScannedOrderWithBookings[];
  holidays: { date: string; region: string }[];
}

/** Reads only: the deadlines module owns no table. */
@Injectable()
export class RiskScanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Read model: the risk scan's inputs from court_order, agency, person, booking_totals, assignment and holiday
   * (none ours): the active orders of the Bapas in the zone (or of one Bapas) with their persons, regions and what
   * they have booked ahead, and the holidays after today (a few dozen a year: the days after the last end date are
   * never counted): two statements at once, each on its own connection. What is booked ahead is the order's running
   * total of scheduled minutes (booking_totals, kept by the database) when its first scheduled day is not before
   * today; only an order with a booking still scheduled on a past day (a no-show not yet recorded) reads its
   * bookings from today on, off the index of scheduled days. The Bapas's active orders are one range of an index
   * that carries what the scan reads of them (court_order_of_bapas), not a page of the table each; their totals are
   * one range of an index by Bapas that carries them; the person is looked up order by order (OFFSET 0 keeps it a
   * probe) in the index of the Bapas's persons that carries their windows (person_of_bapas): never a hash of all
   * persons, nor a page of the person table for each. Named statements, one for a Bapas and one for a zone, so
   * PostgreSQL plans each once per connection.
   */
  async inputs(
    timezone: string,
    today: string,
    horizon: string,
    bapasId: string | undefined,
  ): Promise<RiskScanInputs | null> {
    const [rows, holidays] = await Promise.all([
      preparedRows<ScannedRow>(
        this.dataSource,
        bapasId ? 'risk-scan-of-bapas' : 'risk-scan-of-zone',
        `SELECT o.id, o.person_id AS "personId", o.bapas_id AS "bapasId", o.supervisor_id AS "supervisorId",
                o.case_number AS "caseNumber", o.regime, o.max_hours_per_day AS "maxHoursPerDay", o.end_date AS "endDate",
                o.required_minutes AS "requiredMinutes", o.credited_minutes AS "creditedMinutes", b.region,
                p.full_name AS "fullName", p.in_school AS "inSchool", p.religion, p.worship_defaults AS "worshipDefaults",
                p.unavailable,
                CASE WHEN t.first_scheduled_date IS NULL OR t.first_scheduled_date >= $2 THEN coalesce(t.scheduled_minutes, 0)
                     ELSE (SELECT coalesce(sum(a.planned_minutes), 0)::int FROM assignment a
                            WHERE a.order_id = o.id AND a.status = 'scheduled' AND a.local_date >= $2) END AS "bookedAheadMinutes",
                CASE WHEN t.first_scheduled_date IS NULL THEN false
                     WHEN t.first_scheduled_date >= $2 THEN t.first_scheduled_date <= $3
                     ELSE EXISTS (SELECT 1 FROM assignment a WHERE a.order_id = o.id AND a.status = 'scheduled'
                                     AND a.local_date BETWEEN $2 AND $3) END AS "bookedSoon"
           FROM court_order o JOIN agency b ON b.id = o.bapas_id
          CROSS JOIN LATERAL (SELECT p.full_name, p.in_school, p.religion, p.worship_defaults, p.unavailable FROM person p
                              WHERE p.bapas_id = o.bapas_id AND p.id = o.person_id OFFSET 0) p
           LEFT JOIN booking_totals t ON t.order_id = o.id AND t.bapas_id = o.bapas_id
          WHERE o.status = 'active' AND ${bapasId ? 'o.bapas_id = $1' : 'b.timezone = $1'}`,
        [bapasId ?? timezone, today, horizon],
      ),
      this.dataSource.query(`SELECT date, region FROM holiday WHERE date > $1`, [today]) as Promise<
        { date: string; region: string }[]
      >,
    ]);
    if (rows.length === 0) return null;
    // Field by field: a rest or spread copy of each of a Bapas's ~650 rows took a third of the scan's Node CPU.
    const orders = rows.map((row) => ({
      order: {
        id: row.id,
        personId: row.personId,
        bapasId: row.bapasId,
        supervisorId: row.supervisorId,
        caseNumber: row.caseNumber,
        regime: row.regime,
        maxHoursPerDay: row.maxHoursPerDay,
        endDate: row.endDate,
        requiredMinutes: row.requiredMinutes,
        creditedMinutes: row.creditedMinutes,
      },
      person: {
        id: row.personId,
        fullName: row.fullName,
        inSchool: row.inSchool,
        religion: row.religion,
        worshipDefaults: row.worshipDefaults,
        unavailable: row.unavailable,
      },
      region: row.region,
      bookedAheadMinutes: row.bookedAheadMinutes,
      bookedSoon: row.bookedSoon,
    }));
    return { orders, holidays };
  }
}
