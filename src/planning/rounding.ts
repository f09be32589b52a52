import { groupBy, remembered } from '../common/collections.js';
import { orderDay, type Candidate } from './candidates.js';
import type { PlanningProblem } from './planning.types.js';
import {
  dayCapMinutes,
  dayShiftOf,
  DEFAULT_SAME_DAY_POLICY,
  sameDayRefusal,
  type DayShift,
  type SameDayPolicy,
} from './same-day.rules.js';

/** What is booked so far: per order its candidates, seats left per shift, and each order's shifts of each day. */
export class Bookings {
  readonly byOrder = new Map<number, Candidate[]>();
  readonly seats: number[];
  private readonly minutes = new Map<number, number>();
  private readonly days = new Map<number, Candidate[]>();
  private readonly policy: SameDayPolicy;

  constructor(private readonly problem: PlanningProblem) {
    this.seats = problem.shifts.map((shift) => shift.freeSeats);
    this.policy = problem.sameDay ?? DEFAULT_SAME_DAY_POLICY;
  }

  bookedMinutes(order: number): number {
    return this.minutes.get(order) ?? 0;
  }

  owes(order: number): number {
    return this.problem.orders[order].needMinutes - this.bookedMinutes(order);
  }

  /** A seat is left, the order still owes, and the day's policy allows it (a second shift only if `second`). */
  canBook(c: Candidate, second = true): boolean {
    return this.seats[c.shift] > 0 && this.allows(c, second);
  }

  /** The order still owes and the day's policy allows the candidate, whether or not a seat is left. */
  allows(c: Candidate, second = true): boolean {
    if (this.owes(c.order) <= 0) return false;
    const booked = this.days.get(orderDay(c));
    if (!booked || booked.length === 0) return true;
    if (!second) return false;
    const shift = this.problem.shifts[c.shift];
    const cap = dayCapMinutes(this.problem.orders[c.order], shift.date);
    return (
      sameDayRefusal(
        this.policy,
        booked.map((other) => this.dayShift(other.shift)),
        this.dayShift(c.shift),
        cap,
      ) === null
    );
  }

  book(c: Candidate): void {
    this.seats[c.shift]--;
    const day = this.days.get(orderDay(c));
    if (day) day.push(c);
    else this.days.set(orderDay(c), [c]);
    this.minutes.set(c.order, this.bookedMinutes(c.order) + this.problem.shifts[c.shift].plannedMinutes);
    const booked = this.byOrder.get(c.order);
    if (booked) booked.push(c);
    else this.byOrder.set(c.order, [c]);
  }

  unbook(c: Candidate): void {
    this.seats[c.shift]++;
    const day = this.days.get(orderDay(c))!;
    day.splice(day.indexOf(c), 1);
    this.minutes.set(c.order, this.bookedMinutes(c.order) - this.problem.shifts[c.shift].plannedMinutes);
    this.byOrder.set(
      c.order,
      (this.byOrder.get(c.order) ?? []).filter((booked) => booked !== c),
    );
  }

  private dayShift(s: number): DayShift {
    return dayShiftOf(this.problem.shifts, s);
  }
}

/**
 * Whole bookings from the flow: a day the flow gives whole shifts the policy allows together is booked as it is;
 * a day it splits otherwise or gives part of a shift is booked on its largest part while a seat is left; an order then booked past its need
 * by a whole booking gives that booking back; an order still short takes its cheapest open candidates. The
 * candidates come grouped by order.
 */
