import { groupBy } from '../common/collections.js';
import { distanceMeters } from '../common/geo.js';
import { findCandidates, type CandidateIndex, type Candidates } from './candidates.js';
import { gathered } from './columns.js';
import { DisjointSets } from './disjoint-sets.js';
import { solveRelaxed } from './flow-model.js';
import { epochDay } from './objective.js';
import type {
  OrderOutcome,
  PlannedBooking,
  PlanOrder,
  PlanningProblem,
  PlanResult,
  Shortfall,
} from './planning.types.js';
import { groupByKey } from './groups.js';
import { ownCopy } from './own-copy.js';
import { mergeResults, splitByRegion, withParts } from './regions.js';
import { Bookings, fillGreedily, repairByChains, roundToBookings } from './rounding.js';
import { dayCapMinutes, dayShiftsOf, DEFAULT_SAME_DAY_POLICY, mostMinutesOf } from './same-day.rules.js';

/**
 * Plans the orders' needs on the shifts given: the most owed minutes booked before the end dates, then the
 * least travel, balanced crews and the earliest finish. Regions that share no site are planned apart, one
 * after the other, so only one region's candidates are in memory at a time.
 */
export function planOrders(problem: PlanningProblem): PlanResult {
  const own = ownCopy(problem);
  return mergeResults(own, splitByRegion(own).map(planRegion));
}

/** One region: candidates, one flow per group of orders sharing sites, whole bookings, outcomes. */
function planRegion(problem: PlanningProblem): PlanResult {
  const index = findCandidates(problem);
  const bookings = new Bookings(problem, index.candidates);
  for (const orders of independentGroups(problem, index)) {
    const group = groupCandidates(orders, index.byOrder);
    const relaxed = solveRelaxed(problem, orders, index.candidates, group);
    roundToBookings(problem, group, relaxed.units, relaxed.quantum, bookings);
  }
  topUp(index, bookings);
  repairByChains(problem, index.byOrder, bookings);
  return result(problem, index, bookings);
}

/** The candidates of a group of orders, order after order. */
function groupCandidates(orders: number[], byOrder: Int32Array[]): Int32Array {
  let count = 0;
  for (const o of orders) count += byOrder[o].length;
  const group = new Int32Array(count);
  let k = 0;
  for (const o of orders) {
    group.set(byOrder[o], k);
    k += byOrder[o].length;
  }
  return group;
}

/** POLICY: a re-plan moves at most this many other people's bookings. */
export const MAX_MOVES = 5;

export interface Replan {
  /** The order's new bookings. */
  bookings: PlannedBooking[];
  /** Other people's bookings moved to free a seat for it, each to a shift of the same length on a free day. */
  moves: { from: PlannedBooking; to: PlannedBooking }[];
  moved: number;
  outcome: OrderOutcome;
}

/**
 * Re-plans one order after a no-show or a cancellation: `whole` holds the seats left by everyone's current
 * bookings (`current`), each person's booked dates and the order's new need. First on free seats alone; if that
 * leaves the order short, a full shift it could use gets a seat by moving one of its people to another shift of
 * the same length they can take, at most MAX_MOVES times, the cheapest shifts first.
 */
export function replanOrder(whole: PlanningProblem, current: PlannedBooking[], orderId: string): Replan {
  const order = whole.orders.find((candidate) => candidate.id === orderId);
  if (!order) throw new RangeError(`unknown order ${orderId}`);
  const problem = neighbourhood(whole, order);
  const plan = planOrders(withParts(problem, { orders: [order] }));
  const replan: Replan = { bookings: plan.bookings, moves: [], moved: 0, outcome: plan.outcomes[0] };
  if (!plan.outcomes[0].shortfall || plan.outcomes[0].shortfall.kind === 'no_home') return replan;
  return withMoves(problem, current, order, replan);
}

/**
 * The sites and shifts a re-plan can touch: within reach of the order's home, or of the homes of people who
 * share a site with it (three reaches away at most).
 */
function neighbourhood(problem: PlanningProblem, order: PlanOrder): PlanningProblem {
  const home = order.person.home;
  if (!home) return withParts(problem, { sites: [], shifts: [] });
  const sites = problem.sites.filter((site) => distanceMeters(home, site.location) <= 3 * problem.maxTravelMeters);
  const ids = new Set(sites.map((site) => site.id));
  return withParts(problem, { sites, shifts: problem.shifts.filter((shift) => ids.has(shift.siteId)) });
}

