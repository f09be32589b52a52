import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import { AuditService } from '../audit/audit.service.js';
import { BookingService } from '../assignments/booking.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { conflict, DomainError } from '../common/domain-error.js';
import { defineMessages, type Locale } from '../common/messages.js';
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
 * Applies a preview once: claims it (a second apply gets 409), then makes each move and each booking through
 * BookingService, each in its own transaction, so a seat taken by hand since the preview is refused with the
 * booking rule's reason and never overfilled.
 */
@Injectable()
export class PlanApplier {
  constructor(
    private readonly plans: PlanRepository,
    private readonly transactions: Transactions,
    private readonly booking: BookingService,
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
    for (const proposal of claimed.bookings) {
      await this.attempt(result, proposal.orderId, proposal, async () => {
        const assignment = await this.booking.book(actor, { orderId: proposal.orderId, shiftId: proposal.shiftId });
        result.booked.push({ orderId: proposal.orderId, shiftId: proposal.shiftId, assignmentId: assignment.id });
      });
    }
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
      const [reason] = error.violations;
      result.refused.push({
        orderId,
        shiftId: shift.shiftId,
        date: shift.date,
        code: reason.code,
        params: reason.params,
      });
    }
  }
}
