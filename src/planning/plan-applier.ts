import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import { AuditService } from '../audit/audit.service.js';
import { BatchBookingService } from '../assignments/batch-booking.service.js';
import { BookingService } from '../assignments/booking.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { conflict, DomainError } from '../common/domain-error.js';
import { defineMessages, type Locale } from '../common/messages.js';
import type { RuleViolation } from '../common/rule-violation.js';
import { Transactions } from '../database/transactions.js';
import type { PlanApplication, PlanMove } from './plan.entity.js';
import { PlanRepository } from './plan.repository.js';
import { toPlanView, type PlanView } from './plan.view.js';

defineMessages({
  'plan.already_applied': { id: 'Rencana ini sudah diterapkan.', en: 'This plan has already been applied.' },
  'plan.expired': {
    id: 'Pratinjau rencana sudah kedaluwarsa; buat pratinjau baru.',
    en: 'The plan preview has expired; preview it again.',
  },
});

/**
 * Applies a preview once: claims it (a second apply gets 409), then makes each move through BookingService (a
 * booking and a cancellation, each in its own transaction) and books the proposals through BatchBookingService
 * (the same rules and guards, 500 to a transaction), so a seat taken by hand since the preview is refused with the
 * booking rule's reason and never overfilled.
 */
@Injectable()
export class PlanApplier {
  constructor(
    private readonly plans: PlanRepository,
    private readonly transactions: Transactions,
    private readonly booking: BookingService,
    private readonly batch: BatchBookingService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async apply(actor: AuthUser, id: string, locale: Locale): Promise<PlanView> {
    const claimed = await this.transactions.run(async (tx) => {
      const plan = this.access.requireLoaded(actor, 'plan.read', await this.plans.find(id, true, tx));
      if (plan.status !== 'preview') throw conflict({ code: 'plan.already_applied' });
      if (plan.expiresAt <= this.clock.now()) throw conflict({ code: 'plan.expired' });
      return this.plans.markApplied(plan, actor.id, this.clock.now(), tx);
    });
    const result: PlanApplication = { moved: [], booked: [], refused: [] };
    for (const move of claimed.moves) {
      await this.attempt(result, move.orderId, move.to, async () => {
        result.moved.push({ assignmentId: move.assignmentId, newAssignmentId: await this.move(actor, move, id) });
      });
    }
    const outcomes = await this.batch.bookAll(actor, claimed.bookings);
    claimed.bookings.forEach(({ orderId, shiftId, date }, i) => {
      const outcome = outcomes[i];
      if ('refusal' in outcome) refuse(result, orderId, { shiftId, date }, outcome.refusal);
      else result.booked.push({ orderId, shiftId, assignmentId: outcome.assignmentId });
    });
    const applied = await this.transactions.run(async (tx) => {
      const recorded = await this.plans.recordResult(id, result, tx);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'plan.applied',
        entityType: 'plan',
        entityId: id,
        after: { moved: result.moved, booked: result.booked.length, refused: result.refused },
      });
      return recorded;
    });
    return toPlanView(applied, locale);
  }

  /** The new booking first, then the old one cancelled: a move that can't be made leaves the person as they were. */
  private async move(actor: AuthUser, move: PlanMove, planId: string): Promise<string> {
    const moved = await this.booking.book(actor, { orderId: move.orderId, shiftId: move.to.shiftId });
    try {
      await this.booking.cancel(actor, move.assignmentId, { reason: `Dipindahkan oleh rencana ${planId}` });
    } catch (error) {
      await this.booking.cancel(actor, moved.id, { reason: `Pemindahan oleh rencana ${planId} tidak dapat dilakukan` });
      throw error;
    }
    return moved.id;
  }

  private async attempt(
    result: PlanApplication,
    orderId: string,
    shift: { shiftId: string; date: string },
    work: () => Promise<void>,
  ) {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refuse(result, orderId, shift, error.violations[0]);
    }
  }
}

function refuse(
  result: PlanApplication,
  orderId: string,
  shift: { shiftId: string; date: string },
  reason: RuleViolation,
): void {
  result.refused.push({ orderId, shiftId: shift.shiftId, date: shift.date, code: reason.code, params: reason.params });
}
