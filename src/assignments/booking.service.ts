import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import { AuditService } from '../audit/audit.service.js';
import { officialCalendarWarnings } from '../calendar/calendar.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import type { RuleViolation } from '../common/rule-violation.js';
import { assertNoConflict, conflict, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { assignmentJobs } from '../reminders/assignment-jobs.js';
import { ShiftsService } from '../shifts/shifts.service.js';
import { AssignmentAccess } from './assignment-access.js';
import { transitionRefusals } from './assignment-state.js';
import { Assignment } from './assignment.entity.js';
import { AssignmentRepository } from './assignment.repository.js';
import { toAssignmentView, type AssignmentView } from './assignment.view.js';
import { bookingContext, newBooking } from './booking-context.js';
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
    private readonly transactions: Transactions,
    private readonly assignments: AssignmentRepository,
    private readonly shifts: ShiftsService,
    private readonly access: AssignmentAccess,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The booking, with the calendar's warnings (R-23: a year whose official calendar is not loaded yet). Plain rows
   * in few round trips: the order and its person locked, and the shift's site share-locked on its key (R-05, R-11: a
   * correction of the site waits for the booking or the booking for it), in one statement, every fact the rules
   * need in a second,
   * the seat (the shifts module's), the booking, its jobs and the audit chain's lock in a third, then the audit
   * event.
   */
  book(actor: AuthUser, dto: BookDto): Promise<AssignmentView & { warnings: RuleViolation[] }> {
    return this.transactions.run(async (tx) => {
      // Locked like a sign-off locks it: no booking slips in while the order completes and releases its seats.
      // One booking at a time per person (who may have several orders): the daily cap is a sum.
      const order = this.policy.requireLoaded(
        actor,
        'order.supervise',
        await this.assignments.lockOrderForBooking(dto.orderId, dto.shiftId, tx),
      );
      const shift = await this.assignments.bookingFacts(dto.shiftId, order.personId, order.bapasId, tx);
      if (!shift) throw unknownReference('shiftId', 'shift');
      if (!shift.usable) throw conflict({ code: 'booking.site_not_for_bapas' });
      assertNoConflict(bookingRefusals(bookingContext(this.clock.now(), order, shift)));

      const booking = newBooking(order, shift);
      const jobs = assignmentJobs(
        { assignmentId: booking.id, localDate: shift.date, timezone: shift.timezone, startsAt: shift.startsAt },
        this.clock.now(),
      );
      // the seat in the booking's statement; the booking is written only with it.
      const seated = await this.assignments.insertBooking(
        { ...booking, createdBy: actor.id },
        jobs,
        (first) => this.shifts.seatTaking(shift.id, first),
        (first) => this.audit.chainLock(tx, first),
        tx,
      );
      if (!seated) throw conflict({ code: 'booking.shift_full' });
      const view = toAssignmentView({ ...NOT_ATTENDED, ...booking, status: 'scheduled' }, order.fullName);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'assignment.booked',
        entityType: 'assignment',
        entityId: booking.id,
        after: view,
      });
      return { ...view, warnings: officialCalendarWarnings([shift.date], shift.officialYears) };
    });
  }

  cancel(actor: AuthUser, id: string, dto: ReasonDto): Promise<AssignmentView> {
    return this.transactions.run(async (tx) => {
      const { assignment, personName } = await this.access.asSupervisor(tx, actor, id);
      assertNoConflict(transitionRefusals(assignment.status, 'cancelled'));
      if (assignment.startsAt <= this.clock.now()) throw conflict({ code: 'assignment.already_started' });
      return this.release(tx, actor.id, assignment, dto.reason, personName);
    });
  }

  /** Cancels an order's scheduled assignments (those starting after `from`, when given), giving their seats back. */
  async releaseScheduled(
    tx: Tx,
    actorId: string | null,
    orderId: string,
    reason: string,
    from?: Date,
  ): Promise<number> {
    const pending = await this.assignments.lockScheduled(orderId, from, tx);
    for (const assignment of pending) await this.release(tx, actorId, assignment, reason);
    return pending.length;
  }

  /** Cancels a scheduled assignment and gives its seat back (the shifts module's) in one statement, then its audit. */
  private async release(
    tx: Tx,
    actorId: string | null,
    assignment: Assignment,
    reason: string,
    personName?: string,
  ): Promise<AssignmentView> {
    const before = toAssignmentView(
      assignment,
      personName ?? (await this.assignments.personName(assignment.personId, tx)),
    );
    const cancellation = {
      status: 'cancelled' as const,
      cancelReason: reason,
      cancelledBy: actorId,
      cancelledAt: this.clock.now(),
    };
    await this.assignments.cancel(
      assignment.id,
      cancellation,
      (first) => this.shifts.seatGivingBack(assignment.shiftId, first),
      (first) => this.audit.chainLock(tx, first),
      tx,
    );
    Object.assign(assignment, cancellation);
    const after = {
      ...before,
      status: assignment.status,
      cancellation: { reason, by: actorId, at: cancellation.cancelledAt },
    };
    await this.audit.record(tx, {
      actorId,
      action: 'assignment.cancelled',
      entityType: 'assignment',
      entityId: assignment.id,
      before,
      after,
    });
    return after;
  }
}

/** A new booking's attendance: nothing recorded yet. */
export const NOT_ATTENDED = {
  checkInAt: null,
  checkInReceivedAt: null,
  checkInLat: null,
  checkInLng: null,
  checkInDistanceMeters: null,
  checkInOutsideRadius: null,
  checkInRadiusMeters: null,
  checkedInBy: null,
  checkOutAt: null,
  checkOutReceivedAt: null,
  checkOutLat: null,
  checkOutLng: null,
  checkOutDistanceMeters: null,
  checkOutOutsideRadius: null,
  checkOutRadiusMeters: null,
  penaltyMinutes: null,
  workedMinutes: null,
  confirmationNote: null,
  confirmedBy: null,
  absenceReason: null,
  absenceRecordedBy: null,
  absenceRecordedAt: null,
  absenceDecisionReason: null,
  absenceDecidedBy: null,
  absenceDecidedAt: null,
  cancelReason: null,
  cancelledBy: null,
  cancelledAt: null,
  creditedMinutes: null,
  signOffNote: null,
  signedOffBy: null,
  signedOffAt: null,
} satisfies Partial<Assignment>;
