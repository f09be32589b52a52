import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { partyToAgreement } from '../access/access.conditions.js';
import { AccessPolicy } from '../access/access.policy.js';
import { AuditService } from '../audit/audit.service.js';
import { officialCalendarWarnings } from '../calendar/calendar.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import type { RuleViolation } from '../common/rule-violation.js';
import { assertNoConflict, conflict, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { outboxColumns } from '../jobs/outbox.service.js';
import type { Regime } from '../orders/order.rules.js';
import { assignmentJobs } from '../reminders/assignment-jobs.js';
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
    private readonly access: AssignmentAccess,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The booking, with the calendar's warnings (R-23: a year whose official calendar is not loaded yet). Plain rows
   * in few round trips: the order and its person locked in one statement, every fact the rules need in a second,
   * the seat, the booking, its jobs and the audit chain's lock in a third, then the audit event.
   */
  book(actor: AuthUser, dto: BookDto): Promise<AssignmentView & { warnings: RuleViolation[] }> {
    return this.dataSource.transaction(async (manager) => {
      // Locked like a sign-off locks it: no booking slips in while the order completes and releases its seats.
      // One booking at a time per person (who may have several orders): the daily cap is a sum.
      const [order]: BookedOrder[] = await manager.query(
        `SELECT o.id, o.person_id AS "personId", o.bapas_id AS "bapasId", o.kejaksaan_id AS "kejaksaanId",
                o.status, o.regime, o.start_date AS "startDate", o.end_date AS "endDate",
                o.max_hours_per_day AS "maxHoursPerDay", p.full_name AS "fullName", p.religion,
                p.in_school AS "inSchool", p.worship_defaults AS "worshipDefaults", p.unavailable
           FROM court_order o JOIN person p ON p.id = o.person_id WHERE o.id = $1 FOR UPDATE`,
        [dto.orderId],
      );
      this.policy.requireLoaded(actor, 'order.supervise', order);
      const [shift]: BookingFacts[] = await manager.query(
        `SELECT s.id, s.site_id AS "siteId", s.date, s.start_time AS "startTime", s.end_time AS "endTime",
                s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.planned_minutes AS "plannedMinutes",
                site.timezone, site.minors_allowed AS "minorsAllowed",
                ${partyToAgreement('site.agreement_id', '$3')} AS usable,
                g.valid_from AS "validFrom", g.valid_to AS "validTo",
                (SELECT h.name FROM holiday h JOIN agency host ON host.id = site.agency_id
                  WHERE h.date = s.date AND h.region IN ('', host.region)
                    AND NOT EXISTS (SELECT 1 FROM site_open_date o WHERE o.site_id = site.id AND o.date = h.date)
                  ORDER BY h.region LIMIT 1) AS holiday,
                (SELECT coalesce(sum(a.planned_minutes), 0)::int FROM assignment a
                  WHERE a.person_id = $2 AND a.local_date = s.date AND a.status <> 'cancelled') AS "sameDayMinutes",
                EXISTS (SELECT 1 FROM assignment a WHERE a.person_id = $2 AND a.status <> 'cancelled'
                           AND tstzrange(a.starts_at, a.ends_at) && tstzrange(s.starts_at, s.ends_at)) AS overlaps,
                ARRAY(SELECT year FROM holiday_year WHERE official) AS "officialYears"
           FROM shift s JOIN site ON site.id = s.site_id LEFT JOIN agreement g ON g.id = site.agreement_id
          WHERE s.id = $1`,
        [dto.shiftId, order.personId, order.bapasId],
      );
      if (!shift) throw unknownReference('shiftId', 'shift');
      if (!shift.usable) throw conflict({ code: 'booking.site_not_for_bapas' });
      assertNoConflict(
        bookingRefusals({
          now: this.clock.now(),
          order,
          person: order,
          shift: {
            date: shift.date,
            start: shift.startTime,
            end: shift.endTime,
            startsAt: shift.startsAt,
            plannedMinutes: shift.plannedMinutes,
          },
          site: shift,
          agreement: shift.validFrom === null ? null : { validFrom: shift.validFrom, validTo: shift.validTo! },
          holiday: shift.holiday === null ? null : { name: shift.holiday },
          sameDayPlannedMinutes: shift.sameDayMinutes,
          overlapsAnotherBooking: shift.overlaps,
        }),
      );

      const id = randomUUID();
      const jobs = assignmentJobs(
        { assignmentId: id, localDate: shift.date, timezone: shift.timezone, startsAt: shift.startsAt },
        this.clock.now(),
      );
      const chainLock = this.audit.chainLock(manager, 10);
      // the seat is taken by one conditional update, so concurrent bookings can't pass the capacity; the
      // booking and its jobs are written only with the seat.
      const [seat] = await manager.query(
        `WITH seat AS (
           UPDATE shift SET booked_count = booked_count + 1 WHERE id = $1 AND booked_count < capacity RETURNING id),
         booked AS (
           INSERT INTO assignment (id, order_id, person_id, shift_id, site_id, local_date, starts_at, ends_at,
                                   planned_minutes, status, created_by)
           SELECT $2, $3, $4, seat.id, $5, $6, $7, $8, $9, 'scheduled', $12 FROM seat RETURNING id),
         jobs AS (
           INSERT INTO outbox (queue, job_name, job_id, payload, run_at)
           SELECT * FROM unnest($13::text[], $14::text[], $15::text[], $16::jsonb[], $17::timestamptz[])
            WHERE EXISTS (SELECT 1 FROM booked))
         SELECT (SELECT count(*)::int FROM booked) AS booked, ${chainLock.sql} AS locked`,
        [
          shift.id,
          id,
          order.id,
          order.personId,
          shift.siteId,
          shift.date,
          shift.startsAt,
          shift.endsAt,
          shift.plannedMinutes,
          ...chainLock.params,
          actor.id,
          ...outboxColumns(jobs),
        ],
      );
      if (seat.booked === 0) throw conflict({ code: 'booking.shift_full' });
      const view = toAssignmentView(
        {
          ...NOT_ATTENDED,
          id,
          orderId: order.id,
          personId: order.personId,
          shiftId: shift.id,
          siteId: shift.siteId,
          localDate: shift.date,
          startsAt: shift.startsAt,
          endsAt: shift.endsAt,
          plannedMinutes: shift.plannedMinutes,
          status: 'scheduled',
        },
        order.fullName,
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'assignment.booked',
        entityType: 'assignment',
        entityId: id,
        after: view,
      });
      return { ...view, warnings: officialCalendarWarnings([shift.date], shift.officialYears) };
    });
  }

  cancel(actor: AuthUser, id: string, dto: ReasonDto): Promise<AssignmentView> {
    return this.dataSource.transaction(async (manager) => {
      const { assignment, personName } = await this.access.asSupervisor(manager, actor, id);
      assertNoConflict(transitionRefusals(assignment.status, 'cancelled'));
      if (assignment.startsAt <= this.clock.now()) throw conflict({ code: 'assignment.already_started' });
      return this.release(manager, actor.id, assignment, dto.reason, personName);
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

  /** Cancels a scheduled assignment and gives its seat back: one statement, then its audit event. */
  async release(
    manager: EntityManager,
    actorId: string | null,
    assignment: Assignment,
    reason: string,
    personName?: string,
  ): Promise<AssignmentView> {
    const before =
      personName === undefined
        ? await readAssignmentView(manager, assignment)
        : toAssignmentView(assignment, personName);
    const cancellation = {
      status: 'cancelled' as const,
      cancelReason: reason,
      cancelledBy: actorId,
      cancelledAt: this.clock.now(),
    };
    const chainLock = this.audit.chainLock(manager, 6);
    await manager.query(
      `WITH seat AS (UPDATE shift SET booked_count = booked_count - 1 WHERE id = $1),
            cancelled AS (UPDATE assignment SET status = 'cancelled', cancel_reason = $3, cancelled_by = $4,
                                 cancelled_at = $5, updated_at = now() WHERE id = $2)
       SELECT ${chainLock.sql}`,
      [assignment.shiftId, assignment.id, reason, actorId, cancellation.cancelledAt, ...chainLock.params],
    );
    Object.assign(assignment, cancellation);
    const after = {
      ...before,
      status: assignment.status,
      cancellation: { reason, by: actorId, at: cancellation.cancelledAt },
    };
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
}

interface BookedOrder {
  id: string;
  personId: string;
  bapasId: string;
  kejaksaanId: string;
  status: string;
  regime: Regime;
  startDate: string;
  endDate: string;
  maxHoursPerDay: number;
  fullName: string;
  religion: string | null;
  inSchool: boolean;
  worshipDefaults: boolean;
  unavailable: { weekday: number; from: string; to: string }[];
}

interface BookingFacts {
  id: string;
  siteId: string;
  date: string;
  startTime: string;
  endTime: string;
  startsAt: Date;
  endsAt: Date;
  plannedMinutes: number;
  timezone: string;
  minorsAllowed: boolean;
  usable: boolean;
  validFrom: string | null;
  validTo: string | null;
  holiday: string | null;
  sameDayMinutes: number;
  overlaps: boolean;
  officialYears: number[];
}

/** A new booking's attendance: nothing recorded yet. */
const NOT_ATTENDED = {
  checkInAt: null,
  checkInReceivedAt: null,
  checkInLat: null,
  checkInLng: null,
  checkInDistanceMeters: null,
  checkInOutsideRadius: null,
  checkedInBy: null,
  checkOutAt: null,
  checkOutReceivedAt: null,
  checkOutLat: null,
  checkOutLng: null,
  checkOutDistanceMeters: null,
  checkOutOutsideRadius: null,
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
