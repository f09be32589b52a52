import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
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
   * active orders of the Bapas in the zone (or of one Bapas), their persons and regions, the holidays after today
   * until the last end date, and what each has booked.
   */
  async inputs(
    timezone: string,
    today: string,
    horizon: string,
    bapasId: string | undefined,
    tx: Tx = this.dataSource.manager,
  ): Promise<RiskScanInputs | null> {
    const query = tx
      .getRepository<ScannedOrder>('court_order')
      .createQueryBuilder('o')
      .innerJoin('agency', 'b', 'b.id = o.bapas_id')
      .where(`o.status = 'active' AND b.timezone = :timezone`, { timezone });
    if (bapasId) query.andWhere('o.bapas_id = :bapasId', { bapasId });
    const orders = await query.getMany();
    if (orders.length === 0) return null;
    const persons = new Map(
      (await tx.findBy<ScannedPerson>('person', { id: In(orders.map((o) => o.personId)) })).map((p) => [p.id, p]),
    );
    const regions = new Map(
      (
        await tx.findBy<{ id: string; region: string }>('agency', {
          id: In([...new Set(orders.map((o) => o.bapasId))]),
        })
      ).map((b) => [b.id, b.region]),
    );
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
