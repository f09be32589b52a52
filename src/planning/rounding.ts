import { groupBy, remembered } from '../common/collections.js';
import type { Candidate, Candidates } from './candidates.js';
import type { PlanningProblem } from './planning.types.js';
import {
  dayCapMinutes,
  dayShiftOf,
  DEFAULT_SAME_DAY_POLICY,
  sameDayRefusal,
  type DayShift,
  type SameDayPolicy,
} from './same-day.rules.js';

/**
 * What is booked so far, of the planning's `candidates`: per order its candidates, seats left per shift, and each
 * order's shifts of each day.
 */
export class Bookings {
  readonly byOrder = new Map<number, Candidate[]>();
  readonly seats: number[];
  private readonly minutes = new Map<number, number>();
  private readonly days = new Map<number, Candidate[]>();
  private readonly policy: SameDayPolicy;

  constructor(
    private readonly problem: PlanningProblem,
    readonly candidates: Candidates,
  ) {
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
    return this.seats[this.candidates.shift[c]] > 0 && this.allows(c, second);
  }

  /** The order still owes and the day's policy allows the candidate, whether or not a seat is left. */
  allows(c: Candidate, second = true): boolean {
    const { order, shift } = this.candidates;
    if (this.owes(order[c]) <= 0) return false;
    const booked = this.days.get(this.candidates.orderDay(c));
    if (!booked || booked.length === 0) return true;
    if (!second) return false;
    const cap = dayCapMinutes(this.problem.orders[order[c]], this.problem.shifts[shift[c]].date);
    return (
      sameDayRefusal(
        this.policy,
        booked.map((other) => this.dayShift(shift[other])),
        this.dayShift(shift[c]),
        cap,
      ) === null
    );
  }

  book(c: Candidate): void {
    const order = this.candidates.order[c];
    const shift = this.candidates.shift[c];
    this.seats[shift]--;
    const day = this.days.get(this.candidates.orderDay(c));
    if (day) day.push(c);
    else this.days.set(this.candidates.orderDay(c), [c]);
    this.minutes.set(order, this.bookedMinutes(order) + this.problem.shifts[shift].plannedMinutes);
    const booked = this.byOrder.get(order);
    if (booked) booked.push(c);
    else this.byOrder.set(order, [c]);
  }

