import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRows } from '../database/prepared.js';
import type { Tx } from '../database/transactions.js';

export interface BookingRow {
  status: string;
  assignment_id: string;
  order_id: string;
  person_name: string;
  shift_id: string;
  date: string;
  starts_at: Date;
  ends_at: Date;
  site_id: string;
  site_name: string;
  timezone: string;
  check_in_at: Date | null;
  check_out_at: Date | null;
  penalty_minutes: number | null;
  worked_minutes: number | null;
  note: string | null;
  confirmed_by: string | null;
  absence_reason: string | null;
  absence_recorded_by: string | null;
  notice: string | null;
}

/** Reads only: the worklist is a read model. */
@Injectable()
export class WorklistRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Read model: the Bapas's bookings a supervisor reviews, from booking_totals, assignment, absence_notice, court_order,
   * person, site and app_user (none ours): those checked out or absent, those scheduled that started in [since, now],
   * and those with a notice of absence. The first two kinds are looked for only in the orders whose totals (kept by
   * the database, an index by Bapas each) say they have one: a few hundred of a Bapas's thousand orders. The names
   * and the notice are looked up row by row (a few hundred rows), the persons' names read off one range of the index
   * of the Bapas's persons (person_of_bapas): no hash of every site and user is built, and the planner has fewer
   * joins to order. A named statement: planning this union of joins cost PostgreSQL about as much
   * as running it.
   */
  toReview(bapasId: string, since: Date, now: Date): Promise<BookingRow[]> {
    return preparedRows<BookingRow>(
      this.dataSource,
      'worklist-to-review',
      `SELECT a.id AS assignment_id, a.order_id, a.status, p.full_name AS person_name, a.shift_id, a.local_date AS date,
            a.starts_at, a.ends_at, a.site_id, s.name AS site_name, s.timezone,
            a.check_in_at, a.check_out_at, a.penalty_minutes, a.worked_minutes, a.confirmation_note AS note,
            (SELECT u.full_name FROM app_user u WHERE u.id = a.confirmed_by) AS confirmed_by, a.absence_reason,
            (SELECT u.full_name FROM app_user u WHERE u.id = a.absence_recorded_by) AS absence_recorded_by,
            (SELECT n.reason FROM absence_notice n WHERE n.assignment_id = a.id) AS notice
       FROM (SELECT a.* FROM booking_totals t JOIN assignment a ON a.order_id = t.order_id
              WHERE t.bapas_id = $1 AND t.awaiting_review > 0 AND a.status IN ('checked_out', 'absent')
             UNION ALL
             SELECT a.* FROM booking_totals t JOIN assignment a ON a.order_id = t.order_id
              WHERE t.bapas_id = $1 AND t.first_scheduled_at <= $3
                AND a.status = 'scheduled' AND a.starts_at BETWEEN $2 AND $3
             UNION ALL
             SELECT a.* FROM absence_notice n JOIN assignment a ON a.id = n.assignment_id
              JOIN court_order o ON o.id = a.order_id
              WHERE o.bapas_id = $1 AND a.status = 'scheduled' AND a.starts_at NOT BETWEEN $2 AND $3) a
       JOIN person p ON p.id = a.person_id AND p.bapas_id = $1
       CROSS JOIN LATERAL (SELECT s.name, s.timezone FROM site s WHERE s.id = a.site_id) s
      ORDER BY a.starts_at, p.full_name`,
      [bapasId, since, now],
    );
  }

  /** Read model: the Bapas's time zone (agency, not ours). */
  async timezoneOf(bapasId: string, tx: Tx = this.dataSource.manager): Promise<string> {
    const [bapas] = await tx.query(`SELECT timezone FROM agency WHERE id = $1`, [bapasId]);
    if (!bapas) throw new Error(`agency ${bapasId} is gone`);
    return bapas.timezone;
  }
}
