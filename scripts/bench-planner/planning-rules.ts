import { bookingRefusals } from '../../src/assignments/booking.rules.js';
import { distanceMeters } from '../../src/common/geo.js';
import type { PlanningProblem, PlanOrder, PlanShift, PlanSite } from '../../src/planning/planning.types.js';

/** The problem's orders, sites and shifts by id, and the dates the rules look up. */
export class ProblemIndex {
  readonly orders: Map<string, PlanOrder>;
  readonly sites: Map<string, PlanSite>;
  readonly shifts: Map<string, PlanShift>;
  private readonly closedDates: Map<string, Set<string>>;
  private readonly bookedDates: Map<string, Set<string>>;

  constructor(readonly problem: PlanningProblem) {
    this.orders = new Map(problem.orders.map((order) => [order.id, order]));
    this.sites = new Map(problem.sites.map((site) => [site.id, site]));
    this.shifts = new Map(problem.shifts.map((shift) => [shift.id, shift]));
    this.closedDates = new Map(problem.sites.map((site) => [site.id, new Set(site.closedDates)]));
    this.bookedDates = new Map(problem.orders.map((order) => [order.id, new Set(order.person.bookedDates)]));
  }

  site(shift: PlanShift): PlanSite {
    const site = this.sites.get(shift.siteId);
    if (!site) throw new Error(`Shift ${shift.id} is at an unknown site ${shift.siteId}`);
    return site;
  }

  isClosed(siteId: string, date: string): boolean {
    return this.closedDates.get(siteId)?.has(date) ?? false;
  }

  isBookedDate(orderId: string, date: string): boolean {
    return this.bookedDates.get(orderId)?.has(date) ?? false;
  }
}

/** The codes of the booking rules about a person's whole day (R-03, R-11's school-day cap, R-17). */
const DAY_RULES = new Set(['booking.daily_cap', 'booking.child_school_day_cap', 'booking.overlap']);

/**
 * The booking rules about the whole day for `shift` when the person also works `others` that day: the day's cap
 * and overlaps, asked of bookingRefusals with the day's other minutes and whether one of them overlaps.
 */
export function sameDayRefusals(
  index: ProblemIndex,
  order: PlanOrder,
  shift: PlanShift,
  others: PlanShift[],
): string[] {
  const minute = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const overlaps = others.some(
    (other) => minute(other.start) < minute(shift.end) && minute(shift.start) < minute(other.end),
  );
  const site = index.site(shift);
  return bookingRefusals({
    now: new Date(0),
    order: { status: 'active', ...order },
    person: order.person,
    shift,
    site,
    agreement: site.agreement,
    holiday: null,
    sameDayPlannedMinutes: others.reduce((sum, other) => sum + other.plannedMinutes, 0),
    overlapsAnotherBooking: overlaps,
  })
    .map((refusal) => refusal.code)
    .filter((code) => DAY_RULES.has(code));
}

/** null when the person has no home: no site is within reach. */
export function travelMeters(order: PlanOrder, site: PlanSite): number | null {
  return order.person.home ? distanceMeters(order.person.home, site.location) : null;
}

/**
 * Why the order may not be booked on the shift under the planner's rules: the booking rules for a single trip
 * that day, plus a free seat, a coordinator on duty, a home within reach and
 * no other booking of the person that day. Empty when (order, shift) is a candidate.
 */
export function candidateRefusals(index: ProblemIndex, order: PlanOrder, shift: PlanShift): string[] {
  const site = index.site(shift);
  const refusals = bookingRefusals({
    now: index.problem.now,
    order: { status: 'active', ...order },
    person: order.person,
    shift,
    site,
    agreement: site.agreement,
    holiday: index.isClosed(site.id, shift.date) ? { name: 'closed date' } : null,
    sameDayPlannedMinutes: 0,
    overlapsAnotherBooking: false,
  }).map((refusal) => refusal.code);
  if (shift.freeSeats <= 0) refusals.push('plan.no_free_seat');
  if (!shift.coordinated) refusals.push('plan.no_coordinator');
  const travel = travelMeters(order, site);
  if (travel === null) refusals.push('plan.no_home');
  else if (travel > index.problem.maxTravelMeters) refusals.push('plan.too_far');
  if (index.isBookedDate(order.id, shift.date)) refusals.push('plan.person_booked_that_day');
  return refusals;
}
