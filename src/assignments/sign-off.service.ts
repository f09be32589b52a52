import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { assertNoConflict, assertValid, conflict } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { Outbox } from '../jobs/outbox.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { completionJob } from '../completion-notices/completion-job.js';
import { breachCheckJob } from '../enforcement/breach-check-job.js';
import { warningJob } from '../warnings/warning-job.js';
import { OrdersService, type OrderRecord } from '../orders/orders.service.js';
import { AssignmentAccess } from './assignment-access.js';
import { transitionRefusals } from './assignment-state.js';
import { AssignmentRepository } from './assignment.repository.js';
import { toAssignmentView, type AssignmentView } from './assignment.view.js';
import { creditFor, signOffViolations } from './attendance.rules.js';
import { BookingService } from './booking.service.js';
import { AbsenceDecisionDto, SignOffDto } from './dto.js';

defineMessages({
  'signoff.not_confirmed': {
    id: 'Belum ada konfirmasi koordinator lokasi; jam belum dapat disahkan (R-14).',
    en: 'The site coordinator has not confirmed the attendance yet; the hours cannot be signed off (R-14).',
  },
  'signoff.confirmed_by_related_user': {
    id: 'Kehadiran ini dikonfirmasi oleh pengguna yang berhubungan dengan orang ini; koordinator lain harus mengonfirmasi ulang (R-27).',
    en: 'This attendance was confirmed by a user related to the person; another coordinator must confirm it again (R-27).',
  },
  'signoff.own_confirmation': {
    id: 'Anda sendiri yang mengonfirmasi kehadiran ini; pengesahan harus oleh orang lain (R-14).',
    en: 'You confirmed this attendance yourself; someone else must sign it off (R-14).',
  },
});

const ORDER_COMPLETED_REASON = 'Putusan selesai: jam kerja sosial terpenuhi / order completed';

/** The supervisor's second signature: credits the ledger, completes the order at its requirement. */
@Injectable()
export class SignOffService {
  constructor(
    private readonly transactions: Transactions,
    private readonly assignments: AssignmentRepository,
    private readonly access: AssignmentAccess,
    private readonly orders: OrdersService,
    private readonly ledger: LedgerService,
    private readonly booking: BookingService,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  signOff(actor: AuthUser, id: string, dto: SignOffDto): Promise<AssignmentView> {
    return this.transactions.run(async (tx) => {
      // The order row stays locked to the end: two sign-offs of one order can't both take its last minutes.
      const { assignment, personName, order, confirmerRelated } = await this.access.asSupervisor(tx, actor, id);
      if (assignment.status !== 'checked_out') {
        assertNoConflict(
          assignment.status === 'checked_in' || assignment.status === 'scheduled'
            ? [{ code: 'signoff.not_confirmed' }]
            : transitionRefusals(assignment.status, 'credited'),
        );
      }
      if (assignment.confirmedBy === actor.id) throw conflict({ code: 'signoff.own_confirmation' });
      if (confirmerRelated) throw conflict({ code: 'signoff.confirmed_by_related_user' });
      const worked = assignment.workedMinutes!;
      const remaining = order.requiredMinutes - order.creditedMinutes;
      const requested = { workedMinutes: worked, requestedMinutes: dto.creditedMinutes, remainingMinutes: remaining };
      assertValid(signOffViolations({ ...requested, note: dto.note }));
      const minutes = creditFor(requested);

      const stored = { ...assignment };
      const before = toAssignmentView(assignment, personName);
      Object.assign(assignment, {
        status: 'credited',
        creditedMinutes: minutes,
        signOffNote: dto.note ?? null,
        signedOffBy: actor.id,
        signedOffAt: this.clock.now(),
      });
      await this.assignments.update(stored, assignment, (first) => this.audit.chainLock(tx, first), tx);
      if (minutes > 0) {
        await this.ledger.credit(tx, {
          orderId: order.id,
          assignmentId: assignment.id,
          minutes,
          actorId: actor.id,
        });
      }
      const after = toAssignmentView(assignment, personName);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'assignment.credited',
        entityType: 'assignment',
        entityId: id,
        before,
        after,
      });
      if (minutes > 0 && minutes === remaining) await this.complete(tx, actor, order);
      return after;
    });
  }

  decideAbsence(actor: AuthUser, id: string, dto: AbsenceDecisionDto): Promise<AssignmentView> {
    return this.transactions.run(async (tx) => {
      const { assignment, personName } = await this.access.asSupervisor(tx, actor, id);
      const to = dto.excused ? 'excused' : 'unexcused';
      assertNoConflict(transitionRefusals(assignment.status, to));
      const stored = { ...assignment };
      const before = toAssignmentView(assignment, personName);
      Object.assign(assignment, {
        status: to,
        absenceDecisionReason: dto.reason,
        absenceDecidedBy: actor.id,
        absenceDecidedAt: this.clock.now(),
      });
      await this.assignments.update(stored, assignment, (first) => this.audit.chainLock(tx, first), tx);
      const after = toAssignmentView(assignment, personName);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: `assignment.${to}`,
        entityType: 'assignment',
        entityId: id,
        before,
        after,
      });
      if (to === 'unexcused')
        await this.outbox.add(tx, [
          warningJob(id, this.clock.now()),
          breachCheckJob(assignment.orderId, id, this.clock.now()),
        ]);
      return after;
    });
  }

  /** the order is complete at exactly its required minutes; its remaining bookings give their seats back. */
  private async complete(tx: Tx, actor: AuthUser, order: OrderRecord): Promise<void> {
    const completedAt = this.clock.now();
    await this.orders.complete(tx, actor.id, order, completedAt);
    await this.outbox.add(tx, [completionJob(order.id, completedAt)]);
    await this.booking.releaseScheduled(tx, actor.id, order.id, ORDER_COMPLETED_REASON);
  }
}
