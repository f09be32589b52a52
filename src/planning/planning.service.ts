import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AccessPolicy } from '../access/access.policy.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { Clock } from '../common/clock.js';
import { earliestLocalDate } from '../common/local-time.js';
import { assertValid, conflict, unknownReference } from '../common/domain-error.js';
import { defineMessages, type Locale } from '../common/messages.js';
import { Metrics } from '../common/observability/metrics.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { OrdersService } from '../orders/orders.service.js';
import { PlanBapasDto, PlanOrderDto } from './dto.js';
import { planInParallel } from './parallel-planner.js';
import type { PlanMove } from './plan.entity.js';
import { PlanRepository } from './plan.repository.js';
import { describeOutcome, toPlanView, type PlanView } from './plan.view.js';
import { replanOrder } from './planner.js';
import { PlanningInputsRepository, type OrderToPlan, type SiteToPlan } from './planning-inputs.repository.js';
import type { PlannedBooking, PlanningProblem, PlanResult } from './planning.types.js';

/** POLICY: a plan looks at most this far ahead (the longest sentence is 6 months). */
export const MAX_HORIZON_DAYS = 366;

defineMessages({
  'plan.horizon_reversed': {
    id: 'Tanggal akhir harus sama dengan atau setelah tanggal awal.',
    en: 'The last date must be on or after the first date.',
  },
  'plan.horizon_too_long': { id: 'Rencana paling panjang {days} hari.', en: 'A plan covers at most {days} days.' },
});

/** A planning problem as read from the database, with what the preview shows beside the planner's answer. */
interface LoadedProblem extends PlanningProblem {
  orders: OrderToPlan[];
  sites: SiteToPlan[];
}

interface PlanDraft {
  orderId: string | null;
  from: string;
  to: string;
  problem: LoadedProblem;
  /** In the order of result.outcomes. */
  orders: OrderToPlan[];
  result: PlanResult;
  moves: { assignmentId: string; from: PlannedBooking; to: PlannedBooking }[];
  /** When planning started (performance.now()). */
  started: number;
}

/**
 * Previews of plans: bookings for one order (also its re-plan) or for the Bapas's orders, stored to be applied
 * once (PlanApplier).
 */