export function roundToBookings(
  problem: PlanningProblem,
  candidates: Candidate[],
  units: Int32Array,
  quantum: number | null,
  bookings: Bookings,
): void {
  const minutesOf = (part: { c: Candidate; units: number }) =>
    quantum === null ? part.units * problem.shifts[part.c.shift].plannedMinutes : part.units * quantum;
  const flowing: { c: Candidate; units: number }[] = [];
  candidates.forEach((c, i) => {
    if (units[i] > 0) flowing.push({ c, units: units[i] });
  });
  const days = groupBy(flowing, (part) => orderDay(part.c));
  const split: { c: Candidate; share: number }[][] = [];
  /** Books a day the flow gives whole shifts, if the policy allows them all; else books nothing. */
  const bookWhole = (parts: { c: Candidate; units: number }[]): boolean => {
    if (parts.some((part) => minutesOf(part) !== problem.shifts[part.c.shift].plannedMinutes)) return false;
    const booked: Candidate[] = [];
    for (const { c } of parts) {
      if (!bookings.canBook(c)) break;
      bookings.book(c);
      booked.push(c);
    }
    if (booked.length === parts.length) return true;
    for (const c of booked) bookings.unbook(c);
    return false;
  };
  for (const parts of days.values()) {
    if (!bookWhole(parts)) {
      split.push(
        parts
          .map((part) => ({ c: part.c, share: minutesOf(part) / problem.shifts[part.c.shift].plannedMinutes }))
          .sort((a, b) => b.share - a.share),
      );
    }
  }
  split.sort((a, b) => b[0].share - a[0].share);
  for (const parts of split) {
    const choice = parts.find(({ c }) => bookings.canBook(c));
    if (choice) bookings.book(choice.c);
  }
  const runs: number[] = [];
  candidates.forEach((c, i) => {
    if (i === 0 || candidates[i - 1].order !== c.order) runs.push(i);
  });
  runs.push(candidates.length);
  for (let r = 0; r + 1 < runs.length; r++) giveBackSurplus(problem, candidates[runs[r]].order, bookings);
  for (let r = 0; r + 1 < runs.length; r++) fillGreedily(candidates, bookings, runs[r], runs[r + 1]);
}

function giveBackSurplus(problem: PlanningProblem, order: number, bookings: Bookings): void {
  const costliestFirst = [...(bookings.byOrder.get(order) ?? [])].sort((a, b) => b.cost - a.cost);
  for (const c of costliestFirst) {
    if (-bookings.owes(order) >= problem.shifts[c.shift].plannedMinutes) bookings.unbook(c);
  }
}

/**
 * The cheapest candidates with a seat left (of one order, from `from` up to `to`), on days without a booking
 * first, then as a second shift of a day.
 */
export function fillGreedily(candidates: Candidate[], bookings: Bookings, from = 0, to = candidates.length): void {
  if (from === to || bookings.owes(candidates[from].order) <= 0) return;
  const cheapestFirst: Candidate[] = [];
  for (let i = from; i < to; i++) if (bookings.seats[candidates[i].shift] > 0) cheapestFirst.push(candidates[i]);
  cheapestFirst.sort((a, b) => a.cost - b.cost || a.shift - b.shift);
  for (const c of cheapestFirst) if (bookings.canBook(c, false)) bookings.book(c);
  for (const c of cheapestFirst) if (bookings.canBook(c)) bookings.book(c);
}

const NONE: Candidate[] = [];
/** A chain search reaches at most this many orders: in a large region each one would otherwise read them all. */
export const MAX_CHAIN_SEARCH = 1_000;

/** A step of a chain: `order` gives up `leaving` so that the step before it (`parent`) can book `via`. */
interface ChainStep {
  order: number;
  /** null for the first step: the order the chain serves, which gives up nothing. */
  leaving: Candidate | null;
  parent: number;
  /** On the shift of `leaving`; null for the first step. */
  via: Candidate | null;
  /** The minutes the order served gains by the chain. */
  gain: number;
}

/**
 * Repairs what rounding leaves short, whichever of the equally cheap flows it rounded: an order still owing takes
 * a full shift it may work when the shift's occupant moves to a shift of the same length with a seat left, or to
 * a full one whose occupant moves on in turn (a chain, found breadth first, each order at most once), or gives the
 * seat up when that loses fewer of its owed minutes than the chain gains. `candidates` per order are the plan's.
 */