/** Seats for the order from full shifts, each freed by moving one of its people elsewhere. */
function withMoves(problem: PlanningProblem, current: PlannedBooking[], target: PlanOrder, replan: Replan): Replan {
  const seats = new Map(problem.shifts.map((shift) => [shift.id, shift.freeSeats]));
  for (const booking of replan.bookings) seats.set(booking.shiftId, seats.get(booking.shiftId)! - 1);
  const targetDates = new Set([...target.person.bookedDates, ...replan.bookings.map((b) => b.date)]);
  const own = findCandidates(withParts(problem, { orders: [target] }));
  const { shift: shiftOf, cost } = own.candidates;
  const full = [...own.allByOrder[0]]
    .filter((c) => seats.get(problem.shifts[shiftOf[c]].id) === 0 && !targetDates.has(problem.shifts[shiftOf[c]].date))
    .sort((a, b) => cost[a] - cost[b] || shiftOf[a] - shiftOf[b]);
  const fullIds = new Set(full.map((c) => problem.shifts[shiftOf[c]].id));
  const occupants = groupBy(
    current.filter((b) => b.orderId !== target.id && fullIds.has(b.shiftId)),
    (b) => b.shiftId,
  );
  if (occupants.size === 0) return replan;
  const occupantIds = new Set([...occupants.values()].flat().map((b) => b.orderId));
  const others = problem.orders.filter((o) => occupantIds.has(o.id));
  const alternatives = findCandidates(withParts(problem, { orders: others.map((o) => ({ ...o, needMinutes: 1 })) }));
  const alternativesOf = new Map(others.map((o, i) => [o.id, alternatives.allByOrder[i]]));
  const { shift: alternativeShift, travelMeters: alternativeTravel } = alternatives.candidates;
  const busy = new Set<string>();
  let owed = replan.outcome.needMinutes - replan.outcome.plannedMinutes;
  for (const c of full) {
    const shift = problem.shifts[shiftOf[c]];
    if (owed <= 0 || replan.moves.length >= MAX_MOVES || targetDates.has(shift.date)) continue;
    for (const from of occupants.get(shift.id) ?? []) {
      const to = alternativesOf.get(from.orderId)!.find((alt) => {
        const free = problem.shifts[alternativeShift[alt]];
        return (
          free.plannedMinutes === from.plannedMinutes &&
          seats.get(free.id)! > 0 &&
          !busy.has(`${from.orderId}|${free.date}`)
        );
      });
      if (to === undefined) continue;
      const moved = problem.shifts[alternativeShift[to]];
      seats.set(moved.id, seats.get(moved.id)! - 1);
      busy.add(`${from.orderId}|${moved.date}`);
      replan.moves.push({
        from,
        to: { ...from, shiftId: moved.id, siteId: moved.siteId, date: moved.date, travelMeters: alternativeTravel[to] },
      });
      replan.bookings.push({
        orderId: target.id,
        shiftId: shift.id,
        siteId: shift.siteId,
        date: shift.date,
        plannedMinutes: shift.plannedMinutes,
        travelMeters: own.candidates.travelMeters[c],
      });
      targetDates.add(shift.date);
      owed -= shift.plannedMinutes;
      break;
    }
  }
  const plannedMinutes = Math.min(replan.outcome.needMinutes, replan.outcome.needMinutes - Math.max(owed, 0));
  return {
    ...replan,
    moved: replan.moves.length,
    outcome: {
      ...replan.outcome,
      plannedMinutes,
      bookings: replan.bookings.length,
      ...finish(
        target,
        replan.bookings.map((b) => b.date),
      ),
      shortfall: plannedMinutes < replan.outcome.needMinutes ? replan.outcome.shortfall : null,
    },
  };
}

/** Orders still short after rounding take any candidate with a seat left, the cheapest first: this only adds minutes. */
function topUp(index: CandidateIndex, bookings: Bookings): void {
  index.allByOrder.forEach((own, o) => {
    if (bookings.owes(o) > 0) fillGreedily(own, bookings);
  });
}

/** Orders connected through the sites they can reach; groups share no shift, so each is solved alone. */
function independentGroups(problem: PlanningProblem, { byOrder, candidates }: CandidateIndex): number[][] {
  const orders = problem.orders.length;
  const sets = new DisjointSets(orders + problem.sites.length);
  const siteIndex = new Map(problem.sites.map((site, i) => [site.id, i]));
  const siteOfShift = Int32Array.from(problem.shifts, (shift) => siteIndex.get(shift.siteId)!);
  byOrder.forEach((own, o) => {
    let last = -1;
    for (const c of own) {
      const site = siteOfShift[candidates.shift[c]];
      if (site !== last) sets.join(o, orders + (last = site));
    }
  });
  const planned = byOrder.flatMap((own, o) => (own.length > 0 ? [o] : []));
  return [...groupBy(planned, (o) => sets.root(o)).values()];
}

