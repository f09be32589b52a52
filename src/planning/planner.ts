import { findCandidates, type Candidate, type CandidateIndex } from './candidates.js';
import { epochDay, solveRelaxed } from './flow-model.js';
import type { OrderOutcome, PlannedBooking, PlanningProblem, PlanResult, Shortfall } from './planning.types.js';
import { Bookings, fillGreedily, roundToBookings } from './rounding.js';

/**
 * Plans the orders' needs on the shifts given: the most owed minutes booked before the end dates, then the
 * least travel, balanced crews and the earliest finish. Orders that share no site are planned apart.
 */
export function planOrders(problem: PlanningProblem): PlanResult {
  const index = findCandidates(problem);
  const bookings = new Bookings(problem);
  for (const group of independentGroups(problem, index.byOrder)) {
    const candidates = group.flatMap((o) => index.byOrder[o]);
    const relaxed = solveRelaxed(problem, group, candidates);
    roundToBookings(problem, candidates, relaxed.units, relaxed.quantum, bookings);
  }
  topUp(problem, index, bookings);
  return result(problem, index, bookings);
}

/**
 * Re-plans one order after a no-show or a cancellation: `problem` holds the seats left by everyone's current
 * bookings and the order's new need. Other people's bookings stay where they are.
 */
export function replanOrder(
  problem: PlanningProblem,
  current: PlannedBooking[],
  orderId: string,
): { bookings: PlannedBooking[]; moved: number; outcome: OrderOutcome } {
  const order = problem.orders.find((candidate) => candidate.id === orderId);
  if (!order) throw new RangeError(`unknown order ${orderId}`);
  const own = current.filter((booking) => booking.orderId === orderId);
  const plan = planOrders({
    ...problem,
    orders: [{ ...order, person: { ...order.person, bookedDates: [...order.person.bookedDates, ...own.map((b) => b.date)] } }],
  });
  return { bookings: plan.bookings, moved: 0, outcome: plan.outcomes[0] };
}

/** Orders still short take any open candidate of any length, the cheapest first: this only adds minutes. */
function topUp(problem: PlanningProblem, index: CandidateIndex, bookings: Bookings): void {
  index.allByOrder.forEach((candidates, o) => {
    if (bookings.owes(o) > 0) fillGreedily(problem, candidates, bookings);
  });
}

/** Orders connected through the sites they can reach; groups share no shift, so each is solved alone. */
function independentGroups(problem: PlanningProblem, byOrder: Candidate[][]): number[][] {
  const orders = problem.orders.length;
  const parent = Array.from({ length: orders + problem.sites.length }, (_, i) => i);
  const root = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const siteIndex = new Map(problem.sites.map((site, i) => [site.id, i]));
  byOrder.forEach((candidates, o) => {
    for (const c of candidates) {
      const a = root(o);
      const b = root(orders + siteIndex.get(problem.shifts[c.shift].siteId)!);
      if (a !== b) parent[a] = b;
    }
  });
  const groups = new Map<number, number[]>();
  byOrder.forEach((candidates, o) => {
    if (candidates.length === 0) return;
    const key = root(o);
    const group = groups.get(key);
    if (group) group.push(o);
    else groups.set(key, [o]);
  });
  return [...groups.values()];
}

function result(problem: PlanningProblem, index: CandidateIndex, bookings: Bookings): PlanResult {
  const planned: PlannedBooking[] = [];
  const outcomes = problem.orders.map((order, o) => {
    const own = [...(bookings.byOrder.get(o) ?? [])].sort((a, b) => a.shift - b.shift);
    for (const c of own) {
      const shift = problem.shifts[c.shift];
      planned.push({ orderId: order.id, shiftId: shift.id, siteId: shift.siteId, date: shift.date, plannedMinutes: shift.plannedMinutes, travelMeters: c.travelMeters });
    }
    const plannedMinutes = Math.min(order.needMinutes, Math.max(0, bookings.bookedMinutes(o)));
    const lastDate = own.reduce<string | null>((last, c) => {
      const date = problem.shifts[c.shift].date;
      return last === null || date > last ? date : last;
    }, null);
    const outcome: OrderOutcome = {
      orderId: order.id,
      needMinutes: order.needMinutes,
      plannedMinutes,
      bookings: own.length,
      lastDate,
      withSpare: lastDate !== null && leavesSpare(order.startDate, order.endDate, lastDate),
      shortfall: plannedMinutes < order.needMinutes ? shortfall(problem, index, bookings, o) : null,
      reachableMinutes: reachableAlone(problem, index.allByOrder[o]),
    };
    return outcome;
  });
  return {
    bookings: planned,
    outcomes,
    plannedMinutes: outcomes.reduce((sum, outcome) => sum + outcome.plannedMinutes, 0),
    upperBoundMinutes: outcomes.reduce((sum, outcome) => sum + Math.min(outcome.needMinutes, outcome.reachableMinutes), 0),
    travelMeters: planned.reduce((sum, booking) => sum + booking.travelMeters, 0),
  };
}

/** At least 10% of the order's period is left after its last planned date. */
export function leavesSpare(startDate: string, endDate: string, lastDate: string): boolean {
  return epochDay(endDate) - epochDay(lastDate) >= 0.1 * (epochDay(endDate) - epochDay(startDate));
}

/** One trip a day on the longest open shift of each day: no plan books an order more. */
function reachableAlone(problem: PlanningProblem, candidates: Candidate[]): number {
  const longestByDay = new Map<string, number>();
  for (const c of candidates) {
    const shift = problem.shifts[c.shift];
    longestByDay.set(shift.date, Math.max(longestByDay.get(shift.date) ?? 0, shift.plannedMinutes));
  }
  return [...longestByDay.values()].reduce((sum, minutes) => sum + minutes, 0);
}

/**
 * Why an order falls short. The bound: one trip a day on its longest shift, on every day it has a candidate
 * with a free seat, summed; if that is below its need no plan can complete it. Otherwise the seats it could
 * have taken went to others: the sites whose shifts it could use are named, nearest first.
 */
function shortfall(problem: PlanningProblem, index: CandidateIndex, bookings: Bookings, o: number): Shortfall {
  const order = problem.orders[o];
  if (!order.person.home) return { kind: 'no_home' };
  const reachableMinutes = reachableAlone(problem, index.allByOrder[o]);
  if (reachableMinutes < order.needMinutes) return { kind: 'bound', reachableMinutes };
  const siteIds: string[] = [];
  for (const c of index.allByOrder[o]) {
    const siteId = problem.shifts[c.shift].siteId;
    if (bookings.seats[c.shift] === 0 && !siteIds.includes(siteId)) siteIds.push(siteId);
  }
  return { kind: 'shared_capacity', reachableMinutes, siteIds };
}