export function repairByChains(problem: PlanningProblem, candidates: Candidate[][], bookings: Bookings): void {
  const occupants = new Map<number, Candidate[]>();
  const enter = (c: Candidate) => remembered(occupants, c.shift, () => []).push(c);
  const leave = (c: Candidate) => {
    const list = occupants.get(c.shift)!;
    list.splice(list.indexOf(c), 1);
    bookings.unbook(c);
  };
  for (const booked of bookings.byOrder.values()) booked.forEach(enter);
  /** Orders from which no chain was found since the last repair: the search skips them. */
  const dead = new Uint8Array(problem.orders.length);
  /** Per order the last search that reached it. */
  const reachedIn = new Int32Array(problem.orders.length);
  let searches = 0;
  const minutes = (c: Candidate) => problem.shifts[c.shift].plannedMinutes;
  const counted = (o: number, booked: number) => Math.min(problem.orders[o].needMinutes, booked);
  /** The owed minutes an order loses by giving up the booking. */
  const loss = (c: Candidate) =>
    counted(c.order, bookings.bookedMinutes(c.order)) - counted(c.order, bookings.bookedMinutes(c.order) - minutes(c));
  const steps: ChainStep[] = [];

  /** The chain's last step, the candidate it books and the booking that makes room for it, if not a free seat. */
  const chainFrom = (root: number): { step: number; last: Candidate; dropped: Candidate | null } | null => {
    steps.length = 0;
    const search = ++searches;
    reachedIn[root] = search;
    steps.push({ order: root, leaving: null, parent: -1, via: null, gain: 0 });
    for (let k = 0; k < steps.length; k++) {
      const { order, leaving } = steps[k];
      if (leaving) bookings.unbook(leaving);
      let found: { step: number; last: Candidate; dropped: Candidate | null } | null = null;
      for (const c of candidates[order]) {
        if (leaving && (c.shift === leaving.shift || minutes(c) !== minutes(leaving))) continue;
        const free = bookings.seats[c.shift] > 0;
        const others = free ? NONE : (occupants.get(c.shift) ?? NONE);
        if (!free && !others.some((occupant) => reachedIn[occupant.order] !== search && dead[occupant.order] === 0))
          continue;
        if (!bookings.allows(c)) continue;
        if (free) {
          found = { step: k, last: c, dropped: null };
          break;
        }
        const gain = leaving ? steps[k].gain : Math.min(bookings.owes(root), minutes(c));
        for (const occupant of others) {
          if (reachedIn[occupant.order] === search || dead[occupant.order] === 1) continue;
          if (loss(occupant) < gain) {
            found = { step: k, last: c, dropped: occupant };
            break;
          }
          if (steps.length === MAX_CHAIN_SEARCH) continue;
          reachedIn[occupant.order] = search;
          steps.push({ order: occupant.order, leaving: occupant, parent: k, via: c, gain });
        }
        if (found) break;
      }
      if (leaving) bookings.book(leaving);
      if (found) return found;
    }
    return null;
  };

  for (let o = 0; o < problem.orders.length; o++) {
    while (dead[o] === 0 && candidates[o].length > 0 && bookings.owes(o) > 0) {
      const chain = chainFrom(o);
      if (!chain) {
        // A search cut short proves nothing about the orders it reached.
        if (steps.length < MAX_CHAIN_SEARCH) for (const step of steps) dead[step.order] = 1;
        dead[o] = 1;
        break;
      }
      if (chain.dropped) leave(chain.dropped);
      let to = chain.last;
      for (let k = chain.step; k >= 0; k = steps[k].parent) {
        const { leaving, via } = steps[k];
        if (leaving) leave(leaving);
        bookings.book(to);
        enter(to);
        if (via) to = via;
      }
      dead.fill(0);
    }
  }
}
