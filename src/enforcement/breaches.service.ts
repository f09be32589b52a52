import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import { BookingService } from '../assignments/booking.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { assertValid, conflict, notFound } from '../common/domain-error.js';
import { localDate } from '../common/local-time.js';
import { defineMessages } from '../common/messages.js';
import { Page } from '../common/pagination.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS, type JobOutcome } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OrdersService } from '../orders/orders.service.js';
import {
  absencesOpenBreach,
  BreachGrounds,
  correctionPlan,
  decisionChain,
  type DecisionView,
  decisionViolations,
  orderStatusAfter,
  termsBefore,
} from './breach.rules.js';
import { type BreachOrder, type BreachRecord, BreachRepository } from './breach.repository.js';
import { BreachCorrectionDto, BreachDecisionDto, BreachListQuery } from './dto.js';

defineMessages({
  'breach.already_open': {
    id: 'Sudah ada laporan pelanggaran yang terbuka untuk putusan ini.',
    en: 'A breach report is already open for this order.',
  },
  'breach.order_not_active': {
    id: 'Laporan pelanggaran hanya untuk putusan yang sedang berjalan.',
    en: 'A breach can be reported only for an order in progress.',
  },
  'breach.already_decided': {
    id: 'Laporan ini sudah diputus; putusan tidak dapat diubah.',
    en: 'This report is decided already; decisions are final.',
  },
  'breach.not_decided': {
    id: 'Laporan ini belum diputus: tidak ada putusan untuk dikoreksi.',
    en: 'This report has no decision yet: there is nothing to correct.',
  },
  'breach.correction_not_current': {
    id: 'Yang dapat dikoreksi hanya putusan yang berlaku (putusan terakhir laporan ini).',
    en: "Only the decision in force (this report's last decision) can be corrected.",
  },
  'breach.correction_later_report': {
    id: 'Sudah ada laporan pelanggaran yang lebih baru untuk putusan ini: koreksi tidak dapat diterapkan dengan bersih.',
    en: 'A later breach report exists for this order: the correction cannot be applied cleanly.',
  },
  'breach.correction_order_moved_on': {
    id: 'Status putusan pengadilan sudah berubah ({status}) sejak keputusan ini: koreksi tidak dapat diterapkan dengan bersih.',
    en: "The order's status has changed ({status}) since this decision: the correction cannot be applied cleanly.",
  },
  'breach.correction_period_unknown': {
    id: 'Masa pelaksanaan sebelum keputusan ini tidak tercatat: koreksi ini tidak dapat dikembalikan dengan bersih.',
    en: "The order's period before this decision was not recorded: this correction cannot be undone cleanly.",
  },
  'breach.correction_work_recorded': {
    id: 'Sudah ada kehadiran yang dicatat sejak keputusan ini: putusan tidak dapat diubah menjadi penutupan. Buka laporan pelanggaran baru bila perlu.',
    en: 'Attendance was recorded since this decision: it cannot be corrected into closing the order. Open a new breach report if needed.',
  },
  'breach.correction_below_booked': {
    id: 'Sudah {booked} menit dijadwalkan atau diakui, lebih dari {required} menit yang diwajibkan setelah koreksi. Batalkan jadwal dahulu.',
    en: '{booked} minutes are already booked or credited, more than the {required} required after the correction. Cancel bookings first.',
  },
  'breach.correction_bookings_after_end': {
    id: 'Ada jadwal pada {date}, setelah tanggal berakhir {end} menurut koreksi. Batalkan jadwal itu dahulu.',
    en: 'A booking on {date} is after the end date {end} that the correction gives. Cancel it first.',
  },
  'breach.decision_in_future': { id: 'tanggal putusan belum tiba', en: 'the decision date has not come yet' },
});

const CANCELLED_FOR_CORRECTION =
  'Putusan jaksa dikoreksi: perkara ditutup / the decision was corrected and the order closed';

const CANCELLED_FOR_BREACH =
  'Laporan pelanggaran dibuka: jadwal dihentikan sampai jaksa memutus / breach report opened';

/** The report with its decisions in order, the one in force last (and as `decision`). */
export interface BreachView extends Omit<BreachRecord, 'decisions'> {
  decision: DecisionView | null;
  decisions: DecisionView[];
}

/**
 * Breach reports and the prosecutor's decisions. A report opens on the second unexcused
 * absence, when the risk scan proves the order can't finish, or by the supervisor's hand; the order then takes no
 * bookings, its future bookings are cancelled, and its prosecutor decides under Art. 85(7).
 */
