import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import type { BookedShift } from './assignment-jobs.js';
import type { ShiftContext } from './shift-context.js';

/** Reads only: the reminders module owns no table. */
@Injectable()
export class ShiftContextRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Read model: one assignment's shift context from assignment, shift, site, site_coordinator, person, court_order
   * and app_user (none ours); null when the assignment is gone, its row locked when asked.
   */
  async load(assignmentId: string, lock: boolean, tx: Tx = this.dataSource.manager): Promise<ShiftContext | null> {
    const assignment = await tx.findOne<ShiftContext['assignment']>('assignment', {
      where: { id: assignmentId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!assignment) return null;
    const shift = await tx.findOneByOrFail<ShiftContext['shift']>('shift', { id: assignment.shiftId });
    const site = await tx.findOneByOrFail<ShiftContext['site']>('site', { id: assignment.siteId });
    const coordinatorIds: string[] = shift.coordinatorId
      ? [shift.coordinatorId]
      : (await tx.query(`SELECT user_id FROM site_coordinator WHERE site_id = $1 ORDER BY user_id`, [site.id])).map(
          (row: { user_id: string }) => row.user_id,
        );
    return {
      assignment,
      shift,
      site,
      person: await tx.findOneByOrFail<ShiftContext['person']>('person', { id: assignment.personId }),
      order: await tx.findOneByOrFail<ShiftContext['order']>('court_order', { id: assignment.orderId }),
      coordinators: await tx.findBy<ShiftContext['coordinators'][number]>('app_user', { id: In(coordinatorIds) }),
    };
  }

  /** Read model: the bookings still ahead (assignment, site: not ours), each with its site's zone. */
  async bookedAhead(now: Date, tx: Tx = this.dataSource.manager): Promise<BookedShift[]> {
    const booked: { id: string; local_date: string; timezone: string; starts_at: Date }[] = await tx.query(
      `SELECT a.id, a.local_date, s.timezone, a.starts_at FROM assignment a JOIN site s ON s.id = a.site_id
        WHERE a.status = 'scheduled' AND a.starts_at > $1`,
      [now],
    );
    return booked.map((a) => ({
      assignmentId: a.id,
      localDate: a.local_date,
      timezone: a.timezone,
      startsAt: a.starts_at,
    }));
  }
}