function result(problem: PlanningProblem, index: CandidateIndex, bookings: Bookings): PlanResult {
  const planned: PlannedBooking[] = [];
  const { shift: shiftOf, travelMeters } = index.candidates;
  const outcomes = problem.orders.map((order, o) => {
    const own = [...(bookings.byOrder.get(o) ?? [])].sort((a, b) => shiftOf[a] - shiftOf[b]);
    for (const c of own) {
      const shift = problem.shifts[shiftOf[c]];
      planned.push({
        orderId: order.id,
        shiftId: shift.id,
        siteId: shift.siteId,
        date: shift.date,
        plannedMinutes: shift.plannedMinutes,
        travelMeters: travelMeters[c],
      });
    }
    const plannedMinutes = Math.min(order.needMinutes, Math.max(0, bookings.bookedMinutes(o)));
    const reachableMinutes = reachableAlone(problem, order, index.candidates, index.allByOrder[o]);
    const outcome: OrderOutcome = {
      orderId: order.id,
      needMinutes: order.needMinutes,
      plannedMinutes,
      bookings: own.length,
      ...finish(
        order,
        own.map((c) => problem.shifts[shiftOf[c]].date),
      ),
      shortfall: plannedMinutes < order.needMinutes ? shortfall(problem, index, bookings, o, reachableMinutes) : null,
      reachableMinutes,
    };
    return outcome;
  });
  return {
    bookings: planned,
    outcomes,
    plannedMinutes: outcomes.reduce((sum, outcome) => sum + outcome.plannedMinutes, 0),
    upperBoundMinutes: outcomes.reduce(
      (sum, outcome) => sum + Math.min(outcome.needMinutes, outcome.reachableMinutes),
      0,
    ),
    travelMeters: planned.reduce((sum, booking) => sum + booking.travelMeters, 0),
  };
}

/** The last planned date, and whether it leaves at least 10% of the order's period to spare. */
function finish(order: PlanOrder, dates: string[]): { lastDate: string | null; withSpare: boolean } {
  if (dates.length === 0) return { lastDate: null, withSpare: false };
  const lastDate = dates.reduce((last, date) => (date > last ? date : last));
  const end = epochDay(order.endDate);
  return { lastDate, withSpare: end - epochDay(lastDate) >= 0.1 * (end - epochDay(order.startDate)) };
}

/**
 * Each day the most minutes its shifts within reach can give under the policy (the longest shift, or under
 * same_site the best set at one site within the day's cap), full or not, summed: no plan books an order more.
 */
function reachableAlone(problem: PlanningProblem, order: PlanOrder, candidates: Candidates, own: Int32Array): number {
  const policy = problem.sameDay ?? DEFAULT_SAME_DAY_POLICY;
  if (own.length === 0) return 0;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (const c of own) {
    firstDay = Math.min(firstDay, candidates.day[c]);
    lastDay = Math.max(lastDay, candidates.day[c]);
  }
  const span = lastDay - firstDay + 1;
  const dayOf = gathered(candidates.day, own).map((day) => day - firstDay);
  const shiftOf = gathered(candidates.shift, own);
  const { first, items: byDay } = groupByKey(dayOf, span, shiftOf);
  const dayShifts = dayShiftsOf(problem.shifts);
  let minutes = 0;
  for (let d = 0; d < span; d++) {
    const count = first[d + 1] - first[d];
    if (count === 0) continue;
    const own = byDay.subarray(first[d], first[d + 1]);
    const cap = policy === 'one_shift' ? Infinity : dayCapMinutes(order, problem.shifts[own[0]].date);
    minutes += mostMinutesOf(policy, dayShifts, own, count, cap);
  }
  return minutes;
}

/**
 * Why an order falls short. The bound: the most minutes each day within reach can give (reachableAlone),
 * summed; if that is below its need no plan can complete it. Otherwise the seats it could
 * have taken went to others: the sites whose shifts it could use are named, nearest first.
 */
function shortfall(
  problem: PlanningProblem,
  index: CandidateIndex,
  bookings: Bookings,
  o: number,
  reachableMinutes: number,
): Shortfall {
  const order = problem.orders[o];
  if (!order.person.home) return { kind: 'no_home' };
  if (reachableMinutes < order.needMinutes) return { kind: 'bound', reachableMinutes };
  const siteIds: string[] = [];
  for (const c of index.allByOrder[o]) {
    const shift = index.candidates.shift[c];
    if (bookings.seats[shift] === 0 && !siteIds.includes(problem.shifts[shift].siteId))
      siteIds.push(problem.shifts[shift].siteId);
  }
  return { kind: 'shared_capacity', reachableMinutes, siteIds };
}
