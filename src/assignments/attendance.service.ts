import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { assertNoConflict, assertValid, conflict } from '../common/domain-error.js';
import { locationFlag } from '../common/geo.js';
import { IdempotencyService } from '../common/idempotency.js';
import { defineMessages } from '../common/messages.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { AssignmentAccess } from './assignment-access.js';
import { transitionRefusals } from './assignment-state.js';
import { Assignment, AssignmentStatus } from './assignment.entity.js';
import { AssignmentRepository, type Workplace } from './assignment.repository.js';
import { toAssignmentView, type AssignmentView } from './assignment.view.js';
import { PersonsService } from '../persons/persons.service.js';
import { checkInViolations, checkOutViolations, workedMinutes } from './attendance.rules.js';
import { CheckInDto, CheckOutDto, ReasonDto } from './dto.js';

defineMessages({
  'attendance.absence_before_start': {
    id: 'Ketidakhadiran baru dapat dicatat setelah sesi dimulai.',
    en: 'An absence can be recorded only once the shift has started.',
  },
  'attendance.penalty_needs_note': {
    id: 'Menit potongan memerlukan catatan alasannya.',
    en: 'Penalty minutes need a note saying why.',
  },
});

export interface IdempotencyContext {
  key: string | undefined;
}

/** The coordinator's roll-call at the site: check-in, check-out (the first signature, R-14), absence. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly transactions: Transactions,
    private readonly assignments: AssignmentRepository,
    private readonly access: AssignmentAccess,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly persons: PersonsService,
  ) {}

  checkIn(actor: AuthUser, id: string, dto: CheckInDto, { key }: IdempotencyContext): Promise<AssignmentView> {
    return this.record(actor, id, 'checked_in', { key, body: dto }, (assignment, now, workplace) => {
      const at = dto.at ? new Date(dto.at) : now;
      assertValid(checkInViolations({ at, now, startsAt: assignment.startsAt, endsAt: assignment.endsAt }));
      const flag = locationFlag(workplace, dto.location);
      Object.assign(assignment, {
        checkInAt: at,
        checkInReceivedAt: now,
        checkInLat: dto.location?.lat ?? null,
        checkInLng: dto.location?.lng ?? null,
        checkInDistanceMeters: flag.distanceMeters,
        checkInOutsideRadius: flag.outsideRadius,
        checkInRadiusMeters: flag.radiusMeters,
        checkedInBy: actor.id,
      });
    });
  }

  /**
   * The confirmation. R-27: a confirmation by a user related to the person (whenever the relation was declared)
   * can't be signed off; another coordinator confirms it again, replacing it.
   */
  checkOut(actor: AuthUser, id: string, dto: CheckOutDto, { key }: IdempotencyContext): Promise<AssignmentView> {
    const redo = async (tx: Tx, assignment: Assignment) =>
      assignment.confirmedBy !== null &&
      assignment.confirmedBy !== actor.id &&
      (await this.persons.hasConflict(tx, assignment.confirmedBy, assignment.personId));
    return this.record(actor, id, 'checked_out', { key, body: dto, redo }, (assignment, now, workplace) => {
      const at = dto.at ? new Date(dto.at) : now;
      assertValid(checkOutViolations({ at, now, checkInAt: assignment.checkInAt! }));
      const penaltyMinutes = dto.penaltyMinutes ?? 0;
      assertValid(
        penaltyMinutes > 0 && !dto.note?.trim() ? [{ field: 'note', code: 'attendance.penalty_needs_note' }] : [],
      );
      const flag = locationFlag(workplace, dto.location);
      Object.assign(assignment, {
        checkOutAt: at,
        checkOutReceivedAt: now,
        checkOutLat: dto.location?.lat ?? null,
        checkOutLng: dto.location?.lng ?? null,
        checkOutDistanceMeters: flag.distanceMeters,
        checkOutOutsideRadius: flag.outsideRadius,
        checkOutRadiusMeters: flag.radiusMeters,
        penaltyMinutes,
        workedMinutes: workedMinutes({
          checkInAt: assignment.checkInAt!,
          checkOutAt: at,
          startsAt: assignment.startsAt,
          endsAt: assignment.endsAt,
          breakMinutes: workplace.breakMinutes,
          penaltyMinutes,
        }),
        confirmationNote: dto.note ?? null,
        confirmedBy: actor.id,
      });
    });
  }

  absence(actor: AuthUser, id: string, dto: ReasonDto, { key }: IdempotencyContext): Promise<AssignmentView> {
    return this.record(actor, id, 'absent', { key, body: dto }, (assignment, now) => {
      if (assignment.startsAt > now) throw conflict({ code: 'attendance.absence_before_start' });
      Object.assign(assignment, { absenceReason: dto.reason, absenceRecordedBy: actor.id, absenceRecordedAt: now });
    });
  }

  /** One attendance step: locked, in scope, allowed from the current state, idempotent, audited. */
  private record(
    actor: AuthUser,
    id: string,
    to: AssignmentStatus,
    request: {
      key: string | undefined;
      body: object;
      redo?: (tx: Tx, assignment: Assignment) => Promise<boolean>;
    },
    apply: (assignment: Assignment, now: Date, workplace: Workplace) => void,
  ): Promise<AssignmentView> {
    return this.transactions.run(async (tx) => {
      const fingerprint = { id, to, body: request.body };
      return this.idempotency.once(tx, { userId: actor.id, key: request.key, fingerprint }, async () => {
        const { assignment, personName, workplace } = await this.access.asCoordinator(tx, actor, id);
        const stored = { ...assignment };
        const before = toAssignmentView(assignment, personName);
        const redone = assignment.status === to && (await request.redo?.(tx, assignment)) === true;
        if (!redone) assertNoConflict(transitionRefusals(assignment.status, to));
        apply(assignment, this.clock.now(), workplace);
        assignment.status = to;
        await this.assignments.update(stored, assignment, (first) => this.audit.chainLock(tx, first), tx);
        const after = toAssignmentView(assignment, personName);
        await this.audit.record(tx, {
          actorId: actor.id,
          action: redone ? `assignment.${to}_again` : `assignment.${to}`,
          entityType: 'assignment',
          entityId: id,
          before,
          after,
        });
        return after;
      });
    });
  }
}