@Injectable()
export class PlanningService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly inputs: PlanningInputsRepository,
    private readonly transactions: Transactions,
    private readonly orders: OrdersService,
    private readonly access: AccessPolicy,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Plans what one order still owes around everyone's current bookings: this is also the re-plan after a no-show
   * (its minutes are owed again) or a cancellation. Other bookings stay where they are unless `allowMoves`.
   */
  async previewOrder(actor: AuthUser, orderId: string, dto: PlanOrderDto, locale: Locale): Promise<PlanView> {
    const order = await this.transactions.run((tx) => this.orders.supervised(tx, actor, orderId));
    if (order.status !== 'active') throw conflict({ code: 'booking.order_not_active' });
    const from = [await this.today(actor), order.startDate, dto.from ?? ''].reduce((a, b) => (a > b ? a : b));
    const to = dto.to && dto.to < order.endDate ? dto.to : order.endDate;
    this.assertHorizon(from, to);
    if (dto.allowMoves) return this.previewReplan(actor, orderId, from, to, locale);
    return this.preview(actor, [orderId], orderId, from, to, locale);
  }

  async previewBapas(actor: AuthUser, dto: PlanBapasDto, locale: Locale): Promise<PlanView> {
    this.assertHorizon(dto.from, dto.to);
    const today = await this.today(actor);
    const from = dto.from > today ? dto.from : today;
    return this.preview(actor, dto.orderIds ?? null, null, from, dto.to, locale);
  }

  /** R-30: the plans' stored outcomes of these orders lose the person's name. */
  forgetPerson(tx: Tx, orderIds: string[], placeholder: string): Promise<void> {
    return this.plans.forgetPerson(orderIds, placeholder, tx);
  }

  async get(actor: AuthUser, id: string, locale: Locale): Promise<PlanView> {
    return toPlanView(this.access.requireLoaded(actor, 'plan.read', await this.plans.find(id, false)), locale);
  }

  private async preview(
    actor: AuthUser,
    orderIds: string[] | null,
    orderId: string | null,
    from: string,
    to: string,
    locale: Locale,
  ): Promise<PlanView> {
    const problem = await this.load(actor, orderIds, from, to);
    if (orderIds && problem.orders.length !== new Set(orderIds).size) throw unknownReference('orderIds', 'order');
    const started = performance.now();
    const result = await planInParallel(problem);
    return this.store(
      actor,
      { orderId, from, to, problem, orders: problem.orders, result, moves: [], started },
      locale,
    );
  }

  /** The re-plan that may move up to 5 other bookings of the Bapas (never another Bapas's) to free a seat. */
  private async previewReplan(
    actor: AuthUser,
    orderId: string,
    from: string,
    to: string,
    locale: Locale,
  ): Promise<PlanView> {
    const problem = await this.load(actor, null, from, to);
    const current = await this.inputs.scheduledBookings(
      problem.sites.map((site) => site.id),
      problem.now,
    );
    const started = performance.now();
    const replan = replanOrder(problem, current, orderId);
    const assignmentOf = new Map(
      current.map((booking) => [`${booking.orderId}|${booking.shiftId}`, booking.assignmentId]),
    );
    const moves = replan.moves.map((move) => ({
      ...move,
      assignmentId: assignmentOf.get(`${move.from.orderId}|${move.from.shiftId}`)!,
    }));
    const { outcome } = replan;
    const result: PlanResult = {
      bookings: replan.bookings,
      outcomes: [outcome],
      plannedMinutes: outcome.plannedMinutes,
      upperBoundMinutes: Math.min(outcome.needMinutes, outcome.reachableMinutes),
      travelMeters: replan.bookings.reduce((sum, booking) => sum + booking.travelMeters, 0),
    };
    const orders = problem.orders.filter((order) => order.id === orderId);
    return this.store(actor, { orderId, from, to, problem, orders, result, moves, started }, locale);
  }

  /** The Bapas's active orders (or the ones named), its sites and their shifts in [from, to]. */
  private async load(actor: AuthUser, orderIds: string[] | null, from: string, to: string): Promise<LoadedProblem> {
    const now = this.clock.now();
    const orders = await this.inputs.orders(actor.agencyId, orderIds, from);
    const sites = await this.inputs.sites(actor.agencyId, from, to);
    const shifts = await this.inputs.shifts(
      sites.map((site) => site.id),
      from,
      to,
      now,
    );
    return {
      now,
      orders,
      sites,
      shifts,
      maxTravelMeters: this.config.PLAN_MAX_TRAVEL_METERS,
      sameDay: this.config.PLANNER_SAME_DAY,
    };
  }

  private async store(actor: AuthUser, draft: PlanDraft, locale: Locale): Promise<PlanView> {
    const { orderId, from, to, problem, orders, result, moves, started } = draft;
    const planningMillis = Math.round(performance.now() - started);
    this.metrics.plannerDuration.observe({ scope: orderId ? 'order' : 'bapas' }, planningMillis / 1000);
    const { maxTravelMeters } = problem;
    const siteNames = new Map(problem.sites.map((site) => [site.id, site.name]));
    const shiftsById = new Map(problem.shifts.map((shift) => [shift.id, shift]));
    /** Where and when a planned booking is, as people read it. */
    const slot = (booking: PlannedBooking) => {
      const shift = shiftsById.get(booking.shiftId)!;
      return { siteName: siteNames.get(booking.siteId)!, start: shift.start, end: shift.end };
    };
    const plan = await this.transactions.run(async (tx) => {
      const yearsWithoutOfficialCalendar = (
        await this.calendar.warningsFor(
          tx,
          result.bookings.map((booking) => booking.date),
        )
      ).map((warning) => Number(warning.params!.year));
      return this.plans.store(
        {
          bapasId: actor.agencyId,
          orderId,
          from,
          to,
          status: 'preview',
          bookings: result.bookings.map((booking) => ({ ...booking, ...slot(booking) })),
          outcomes: result.outcomes.map((outcome, i) =>
            describeOutcome(outcome, orders[i], siteNames, maxTravelMeters),
          ),
          moves: moves.map(({ assignmentId, from: before, to: after }): PlanMove => ({
            assignmentId,
            orderId: before.orderId,
            from: { shiftId: before.shiftId, siteId: before.siteId, date: before.date },
            to: { shiftId: after.shiftId, siteId: after.siteId, date: after.date, ...slot(after) },
          })),
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
            yearsWithoutOfficialCalendar,
          },
          result: null,
          createdBy: actor.id,
          expiresAt: new Date(this.clock.now().getTime() + this.config.PLAN_PREVIEW_TTL_MINUTES * 60_000),
        },
        tx,
      );
    });
    return toPlanView(plan, locale);
  }

  private assertHorizon(from: string, to: string): void {
    const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days;
    assertValid([
      ...(days < 0 ? [{ field: 'to', code: 'plan.horizon_reversed' }] : []),
      ...(days > MAX_HORIZON_DAYS
        ? [{ field: 'to', code: 'plan.horizon_too_long', params: { days: MAX_HORIZON_DAYS } }]
        : []),
    ]);
  }

  /**
   * R-22: dates are the sites' local dates, and Indonesia's zones are all ahead of UTC (the UTC date was a day
   * behind every site each morning). A plan starts on the earliest date that is today at one of the Bapas's sites.
   */
  private async today(actor: AuthUser): Promise<string> {
    return earliestLocalDate(this.clock.now(), await this.inputs.timezones(actor.agencyId));
  }
}
