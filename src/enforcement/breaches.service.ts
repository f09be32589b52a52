import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { BookingService } from '../assignments/booking.service.js';
import { AccessPolicy } from '../access/access.policy.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { assertValid, conflict, notFound } from '../common/domain-error.js';
import { localDate } from '../common/local-time.js';
import { defineMessages } from '../common/messages.js';
import { Page } from '../common/pagination.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS, type JobOutcome } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Order } from '../orders/order.entity.js';
import { orderProsecutors } from '../orders/order-prosecutors.js';
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

export interface BreachView {
  id: string;
  orderId: string;
  status: 'open' | 'decided' | 'dismissed';
  grounds: BreachGrounds;
  reason: string | null;
  evidence: Record<string, unknown>;
  openedAt: Date;
  openedBy: string | null;
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly policy: AccessPolicy,
    private readonly booking: BookingService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  reportBySupervisor(actor: AuthUser, orderId: string, reason: string): Promise<BreachView> {
    return this.dataSource.transaction(async (manager) => {
      const order = await this.orders.supervised(manager, actor, orderId, true);
      if (order.status === 'breached') throw conflict({ code: 'breach.already_open' });
      if (order.status !== 'active') throw conflict({ code: 'breach.order_not_active' });
      const breach = await this.open(
        manager,
        order,
        'reported_by_supervisor',
        actor.id,
        { reason, ...(await this.evidence(manager, order)) },
        reason,
      );
      return breach!;
    });
  }

