import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { Agreement } from '../agreements/agreement.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { CalendarService } from '../calendar/calendar.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import type { RuleViolation } from '../common/rule-violation.js';
import { assertNoConflict, conflict, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Outbox } from '../jobs/outbox.service.js';
import { Order } from '../orders/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';
import { Person } from '../persons/person.entity.js';
import { assignmentJobs } from '../reminders/assignment-jobs.js';
import { Shift } from '../shifts/shift.entity.js';
import { Site } from '../sites/site.entity.js';
import { SitesService } from '../sites/sites.service.js';
import { AssignmentAccess } from './assignment-access.js';
import { transitionRefusals } from './assignment-state.js';
import { Assignment } from './assignment.entity.js';
import { readAssignmentView, toAssignmentView, type AssignmentView } from './assignment.view.js';
import { bookingRefusals } from './booking.rules.js';
import { BookDto, ReasonDto } from './dto.js';

defineMessages({
  'booking.shift_full': { id: 'Sesi sudah penuh (R-18).', en: 'The shift is full (R-18).' },
  'booking.site_not_for_bapas': {
    id: 'Bapas ini bukan pihak PKS lokasi tersebut.',
    en: "This Bapas is not a party to the site's agreement.",
  },
  'assignment.already_started': {
    id: 'Sesi sudah dimulai; catat ketidakhadiran sebagai gantinya.',
    en: 'The shift has started; record an absence instead.',
  },
});

/** Booking a person on a shift and cancelling it. */
@Injectable()
export class BookingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly sites: SitesService,
    private readonly calendar: CalendarService,
    private readonly access: AssignmentAccess,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** The booking, with the calendar's warnings (R-23: a year whose official calendar is not loaded yet). */
  book(actor: AuthUser, dto: BookDto): Promise<AssignmentView & { warnings: RuleViolation[] }> {
    return this.dataSource.transaction(async (manager) => {
      // Locked like a sign-off locks it: no booking slips in while the order completes and releases its seats.
      const order = await this.orders.supervised(manager, actor, dto.orderId, true);
      // One booking at a time per person (who may have several orders): the daily cap is a sum.
      const person = await manager.findOneOrFail(Person, {
        where: { id: order.personId },
        lock: { mode: 'pessimistic_write' },
      });
      const shift = await manager.findOneBy(Shift, { id: dto.shiftId });
      if (!shift) throw unknownReference('shiftId', 'shift');
      const site = await manager.findOneByOrFail(Site, { id: shift.siteId });
      if (!(await this.sites.usableBy(manager, order.bapasId, site)))
        throw conflict({ code: 'booking.site_not_for_bapas' });
      assertNoConflict(await this.refusals(manager, order, person, shift, site));

      // the seat is taken by one conditional update, so concurrent bookings can't pass the capacity.
      const seat = await manager.query(
        `UPDATE shift SET booked_count = booked_count + 1 WHERE id = $1 AND booked_count < capacity RETURNING id`,
        [shift.id],
      );
      if (seat[0].length === 0) throw conflict({ code: 'booking.shift_full' });

      const assignment = await manager.save(
        manager.create(Assignment, {
          orderId: order.id,
          personId: person.id,
          shiftId: shift.id,
          siteId: site.id,
          localDate: shift.date,
          startsAt: shift.startsAt,
          endsAt: shift.endsAt,
          plannedMinutes: shift.plannedMinutes,
          status: 'scheduled',
          createdBy: actor.id,
        }),
      );
      const booked = {
        assignmentId: assignment.id,
        localDate: shift.date,
        timezone: site.timezone,
        startsAt: shift.startsAt,
      };
      await this.outbox.add(manager, assignmentJobs(booked, this.clock.now()));
      const view = toAssignmentView(assignment, person.fullName);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'assignment.booked',
        entityType: 'assignment',
        entityId: assignment.id,
        after: view,
      });
      return { ...view, warnings: await this.calendar.warningsFor(manager, [shift.date]) };
    });
  }

  cancel(actor: AuthUser, id: string, dto: ReasonDto): Promise<AssignmentView> {
    return this.dataSource.transaction(async (manager) => {
      const { assignment } = await this.access.asSupervisor(manager, actor, id);
      assertNoConflict(transitionRefusals(assignment.status, 'cancelled'));
      if (assignment.startsAt <= this.clock.now()) throw conflict({ code: 'assignment.already_started' });
      return this.release(manager, actor.id, assignment, dto.reason);
    });
  }

  /** Cancels an order's scheduled assignments (those starting after `from`, when given), giving their seats back. */
  async releaseScheduled(
    manager: EntityManager,
    actorId: string | null,
    orderId: string,
    reason: string,
    from?: Date,
  ): Promise<number> {
    const pending = await manager.find(Assignment, {
      where: { orderId, status: 'scheduled', ...(from ? { startsAt: MoreThan(from) } : {}) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const assignment of pending) await this.release(manager, actorId, assignment, reason);
    return pending.length;
  }

  /** Cancels a scheduled assignment and gives its seat back. */
  async release(
    manager: EntityManager,
    actorId: string | null,
    assignment: Assignment,
    reason: string,
  ): Promise<AssignmentView> {
    const before = await readAssignmentView(manager, assignment);
    await manager.query(`UPDATE shift SET booked_count = booked_count - 1 WHERE id = $1`, [assignment.shiftId]);
    Object.assign(assignment, {
      status: 'cancelled',
      cancelReason: reason,
      cancelledBy: actorId,
      cancelledAt: this.clock.now(),
    });
    await manager.save(assignment);
    const after = await readAssignmentView(manager, assignment);
    await this.audit.record(manager, {
      actorId,
      action: 'assignment.cancelled',
      entityType: 'assignment',
      entityId: assignment.id,
      before,
      after,
    });
    return after;
  }

  private async refusals(manager: EntityManager, order: Order, person: Person, shift: Shift, site: Site) {
    const host = await manager.findOneByOrFail(Agency, { id: site.agencyId });
    const agreement = await manager.findOneBy(Agreement, { id: site.agreementId });
    const [{ minutes }] = await manager.query(
      `SELECT coalesce(sum(planned_minutes), 0)::int AS minutes FROM assignment
        WHERE person_id = $1 AND local_date = $2 AND status <> 'cancelled'`,
      [person.id, shift.date],
    );
    const overlapping = await manager.query(
      `SELECT 1 FROM assignment WHERE person_id = $1 AND status <> 'cancelled'
          AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) LIMIT 1`,
      [person.id, shift.startsAt, shift.endsAt],
    );
    return bookingRefusals({
      now: this.clock.now(),
      order,
      person,
      shift: {
        date: shift.date,
        start: shift.startTime,
        end: shift.endTime,
        startsAt: shift.startsAt,
        plannedMinutes: shift.plannedMinutes,
      },
      site,
      agreement,
      holiday: await this.calendar.closingHoliday(manager, site.id, host.region, shift.date),
      sameDayPlannedMinutes: minutes,
      overlapsAnotherBooking: overlapping.length > 0,
    });
  }
}
