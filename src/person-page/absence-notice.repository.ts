import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import type { OwnShiftResponse } from './dto.js';

/** The absence_notice table, and the person page's read model. */
@Injectable()
export class AbsenceNoticeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Read model: court_order (orders'). The minutes required and credited over the person's orders in force, and
   * the last of their end dates; null when none is in force.
   */
  async hoursOf(
    personId: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ required: number; credited: number; end_date: string } | null> {
    const [hours] = await tx.query(
      `SELECT sum(required_minutes)::int AS required, sum(credited_minutes)::int AS credited, max(end_date) AS end_date
         FROM court_order WHERE person_id = $1 AND status = 'active'`,
      [personId],
    );
    return hours.required === null ? null : hours;
  }

  /**
   * Read model: assignment (assignments'), locked until the transaction ends so that a notice and the booking's
   * change don't cross. The person's booking, or null when it is not theirs.
   */
  async lockBooking(
    assignmentId: string,
    personId: string,
    tx: Tx,
  ): Promise<{ id: string; status: string; starts_at: Date } | null> {
    const [booking] = await tx.query(
      `SELECT id, status, starts_at FROM assignment WHERE id = $1 AND person_id = $2 FOR UPDATE`,
      [assignmentId, personId],
    );
    return booking ?? null;
  }

  /** Stores the notice; null when the booking has one already. */
  async insert(
    notice: { assignmentId: string; reason: string; createdAt: Date },
    tx: Tx = this.dataSource.manager,
  ): Promise<Date | null> {
    const [created] = await tx.query(
      `INSERT INTO absence_notice (assignment_id, reason, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (assignment_id) DO NOTHING RETURNING created_at`,
      [notice.assignmentId, notice.reason, notice.createdAt],
    );
    return created ? (created.created_at as Date) : null;
  }

  /**
   * Read model: assignment (assignments'), site and site_coordinator (sites'), shift (shifts'), app_user
   * (identity's). The person's next 20 scheduled shifts ending after `after`, each with its coordinator and notice.
   */
  async nextShifts(personId: string, after: Date, tx: Tx = this.dataSource.manager): Promise<OwnShiftResponse[]> {
    const rows = await tx.query(
      `SELECT a.id, a.local_date, a.starts_at, a.ends_at, s.name, s.address, s.timezone, n.reason AS notice,
              u.full_name AS coordinator_name, u.phone AS coordinator_phone
         FROM assignment a
         JOIN site s ON s.id = a.site_id
         JOIN shift sh ON sh.id = a.shift_id
         LEFT JOIN absence_notice n ON n.assignment_id = a.id
         LEFT JOIN LATERAL (
           SELECT full_name, phone FROM app_user
            WHERE id = coalesce(sh.coordinator_id, (SELECT min(c.user_id::text)::uuid FROM site_coordinator c WHERE c.site_id = s.id))
         ) u ON true
        WHERE a.person_id = $1 AND a.status = 'scheduled' AND a.ends_at > $2
        ORDER BY a.starts_at LIMIT 20`,
      [personId, after],
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw query's rows, typed by the mapping below
    return rows.map((r: Record<string, any>) => ({
      assignmentId: r.id,
      date: r.local_date,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      site: { name: r.name, address: r.address, timezone: r.timezone },
      coordinator: r.coordinator_name ? { fullName: r.coordinator_name, phone: r.coordinator_phone } : null,
      notice: r.notice,
    }));
  }
}