@Injectable()
export class BreachesService {
  constructor(
    private readonly breaches: BreachRepository,
    private readonly transactions: Transactions,
    private readonly orders: OrdersService,
    private readonly access: AccessPolicy,
    private readonly booking: BookingService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  reportBySupervisor(actor: AuthUser, orderId: string, reason: string): Promise<BreachView> {
    return this.transactions.run(async (tx) => {
      const order = await this.orders.supervised(tx, actor, orderId, true);
      if (order.status === 'breached') throw conflict({ code: 'breach.already_open' });
      if (order.status !== 'active') throw conflict({ code: 'breach.order_not_active' });
      const breach = await this.open(
        tx,
        order,
        'reported_by_supervisor',
        actor.id,
        { reason, ...(await this.evidence(tx, order)) },
        reason,
      );
      return breach!;
    });
  }

  /** The job after each unexcused absence: the order's row lock makes two at once count once. */
  @OnJob(JOBS.breachCheck)
  checkAbsences({ orderId }: Record<string, string>): Promise<JobOutcome> {
    return this.transactions.run(async (tx) => {
      const order = await this.breaches.order(orderId, true, tx);
      if (!order || order.status !== 'active') return 'skipped';
      const absences = await this.breaches.unexcusedSinceLastReport(orderId, tx);
      if (!absencesOpenBreach(absences.length)) return 'skipped';
      const opened = await this.open(tx, order, 'second_unexcused_absence', null, await this.evidence(tx, order));
      return opened ? 'sent' : 'already_sent';
    });
  }

  /** The morning risk scan proved the order can't finish before its end date (its bound is the evidence). */
  openCannotFinish(orderId: string, bound: Record<string, string | number>): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const order = await this.breaches.order(orderId, true, tx);
      if (!order || order.status !== 'active') return false;
      return (
        (await this.open(tx, order, 'cannot_finish', null, {
          bound,
          ...(await this.evidence(tx, order)),
        })) !== null
      );
    });
  }

  async list(user: AuthUser, query: BreachListQuery): Promise<Page<BreachView>> {
    const agencyColumn = user.role === 'admin' ? null : user.role === 'prosecutor' ? 'kejaksaan_id' : 'bapas_id';
    const { ids, total } = await this.breaches.page(
      { agencyColumn, agencyId: user.agencyId },
      { status: query.status ?? null, orderId: query.orderId ?? null },
      query,
    );
    return { items: await Promise.all(ids.map((id) => this.read(id))), total };
  }

  async get(user: AuthUser, id: string): Promise<BreachView> {
    await this.access.requireAccess(user, 'breach.read', [id]);
    return this.read(id);
  }

  /** only a prosecutor of the order's Kejari decides; a decision is final. */
  decide(actor: AuthUser, id: string, dto: BreachDecisionDto): Promise<BreachView> {
    return this.transactions.run(async (tx) => {
      const { order, breach } = await this.forDecision(tx, actor, id);
      if (breach.status !== 'open') throw conflict({ code: 'breach.already_decided' });
      await this.assertDecisionDate(tx, order, dto);
      assertValid(decisionViolations(order, dto));

      const before = await this.read(id, tx);
      const decisionId = await this.insertDecision(tx, actor, id, dto, {
        endDate: order.endDate,
        repeatFrom: order.repeatFrom,
      });
      await this.setStatus(tx, id, dto.outcome);
      await this.orders.applyDecision(tx, actor.id, order, {
        status: orderStatusAfter(dto.outcome),
        ...(dto.outcome === 'repeat'
          ? { repeat: { minutes: dto.repeatMinutes!, from: dto.decisionDate, endDate: dto.newEndDate! } }
          : {}),
      });
      return this.recorded(tx, actor, id, before, order, decisionId, 'breach.decided', dto);
    });
  }

  /**
   * a correction is a new decision naming the one in force; its effect on the order replaces that
   * one's (see correctionPlan), or it is refused with 409 when that can't be done cleanly.
   */
  correct(actor: AuthUser, id: string, dto: BreachCorrectionDto): Promise<BreachView> {
    return this.transactions.run(async (tx) => {
      const { order, breach } = await this.forDecision(tx, actor, id);
      if (breach.status === 'open') throw conflict({ code: 'breach.not_decided' });
      const before = await this.read(id, tx);
      if (before.decision?.id !== dto.correctsId) throw conflict({ code: 'breach.correction_not_current' });
      await this.assertDecisionDate(tx, order, dto);
      const corrected = await this.breaches.correctedDecision(dto.correctsId, tx);
      const facts = await this.breaches.sinceReport(order.id, breach.opened_at, tx);
      const { progress } = await this.orders.view(tx, order);
      const current = { ...order, ...progress, lastBookedDate: facts.lastBookedDate };
      assertValid(decisionViolations({ ...order, ...termsBefore(current, corrected) }, dto));
      const plan = correctionPlan(current, corrected, dto, facts);
      if ('refused' in plan) throw conflict({ code: plan.refused, params: plan.params });

      const decisionId = await this.insertDecision(tx, actor, id, dto, plan.prior, {
        correctsId: dto.correctsId,
        reason: dto.reason,
      });
      await this.setStatus(tx, id, dto.outcome);
      if (plan.cancelBookings)
        await this.booking.releaseScheduled(tx, actor.id, order.id, CANCELLED_FOR_CORRECTION, this.clock.now());
      const { terms } = plan;
      if (
        terms.status !== order.status ||
        terms.repeatMinutes !== order.repeatMinutes ||
        terms.repeatFrom !== order.repeatFrom ||
        terms.endDate !== order.endDate
      )
        await this.orders.applyCorrection(tx, actor.id, order, terms);
      return this.recorded(tx, actor, id, before, order, decisionId, 'breach.decision_corrected', dto);
    });
  }

  /** The breach's order, locked, for a prosecutor of its Kejari; the breach's row locked too. */
  private async forDecision(tx: Tx, actor: AuthUser, id: string) {
    const orderId = await this.breaches.orderOf(id, tx);
    if (!orderId) throw notFound('breach');
    const order = this.access.requireLoaded(
      actor,
      'order.prosecute',
      await this.orders.readable(tx, actor, orderId, true),
    );
    return { order, breach: await this.breaches.lock(id, tx) };
  }

  private async assertDecisionDate(tx: Tx, order: BreachOrder, dto: BreachDecisionDto) {
    const timezone = await this.breaches.timezoneOf(order.kejaksaanId, tx);
    assertValid(
      dto.decisionDate > localDate(this.clock.now(), timezone)
        ? [{ field: 'decisionDate', code: 'breach.decision_in_future' }]
        : [],
    );
  }

  private insertDecision(
    tx: Tx,
    actor: AuthUser,
    breachId: string,
    dto: BreachDecisionDto,
    prior: { endDate: string; repeatFrom: string | null },
    correction?: { correctsId: string; reason: string },
  ): Promise<string> {
    return this.breaches.insertDecision(
      dto,
      { breachId, decidedBy: actor.id, decidedAt: this.clock.now(), prior, correction },
      tx,
    );
  }

  private async setStatus(tx: Tx, id: string, outcome: BreachDecisionDto['outcome']) {
    await this.breaches.setStatus(id, outcome === 'dismissed' ? 'dismissed' : 'decided', tx);
  }

  private async open(
    tx: Tx,
    order: BreachOrder,
    grounds: BreachGrounds,
    openedBy: string | null,
    evidence: Record<string, unknown>,
    reason: string | null = null,
  ): Promise<BreachView | null> {
    const openedId = await this.breaches.openOnce(
      { orderId: order.id, grounds, reason, evidence, openedAt: this.clock.now(), openedBy },
      tx,
    );
    if (!openedId) return null;
    await this.orders.enterBreach(tx, openedBy, order);
    await this.booking.releaseScheduled(tx, openedBy, order.id, CANCELLED_FOR_BREACH, this.clock.now());
    const breach = await this.read(openedId, tx);
    await this.audit.record(tx, {
      actorId: openedBy,
      action: 'breach.opened',
      entityType: 'breach',
      entityId: breach.id,
      after: breach,
    });
    await this.tell(tx, order, breach.id, 'breach_opened', { grounds });
    return breach;
  }

  /** After a decision or its correction: the breach as it now stands, audited, and everyone told. */
  private async recorded(
    tx: Tx,
    actor: AuthUser,
    id: string,
    before: BreachView,
    order: BreachOrder,
    decisionId: string,
    action: 'breach.decided' | 'breach.decision_corrected',
    dto: BreachDecisionDto,
  ): Promise<BreachView> {
    const after = await this.read(id, tx);
    await this.audit.record(tx, { actorId: actor.id, action, entityType: 'breach', entityId: id, before, after });
    await this.tell(tx, order, decisionId, 'breach_decided', {
      outcome: dto.outcome,
      decisionNumber: dto.decisionNumber,
      decisionDate: dto.decisionDate,
    });
    return after;
  }

  /** The order's prosecutor (or, none named, its Kejari's) and its supervisor; the person hears of decisions. */
  private async tell(
    tx: Tx,
    order: BreachOrder,
    subjectKey: string,
    reason: 'breach_opened' | 'breach_decided',
    words: Record<string, string>,
  ) {
    const personName = await this.breaches.personName(order.personId, tx);
    const recipients = [
      ...(await this.orders.prosecutorsOf(tx, order)).map((id) => ({ type: 'user' as const, id })),
      { type: 'user' as const, id: order.supervisorId },
      ...(reason === 'breach_decided' ? [{ type: 'person' as const, id: order.personId }] : []),
    ];
    for (const recipient of recipients) {
      await this.notifications.notify(tx, {
        recipient,
        reason,
        subjectKey,
        orderId: order.id,
        params: () => ({ person: personName, caseNumber: order.caseNumber, ...words }),
      });
    }
  }

  /** What the prosecutor reads: the absences with both records, the warnings sent, and the progress. */
  private async evidence(tx: Tx, order: BreachOrder): Promise<Record<string, unknown>> {
    const { absences, warnings } = await this.breaches.evidence(order.id, tx);
    const { progress } = await this.orders.view(tx, order);
    return { absences, warnings, progress };
  }

  private async read(id: string, tx?: Tx): Promise<BreachView> {
    const found = await this.breaches.find(id, tx);
    if (!found) throw notFound('breach');
    const { decisions: unordered, ...breach } = found;
    const decisions = decisionChain(unordered);
    return { ...breach, decision: decisions.at(-1) ?? null, decisions };
  }
}