  /** The job after each unexcused absence: the order's row lock makes two at once count once. */
  @OnJob(JOBS.breachCheck)
  checkAbsences({ orderId }: Record<string, string>): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (!order || order.status !== 'active') return 'skipped';
      const absences = await this.unexcusedSinceLastReport(manager, orderId);
      if (!absencesOpenBreach(absences.length)) return 'skipped';
      const opened = await this.open(
        manager,
        order,
        'second_unexcused_absence',
        null,
        await this.evidence(manager, order),
      );
      return opened ? 'sent' : 'already_sent';
    });
  }

  /** The morning risk scan proved the order can't finish before its end date (its bound is the evidence). */
  openCannotFinish(orderId: string, bound: Record<string, string | number>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (!order || order.status !== 'active') return false;
      return (
        (await this.open(manager, order, 'cannot_finish', null, {
          bound,
          ...(await this.evidence(manager, order)),
        })) !== null
      );
    });
  }

  async list(user: AuthUser, query: BreachListQuery): Promise<Page<BreachView>> {
    const scope =
      user.role === 'admin' ? 'TRUE' : user.role === 'prosecutor' ? 'o.kejaksaan_id = $1' : 'o.bapas_id = $1';
    const where = `${scope} AND ($2::text IS NULL OR b.status = $2) AND ($3::uuid IS NULL OR b.order_id = $3) AND $1::uuid IS NOT NULL`;
    const params = [user.agencyId, query.status ?? null, query.orderId ?? null];
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM breach b JOIN court_order o ON o.id = b.order_id WHERE ${where}`,
      params,
    );
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT b.id FROM breach b JOIN court_order o ON o.id = b.order_id WHERE ${where} ORDER BY b.opened_at DESC, b.id LIMIT $4 OFFSET $5`,
      [...params, query.limit, query.offset],
    );
    return { items: await Promise.all(rows.map((row) => this.read(this.dataSource.manager, row.id))), total };
  }

  async get(user: AuthUser, id: string): Promise<BreachView> {
    await this.policy.requireAccess(user, 'breach.read', [id]);
    return this.read(this.dataSource.manager, id);
  }

  /** only a prosecutor of the order's Kejari decides; a decision is final. */
  decide(actor: AuthUser, id: string, dto: BreachDecisionDto): Promise<BreachView> {
    return this.dataSource.transaction(async (manager) => {
      const { order, breach } = await this.forDecision(manager, actor, id);
      if (breach.status !== 'open') throw conflict({ code: 'breach.already_decided' });
      await this.assertDecisionDate(manager, order, dto);
      assertValid(decisionViolations(order, dto));

      const before = await this.read(manager, id);
      const decisionId = await this.insertDecision(manager, actor, id, dto, {
        endDate: order.endDate,
        repeatFrom: order.repeatFrom,
      });
      await this.setStatus(manager, id, dto.outcome);
      await this.orders.applyDecision(manager, actor.id, order, {
        status: orderStatusAfter(dto.outcome),
        ...(dto.outcome === 'repeat'
          ? { repeat: { minutes: dto.repeatMinutes!, from: dto.decisionDate, endDate: dto.newEndDate! } }
          : {}),
      });
      return this.recorded(manager, actor, id, before, order, decisionId, 'breach.decided', dto);
    });
  }

  /**
   * a correction is a new decision naming the one in force; its effect on the order replaces that
   * one's (see correctionPlan), or it is refused with 409 when that can't be done cleanly.
   */
  correct(actor: AuthUser, id: string, dto: BreachCorrectionDto): Promise<BreachView> {
    return this.dataSource.transaction(async (manager) => {
      const { order, breach } = await this.forDecision(manager, actor, id);
      if (breach.status === 'open') throw conflict({ code: 'breach.not_decided' });
      const before = await this.read(manager, id);
      if (before.decision?.id !== dto.correctsId) throw conflict({ code: 'breach.correction_not_current' });
      await this.assertDecisionDate(manager, order, dto);
      const [corrected] = await manager.query(
        `SELECT outcome, repeat_minutes AS "repeatMinutes", prior_end_date AS "priorEndDate",
                prior_repeat_from AS "priorRepeatFrom" FROM breach_decision WHERE id = $1`,
        [dto.correctsId],
      );
      const [facts] = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM breach WHERE order_id = $1 AND opened_at > $2) AS "laterReport",
                (SELECT count(*)::int FROM assignment WHERE order_id = $1 AND starts_at > $2
                    AND status NOT IN ('scheduled', 'cancelled')) AS "workSinceReport",
                (SELECT max(local_date) FROM assignment WHERE order_id = $1 AND status <> 'cancelled') AS "lastBookedDate"`,
        [order.id, breach.opened_at],
      );
      const { progress } = await this.orders.view(manager, order);
      const current = { ...order, ...progress, lastBookedDate: facts.lastBookedDate };
      assertValid(decisionViolations({ ...order, ...termsBefore(current, corrected) }, dto));
      const plan = correctionPlan(current, corrected, dto, facts);
      if ('refused' in plan) throw conflict({ code: plan.refused, params: plan.params });

      const decisionId = await this.insertDecision(manager, actor, id, dto, plan.prior, {
        correctsId: dto.correctsId,
        reason: dto.reason,
      });
      await this.setStatus(manager, id, dto.outcome);
      if (plan.cancelBookings)
        await this.booking.releaseScheduled(manager, actor.id, order.id, CANCELLED_FOR_CORRECTION, this.clock.now());
      const { terms } = plan;
      if (
        terms.status !== order.status ||
        terms.repeatMinutes !== order.repeatMinutes ||
        terms.repeatFrom !== order.repeatFrom ||
        terms.endDate !== order.endDate
      )
        await this.orders.applyCorrection(manager, actor.id, order, terms);
      return this.recorded(manager, actor, id, before, order, decisionId, 'breach.decision_corrected', dto);
    });
  }

  /** The breach's order, locked, for a prosecutor of its Kejari; the breach's row locked too. */
  private async forDecision(manager: EntityManager, actor: AuthUser, id: string) {
    const [row] = await manager.query(`SELECT order_id FROM breach WHERE id = $1`, [id]);
    if (!row) throw notFound('breach');
    const order = this.policy.requireLoaded(
      actor,
      'order.prosecute',
      await this.orders.readable(manager, actor, row.order_id, true),
    );
    const [breach]: { status: string; opened_at: Date }[] = await manager.query(
      `SELECT status, opened_at FROM breach WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return { order, breach };
  }

  private async assertDecisionDate(manager: EntityManager, order: Order, dto: BreachDecisionDto) {
    const kejari = await manager.findOneByOrFail(Agency, { id: order.kejaksaanId });
    assertValid(
      dto.decisionDate > localDate(this.clock.now(), kejari.timezone)
        ? [{ field: 'decisionDate', code: 'breach.decision_in_future' }]
        : [],
    );
  }

  private async insertDecision(
    manager: EntityManager,
    actor: AuthUser,
    breachId: string,
    dto: BreachDecisionDto,
    prior: { endDate: string; repeatFrom: string | null },
    correction?: { correctsId: string; reason: string },
  ): Promise<string> {
    const [inserted] = await manager.query(
      `INSERT INTO breach_decision (breach_id, outcome, decision_number, decision_date, note, repeat_minutes, new_end_date,
                                    imprisonment_days, fine_rupiah, decided_by, decided_at, prior_end_date, prior_repeat_from,
                                    corrects_id, correction_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [
        breachId,
        dto.outcome,
        dto.decisionNumber,
        dto.decisionDate,
        dto.note,
        dto.repeatMinutes ?? null,
        dto.newEndDate ?? null,
        dto.imprisonmentDays ?? null,
        dto.fineRupiah ?? null,
        actor.id,
        this.clock.now(),
        prior.endDate,
        prior.repeatFrom,
        correction?.correctsId ?? null,
        correction?.reason ?? null,
      ],
    );
    return inserted.id;
  }

  private async setStatus(manager: EntityManager, id: string, outcome: BreachDecisionDto['outcome']) {
    await manager.query(`UPDATE breach SET status = $2 WHERE id = $1`, [
      id,
      outcome === 'dismissed' ? 'dismissed' : 'decided',
    ]);
  }

  private async open(
    manager: EntityManager,
    order: Order,
    grounds: BreachGrounds,
    openedBy: string | null,
    evidence: Record<string, unknown>,
    reason: string | null = null,
  ): Promise<BreachView | null> {
    const [inserted] = await manager.query(
      `INSERT INTO breach (order_id, grounds, reason, evidence, opened_at, opened_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (order_id) WHERE status = 'open' DO NOTHING RETURNING id`,
      [order.id, grounds, reason, JSON.stringify(evidence), this.clock.now(), openedBy],
    );
    if (!inserted) return null;
    await this.orders.enterBreach(manager, openedBy, order);
    await this.booking.releaseScheduled(manager, openedBy, order.id, CANCELLED_FOR_BREACH, this.clock.now());
    const breach = await this.read(manager, inserted.id);
    await this.audit.record(manager, {
      actorId: openedBy,
      action: 'breach.opened',
      entityType: 'breach',
      entityId: breach.id,
      after: breach,
    });
    await this.tell(manager, order, breach.id, 'breach_opened', { grounds });
    return breach;
  }

  /** The order's prosecutor (or, none named, its Kejari's) and its supervisor; the person hears of decisions. */
  /** After a decision or its correction: the breach as it now stands, audited, and everyone told. */
  private async recorded(
    manager: EntityManager,
    actor: AuthUser,
    id: string,
    before: BreachView,
    order: Order,
    decisionId: string,
    action: 'breach.decided' | 'breach.decision_corrected',
    dto: BreachDecisionDto,
  ): Promise<BreachView> {
    const after = await this.read(manager, id);
    await this.audit.record(manager, { actorId: actor.id, action, entityType: 'breach', entityId: id, before, after });
    await this.tell(manager, order, decisionId, 'breach_decided', {
      outcome: dto.outcome,
      decisionNumber: dto.decisionNumber,
      decisionDate: dto.decisionDate,
    });
    return after;
  }

  private async tell(
    manager: EntityManager,
    order: Order,
    subjectKey: string,
    reason: 'breach_opened' | 'breach_decided',
    words: Record<string, string>,
  ) {
    const person: { full_name: string } = (
      await manager.query(`SELECT full_name FROM person WHERE id = $1`, [order.personId])
    )[0];
    const recipients = [
      ...(await orderProsecutors(manager, order)).map((id) => ({ type: 'user' as const, id })),
      { type: 'user' as const, id: order.supervisorId },
      ...(reason === 'breach_decided' ? [{ type: 'person' as const, id: order.personId }] : []),
    ];
    for (const recipient of recipients) {
      await this.notifications.notify(manager, {
        recipient,
        reason,
        subjectKey,
        orderId: order.id,
        params: () => ({ person: person.full_name, caseNumber: order.caseNumber, ...words }),
      });
    }
  }

  private async unexcusedSinceLastReport(manager: EntityManager, orderId: string): Promise<{ id: string }[]> {
    return manager.query(
      `SELECT a.id FROM assignment a
        WHERE a.order_id = $1 AND a.status = 'unexcused'
          AND a.absence_decided_at > coalesce((SELECT max(opened_at) FROM breach WHERE order_id = $1), '-infinity')`,
      [orderId],
    );
  }

  /** What the prosecutor reads: the absences with both records, the warnings sent, and the progress. */
  private async evidence(manager: EntityManager, order: Order): Promise<Record<string, unknown>> {
    const absences = await manager.query(
      `SELECT a.id AS "assignmentId", a.local_date AS date, s.name AS site, a.status, a.absence_reason AS "coordinatorRecord",
              a.absence_recorded_by AS "recordedBy", a.absence_recorded_at AS "recordedAt",
              a.absence_decision_reason AS "supervisorDecision", a.absence_decided_by AS "decidedBy", a.absence_decided_at AS "decidedAt"
         FROM assignment a JOIN site s ON s.id = a.site_id
        WHERE a.order_id = $1 AND a.status IN ('absent', 'excused', 'unexcused') ORDER BY a.starts_at`,
      [order.id],
    );
    const warnings = await manager.query(
      `SELECT id, assignment_id AS "assignmentId", status, created_at AS "createdAt", sent_at AS "sentAt"
         FROM notification WHERE order_id = $1 AND reason = 'warning' ORDER BY created_at`,
      [order.id],
    );
    const { progress } = await this.orders.view(manager, order);
    return { absences, warnings, progress };
  }

  private async read(manager: EntityManager, id: string): Promise<BreachView> {
    const [row] = await manager.query(
      `SELECT b.id, b.order_id, b.status, b.grounds, b.reason, b.evidence, b.opened_at, b.opened_by,
              coalesce((SELECT json_agg(json_build_object(
                'id', d.id, 'outcome', d.outcome, 'decisionNumber', d.decision_number, 'decisionDate', d.decision_date, 'note', d.note,
                'repeatMinutes', d.repeat_minutes, 'newEndDate', d.new_end_date, 'imprisonmentDays', d.imprisonment_days,
                'fineRupiah', d.fine_rupiah, 'decidedBy', d.decided_by, 'decidedAt', d.decided_at,
                'correctsId', d.corrects_id, 'correctionReason', d.correction_reason))
                FROM breach_decision d WHERE d.breach_id = b.id), '[]') AS decisions
         FROM breach b WHERE b.id = $1`,
      [id],
    );
    if (!row) throw notFound('breach');
    const decisions = decisionChain(row.decisions);
    return {
      id: row.id,
      orderId: row.order_id,
      status: row.status,
      grounds: row.grounds,
      reason: row.reason,
      evidence: row.evidence,
      openedAt: row.opened_at,
      openedBy: row.opened_by,
      decision: decisions.at(-1) ?? null,
      decisions,
    };
  }
}
