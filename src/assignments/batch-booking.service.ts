import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { assertNoConflict, conflict, DomainError, unknownReference } from '../common/domain-error.js';
import type { RuleViolation } from '../common/rule-violation.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { PlannedJob } from '../jobs/jobs.js';
import { assignmentJobs } from '../reminders/assignment-jobs.js';
import { ShiftsService } from '../shifts/shifts.service.js';
import { AssignmentRepository, type NewBooking } from './assignment.repository.js';
import { toAssignmentView, type AssignmentView } from './assignment.view.js';
import { bookingContext, newBooking } from './booking-context.js';
import { bookingRefusals } from './booking.rules.js';
import { NOT_ATTENDED } from './booking.service.js';

export interface BatchProposal {
  orderId: string;
  shiftId: string;
}

/** A proposal booked, or refused with the first reason a single booking would have given. */
export type BatchOutcome = { assignmentId: string } | { refusal: RuleViolation };

/** Proposals per transaction: enough to save the round trips, few enough that the locks are held briefly. */
export const BATCH_CHUNK = 500;
const DEADLOCK = '40P01';
const ATTEMPTS = 3;

/**
 * Books many proposals (a plan's) as `BookingService.book` books one, with its rules, its access check and its
 * database guards, in a few statements per chunk instead of five per booking: the orders and their persons, then
 * the shifts, locked in the order of their ids; the facts of every (order, shift) in one statement; the rules in
 * plan order, each proposal counting the minutes, overlaps and seats of those booked before it in the chunk; then
 * the seats, the bookings with their jobs, and their audit events, one statement each.
 */
@Injectable()
export class BatchBookingService {
  constructor(
    private readonly transactions: Transactions,
    private readonly assignments: AssignmentRepository,
    private readonly shifts: ShiftsService,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** One outcome per proposal, in their order; a chunk is one transaction. */
  async bookAll(actor: AuthUser, proposals: BatchProposal[], chunk = BATCH_CHUNK): Promise<BatchOutcome[]> {
    const outcomes: BatchOutcome[] = [];
    for (let start = 0; start < proposals.length; start += chunk) {
      outcomes.push(...(await this.bookChunk(actor, proposals.slice(start, start + chunk))));
    }
    return outcomes;
  }

  /**
   * A chunk, tried again when PostgreSQL broke a deadlock by aborting it (another transaction that releases
   * several seats, such as a sign-off, may lock its shifts in another order).
   */
  private async bookChunk(actor: AuthUser, proposals: BatchProposal[]): Promise<BatchOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactions.run((tx) => this.bookInTransaction(tx, actor, proposals));
      } catch (error) {
        const code = (error as { driverError?: { code?: string } }).driverError?.code;
        if (code !== DEADLOCK || attempt === ATTEMPTS) throw error;
      }
    }
  }

  private async bookInTransaction(tx: Tx, actor: AuthUser, proposals: BatchProposal[]): Promise<BatchOutcome[]> {
    const locked = await this.assignments.lockOrdersForBatch([...new Set(proposals.map((p) => p.orderId))], tx);
    const orders = new Map(locked.map((order) => [order.id, order]));
    await this.assignments.lockSitesForBooking(
      proposals.map((p) => p.shiftId),
      tx,
    );
    const seats = new Map(
      (
        await this.shifts.lockSeats(
          tx,
          proposals.map((p) => p.shiftId),
        )
      ).map((s) => [s.id, s]),
    );
    const facts = await this.assignments.batchBookingFacts(
      proposals.map(({ orderId, shiftId }) => ({
        shiftId,
        personId: orders.get(orderId)?.personId ?? null,
        bapasId: orders.get(orderId)?.bapasId ?? null,
      })),
      tx,
    );
    const now = this.clock.now();
    const booked = new BookedInChunk();
    const bookings: NewBooking[] = [];
    const jobs: PlannedJob[] = [];
    const views: AssignmentView[] = [];
    const outcomes = proposals.map((proposal, i): BatchOutcome => {
      try {
        const order = this.policy.requireLoaded(actor, 'order.supervise', orders.get(proposal.orderId));
        const shift = facts[i];
        if (!shift) throw unknownReference('shiftId', 'shift');
        if (!shift.usable) throw conflict({ code: 'booking.site_not_for_bapas' });
        const context = bookingContext(now, order, shift);
        assertNoConflict(
          bookingRefusals({
            ...context,
            sameDayPlannedMinutes: context.sameDayPlannedMinutes + booked.minutes(order.personId, shift.date),
            overlapsAnotherBooking: context.overlapsAnotherBooking || booked.overlaps(order.personId, shift),
          }),
        );
        const seat = seats.get(shift.id)!;
        if (seat.bookedCount + booked.seats(shift.id) >= seat.capacity) throw conflict({ code: 'booking.shift_full' });
        const booking = { ...newBooking(order, shift), createdBy: actor.id };
        booked.add(booking);
        bookings.push(booking);
        jobs.push(
          ...assignmentJobs(
            { assignmentId: booking.id, localDate: shift.date, timezone: shift.timezone, startsAt: shift.startsAt },
            now,
          ),
        );
        views.push(toAssignmentView({ ...NOT_ATTENDED, ...booking, status: 'scheduled' }, order.fullName));
        return { assignmentId: booking.id };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return { refusal: error.violations[0] };
      }
    });
    if (bookings.length === 0) return outcomes;
    // The shifts are locked and counted: a refusal here would be a bug, and rolls the chunk back.
    if (!(await this.shifts.takeSeats(tx, booked.seatsTaken))) throw new Error('R-18: a counted seat was not free');
    await this.assignments.insertBookings(bookings, jobs, (first) => this.audit.chainLock(tx, first), tx);
    await this.audit.recordAll(
      tx,
      views.map((view) => ({
        actorId: actor.id,
        action: 'assignment.booked',
        entityType: 'assignment',
        entityId: view.id,
        after: view,
      })),
    );
    return outcomes;
  }
}

/** What the chunk has booked so far, which the database's facts (read before it) do not show. */
class BookedInChunk {
  private readonly byPerson = new Map<string, NewBooking[]>();
  readonly seatsTaken = new Map<string, number>();

  add(booking: NewBooking): void {
    this.byPerson.set(booking.personId, [...(this.byPerson.get(booking.personId) ?? []), booking]);
    this.seatsTaken.set(booking.shiftId, this.seats(booking.shiftId) + 1);
  }

  /** the person's minutes booked by the chunk on that local date. */
  minutes(personId: string, date: string): number {
    return (this.byPerson.get(personId) ?? [])
      .filter((booking) => booking.localDate === date)
      .reduce((sum, booking) => sum + booking.plannedMinutes, 0);
  }

  /** as the exclusion constraint sees it, [startsAt, endsAt) against the chunk's bookings of the person. */
  overlaps(personId: string, shift: { startsAt: Date; endsAt: Date }): boolean {
    return (this.byPerson.get(personId) ?? []).some(
      (booking) => booking.startsAt < shift.endsAt && shift.startsAt < booking.endsAt,
    );
  }

  seats(shiftId: string): number {
    return this.seatsTaken.get(shiftId) ?? 0;
  }
}
