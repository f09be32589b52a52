import { groupBy } from '../common/collections.js';
import { orderDay, type Candidate } from './candidates.js';
import type { PlanningProblem } from './planning.types.js';

/** What is booked so far: per order its candidates, seats left per shift, and the dates each order travels. */
export class Bookings {
  readonly byOrder = new Map<number, Candidate[]>();
  readonly seats: number[];
  private readonly minutes = new Map<number, number>();
  private readonly days = new Set<number>();

  constructor(private readonly problem: PlanningProblem) {
    this.seats = problem.shifts.map((shift) => shift.freeSeats);
  }

  bookedMinutes(order: number): number {
    return this.minutes.get(order) ?? 0;
  }

  owes(order: number): number {
    return this.problem.orders[order].needMinutes - this.bookedMinutes(order);
  }

  canBook(c: Candidate): boolean {
    return this.seats[c.shift] > 0 && !this.days.has(orderDay(c)) && this.owes(c.order) > 0;
  }

  book(c: Candidate): void {
    this.seats[c.shift]--;
    this.days.add(orderDay(c));
    this.minutes.set(c.order, this.bookedMinutes(c.order) + this.problem.shifts[c.shift].plannedMinutes);
    const booked = this.byOrder.get(c.order);
    if (booked) booked.push(c);
    else this.byOrder.set(c.order, [c]);
  }

  unbook(c: Candidate): void {
    this.seats[c.shift]++;
    this.days.delete(orderDay(c));
    this.minutes.set(c.order, this.bookedMinutes(c.order) - this.problem.shifts[c.shift].plannedMinutes);
    this.byOrder.set(
      c.order,
      (this.byOrder.get(c.order) ?? []).filter((booked) => booked !== c),
    );
  }
}

/**
 * Whole bookings from the flow: a day the flow gives one whole shift is booked as it is; a day it splits or
 * gives part of a shift is booked on its largest part while a seat is left; an order then booked past its need
 * by a whole booking gives that booking back; an order still short takes its cheapest open candidates.
 */
export function roundToBookings(
  problem: PlanningProblem,
  candidates: Candidate[],
  units: number[],
  quantum: number | null,
  bookings: Bookings,
): void {
  const minutesOf = (part: { c: Candidate; units: number }) =>
    quantum === null ? part.units * problem.shifts[part.c.shift].plannedMinutes : part.units * quantum;
  const flowing = candidates.flatMap((c, i) => (units[i] > 0 ? [{ c, units: units[i] }] : []));
  const days = groupBy(flowing, (part) => orderDay(part.c));
  const split: { c: Candidate; share: number }[][] = [];
  for (const parts of days.values()) {
    const only = parts.length === 1 ? parts[0] : null;
    if (only && minutesOf(only) === problem.shifts[only.c.shift].plannedMinutes && bookings.canBook(only.c)) {
      bookings.book(only.c);
    } else {
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
  const byOrder = groupBy(candidates, (c) => c.order);
  for (const order of byOrder.keys()) giveBackSurplus(problem, order, bookings);
  for (const [, own] of byOrder) fillGreedily(own, bookings);
}

function giveBackSurplus(problem: PlanningProblem, order: number, bookings: Bookings): void {
  const costliestFirst = [...(bookings.byOrder.get(order) ?? [])].sort((a, b) => b.cost - a.cost);
  for (const c of costliestFirst) {
    if (-bookings.owes(order) >= problem.shifts[c.shift].plannedMinutes) bookings.unbook(c);
  }
}

export function fillGreedily(candidates: Candidate[], bookings: Bookings): void {
  const cheapestFirst = [...candidates].sort((a, b) => a.cost - b.cost || a.shift - b.shift);
  for (const c of cheapestFirst) if (bookings.canBook(c)) bookings.book(c);
}
