import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { BookingService } from '../assignments/booking.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { assertValid, conflict, DomainError, notFound, unknownReference } from '../common/domain-error.js';
import { defineMessages, type Locale } from '../common/messages.js';
import { AppConfig } from '../config/app-config.js';
import { OrdersService } from '../orders/orders.service.js';
import { PlanBapasDto, PlanOrderDto } from './dto.js';
import { Plan, type PlanApplication } from './plan.entity.js';
import { describeOutcome, toPlanView, type PlanView } from './plan.view.js';
import { planInParallel } from './parallel-planner.js';
import { PlanningInputs } from './planning-inputs.js';

/** POLICY: a plan looks at most this far ahead (the longest sentence is 6 months). */
export const MAX_HORIZON_DAYS = 366;

defineMessages({
  'plan.horizon_reversed': { id: 'Tanggal akhir harus sama dengan atau setelah tanggal awal.', en: 'The last date must be on or after the first date.' },
  'plan.horizon_too_long': { id: 'Rencana paling panjang {days} hari.', en: 'A plan covers at most {days} days.' },
  'plan.already_applied': { id: 'Rencana ini sudah diterapkan.', en: 'This plan has already been applied.' },
  'plan.expired': {
    id: 'Pratinjau rencana sudah kedaluwarsa; buat pratinjau baru.',
    en: 'The plan preview has expired; preview it again.',
  },
});

/**
 * Plans as a supervisor sees them: a preview of bookings for one order or for the Bapas's orders, applied once,
 * booking by booking through the same rules and database guards as a manual booking.
 */
@Injectable()
export class PlanningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inputs: PlanningInputs,
    private readonly orders: OrdersService,
    private readonly booking: BookingService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Plans what one order still owes around everyone's current bookings, which stay where they are: this is
   * also the re-plan after a no-show (its minutes are owed again) or a cancellation.
   */
  async previewOrder(actor: AuthUser, orderId: string, dto: PlanOrderDto, locale: Locale): Promise<PlanView> {
    const order = await this.orders.supervised(this.dataSource.manager, actor, orderId);
    if (order.status !== 'active') throw conflict({ code: 'booking.order_not_active' });
    const from = [this.today(), order.startDate, dto.from ?? ''].reduce((a, b) => (a > b ? a : b));
    const to = dto.to && dto.to < order.endDate ? dto.to : order.endDate;
    this.assertHorizon(from, to);
    return this.preview(actor, [orderId], orderId, from, to, locale);
  }

  async previewBapas(actor: AuthUser, dto: PlanBapasDto, locale: Locale): Promise<PlanView> {
    this.assertHorizon(dto.from, dto.to);
    const from = dto.from > this.today() ? dto.from : this.today();
    return this.preview(actor, dto.orderIds ?? null, null, from, dto.to, locale);
  }

  async get(actor: AuthUser, id: string, locale: Locale): Promise<PlanView> {
    return toPlanView(await this.visible(this.dataSource.manager, actor, id), locale);
  }

  /**
   * Claims the preview (once: a second apply gets 409), then books each proposal in its own transaction through
   * BookingService, so a seat taken by hand since the preview is refused with the booking rule's reason.
   */
  async apply(actor: AuthUser, id: string, locale: Locale): Promise<PlanView> {
    const claimed = await this.dataSource.transaction(async (manager) => {
      const plan = await this.visible(manager, actor, id, true);
      if (plan.status !== 'preview') throw conflict({ code: 'plan.already_applied' });
      if (plan.expiresAt <= this.clock.now()) throw conflict({ code: 'plan.expired' });
      Object.assign(plan, { status: 'applied', appliedAt: this.clock.now(), appliedBy: actor.id });
      return manager.save(plan);
    });
    const result: PlanApplication = { booked: [], refused: [] };
    for (const proposal of claimed.bookings) {
      try {
        const assignment = await this.booking.book(actor, { orderId: proposal.orderId, shiftId: proposal.shiftId });
        result.booked.push({ orderId: proposal.orderId, shiftId: proposal.shiftId, assignmentId: assignment.id });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const [reason] = error.violations;
        result.refused.push({ orderId: proposal.orderId, shiftId: proposal.shiftId, date: proposal.date, code: reason.code, params: reason.params });
      }
    }
    const applied = await this.dataSource.transaction(async (manager) => {
      await manager.update(Plan, { id }, { result });
      const plan = await manager.findOneByOrFail(Plan, { id });
      await this.audit.record(manager, {
        actorId: actor.id, action: 'plan.applied', entityType: 'plan', entityId: id,
        after: { booked: result.booked.length, refused: result.refused },
      });
      return plan;
    });
    return toPlanView(applied, locale);
  }

  private async preview(
    actor: AuthUser,
    orderIds: string[] | null,
    orderId: string | null,
    from: string,
    to: string,
    locale: Locale,
  ): Promise<PlanView> {
    const manager = this.dataSource.manager;
    const orders = await this.inputs.orders(manager, actor.agencyId, orderIds, from);
    if (orderIds && orders.length !== new Set(orderIds).size) throw unknownReference('orderIds', 'order');
    const sites = await this.inputs.sites(manager, actor.agencyId, from, to);
    const shifts = await this.inputs.shifts(manager, sites.map((site) => site.id), from, to, this.clock.now());
    const started = performance.now();
    const maxTravelMeters = this.config.PLAN_MAX_TRAVEL_METERS;
    const result = await planInParallel({ now: this.clock.now(), orders, sites, shifts, maxTravelMeters });
    const planningMillis = Math.round(performance.now() - started);

    const siteNames = new Map(sites.map((site) => [site.id, site.name]));
    const shiftsById = new Map(shifts.map((shift) => [shift.id, shift]));
    const plan = manager.create(Plan, {
      bapasId: actor.agencyId,
      orderId,
      from,
      to,
      status: 'preview',
      bookings: result.bookings.map((booking) => {
        const shift = shiftsById.get(booking.shiftId)!;
        return { ...booking, siteName: siteNames.get(booking.siteId)!, start: shift.start, end: shift.end };
      }),
      outcomes: result.outcomes.map((outcome, i) => describeOutcome(outcome, orders[i], siteNames, maxTravelMeters)),
      summary: {
        orders: orders.length,
        bookings: result.bookings.length,
        needMinutes: orders.reduce((sum, order) => sum + order.needMinutes, 0),
        plannedMinutes: result.plannedMinutes,
        upperBoundMinutes: result.upperBoundMinutes,
        travelMeters: result.travelMeters,
        ordersComplete: result.outcomes.filter((outcome) => outcome.shortfall === null).length,
        maxTravelMeters,
        planningMillis,
      },
      result: null,
      createdBy: actor.id,
      expiresAt: new Date(this.clock.now().getTime() + this.config.PLAN_PREVIEW_TTL_MINUTES * 60_000),
    });
    return toPlanView(await manager.save(plan), locale);
  }

  private async visible(manager: EntityManager, actor: AuthUser, id: string, lock = false): Promise<Plan> {
    const plan = await manager.findOne(Plan, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!plan || plan.bapasId !== actor.agencyId) throw notFound('plan');
    return plan;
  }

  private assertHorizon(from: string, to: string): void {
    const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days;
    assertValid([
      ...(days < 0 ? [{ field: 'to', code: 'plan.horizon_reversed' }] : []),
      ...(days > MAX_HORIZON_DAYS ? [{ field: 'to', code: 'plan.horizon_too_long', params: { days: MAX_HORIZON_DAYS } }] : []),
    ]);
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }
}