  unbook(c: Candidate): void {
    const order = this.candidates.order[c];
    const shift = this.candidates.shift[c];
    this.seats[shift]++;
    const day = this.days.get(this.candidates.orderDay(c))!;
    day.splice(day.indexOf(c), 1);
    this.minutes.set(order, this.bookedMinutes(order) - this.problem.shifts[shift].plannedMinutes);
    this.byOrder.set(
      order,
      (this.byOrder.get(order) ?? []).filter((booked) => booked !== c),
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
 * group's candidates come grouped by order.
 */
export function roundToBookings(
  problem: PlanningProblem,
  group: Int32Array,
  units: Int32Array,
  quantum: number | null,
  bookings: Bookings,
): void {
  const { order, shift } = bookings.candidates;
  const lengthOf = (c: Candidate) => problem.shifts[shift[c]].plannedMinutes;
  const minutesOf = (part: { c: Candidate; units: number }) =>
    quantum === null ? part.units * lengthOf(part.c) : part.units * quantum;
  const flowing: { c: Candidate; units: number }[] = [];
  group.forEach((c, i) => {
    if (units[i] > 0) flowing.push({ c, units: units[i] });
  });
  const days = groupBy(flowing, (part) => bookings.candidates.orderDay(part.c));
  const split: { c: Candidate; share: number }[][] = [];
  /** Books a day the flow gives whole shifts, if the policy allows them all; else books nothing. */
  const bookWhole = (parts: { c: Candidate; units: number }[]): boolean => {
    if (parts.some((part) => minutesOf(part) !== lengthOf(part.c))) return false;
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
          .map((part) => ({ c: part.c, share: minutesOf(part) / lengthOf(part.c) }))
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
  group.forEach((c, i) => {
    if (i === 0 || order[group[i - 1]] !== order[c]) runs.push(i);
  });
  runs.push(group.length);
  for (let r = 0; r + 1 < runs.length; r++) giveBackSurplus(problem, order[group[runs[r]]], bookings);
  for (let r = 0; r + 1 < runs.length; r++) fillGreedily(group, bookings, runs[r], runs[r + 1]);
}

function giveBackSurplus(problem: PlanningProblem, order: number, bookings: Bookings): void {
  const { cost, shift } = bookings.candidates;
  const costliestFirst = [...(bookings.byOrder.get(order) ?? [])].sort((a, b) => cost[b] - cost[a]);
  for (const c of costliestFirst) {
    if (-bookings.owes(order) >= problem.shifts[shift[c]].plannedMinutes) bookings.unbook(c);
  }
}

/**
 * The cheapest candidates with a seat left (of one order, from `from` up to `to`), on days without a booking
 * first, then as a second shift of a day.
 */
export function fillGreedily(own: Int32Array, bookings: Bookings, from = 0, to = own.length): void {
  const { order, shift, cost } = bookings.candidates;
  if (from === to || bookings.owes(order[own[from]]) <= 0) return;
  const cheapestFirst: Candidate[] = [];
  for (let i = from; i < to; i++) if (bookings.seats[shift[own[i]]] > 0) cheapestFirst.push(own[i]);
  cheapestFirst.sort((a, b) => cost[a] - cost[b] || shift[a] - shift[b]);
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
export function repairByChains(problem: PlanningProblem, candidates: Int32Array[], bookings: Bookings): void {
  const { order: orderOf, shift } = bookings.candidates;
  const occupants = new Map<number, Candidate[]>();
  const enter = (c: Candidate) => remembered(occupants, shift[c], () => []).push(c);
  const leave = (c: Candidate) => {
    const list = occupants.get(shift[c])!;
    list.splice(list.indexOf(c), 1);
    bookings.unbook(c);
  };
  for (const booked of bookings.byOrder.values()) booked.forEach(enter);
  /** Orders from which no chain was found since the last repair: the search skips them. */
  const dead = new Uint8Array(problem.orders.length);
  /** Per order the last search that reached it. */
  const reachedIn = new Int32Array(problem.orders.length);
  let searches = 0;
  const minutes = (c: Candidate) => problem.shifts[shift[c]].plannedMinutes;
  const counted = (o: number, booked: number) => Math.min(problem.orders[o].needMinutes, booked);
  /** The owed minutes an order loses by giving up the booking. */
  const loss = (c: Candidate) =>
    counted(orderOf[c], bookings.bookedMinutes(orderOf[c])) -
    counted(orderOf[c], bookings.bookedMinutes(orderOf[c]) - minutes(c));
  const steps: ChainStep[] = [];

  /** The chain's last step, the candidate it books and the booking that makes room for it, if not a free seat. */
  const chainFrom = (root: number): { step: number; last: Candidate; dropped: Candidate | null } | null => {
    steps.length = 0;
    const search = ++searches;
    /** An occupant this search may still move: not reached yet, and not known to be stuck. */
    const open = (occupant: Candidate) => reachedIn[orderOf[occupant]] !== search && dead[orderOf[occupant]] === 0;
    reachedIn[root] = search;
    steps.push({ order: root, leaving: null, parent: -1, via: null, gain: 0 });
    for (let k = 0; k < steps.length; k++) {
      const { order, leaving } = steps[k];
      if (leaving !== null) bookings.unbook(leaving);
      let found: { step: number; last: Candidate; dropped: Candidate | null } | null = null;
      for (const c of candidates[order]) {
        if (leaving !== null && (shift[c] === shift[leaving] || minutes(c) !== minutes(leaving))) continue;
        const free = bookings.seats[shift[c]] > 0;
        const others = free ? NONE : (occupants.get(shift[c]) ?? NONE);
        if (!free && !others.some(open)) continue;
        if (!bookings.allows(c)) continue;
        if (free) {
          found = { step: k, last: c, dropped: null };
          break;
        }
        const gain = leaving !== null ? steps[k].gain : Math.min(bookings.owes(root), minutes(c));
        for (const occupant of others) {
          if (!open(occupant)) continue;
          if (loss(occupant) < gain) {
            found = { step: k, last: c, dropped: occupant };
            break;
          }
          if (steps.length === MAX_CHAIN_SEARCH) continue;
          reachedIn[orderOf[occupant]] = search;
          steps.push({ order: orderOf[occupant], leaving: occupant, parent: k, via: c, gain });
        }
        if (found) break;
      }
      if (leaving !== null) bookings.book(leaving);
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
      if (chain.dropped !== null) leave(chain.dropped);
      let to = chain.last;
      for (let k = chain.step; k >= 0; k = steps[k].parent) {
        const { leaving, via } = steps[k];
        if (leaving !== null) leave(leaving);
        bookings.book(to);
        enter(to);
        if (via !== null) to = via;
      }
      dead.fill(0);
    }
  }
}
