import { bookingRefusals } from '../assignments/booking.rules.js';
import type { LatLng } from '../common/geo.js';
import { doubled } from './columns.js';
import { bookingCost, epochDay, weekdayOf } from './objective.js';
import { SiteGrid } from './site-grid.js';
import type { PlanOrder, PlanShift, PlanSite, PlanningProblem } from './planning.types.js';

/**
 * A shift an order may be booked on (every booking rule allows it, and its site is within reach), by its number in
 * the planning's Candidates.
 */
export type Candidate = number;

/**
 * The candidates of a planning, column by column: candidate k books order[k] on shift[k], travelMeters[k] from home,
 * on day[k] (days since 1970-01-01), at cost[k] (the objective's cost apart from the minutes it books, bookingCost).
 * Columns, not an object each: a planning has hundreds of thousands, which as objects were 26 of its 64 MB of
 * garbage at S2 (the benchmark's) and, living on, were copied by every young-generation collection.
 */
export class Candidates {
  order: Int32Array;
  shift: Int32Array;
  travelMeters: Int32Array;
  day: Int32Array;
  cost: Int32Array;
  count = 0;

  constructor(capacity = 1024) {
    this.order = new Int32Array(capacity);
    this.shift = new Int32Array(capacity);
    this.travelMeters = new Int32Array(capacity);
    this.day = new Int32Array(capacity);
    this.cost = new Int32Array(capacity);
  }

  add(order: number, shift: number, travelMeters: number, day: number, cost: number): Candidate {
    if (this.count === this.order.length) this.grow();
    const c = this.count++;
    this.order[c] = order;
    this.shift[c] = shift;
    this.travelMeters[c] = travelMeters;
    this.day[c] = day;
    this.cost[c] = cost;
    return c;
  }

  /** One number per (order, date): the day the same-day POLICY is about. */
  orderDay(c: Candidate): number {
    return this.order[c] * 1_000_000 + this.day[c];
  }

  private grow(): void {
    this.order = doubled(this.order);
    this.shift = doubled(this.shift);
    this.travelMeters = doubled(this.travelMeters);
    this.day = doubled(this.day);
    this.cost = doubled(this.cost);
  }
}

export interface CandidateIndex {
  candidates: Candidates;
  /** Per order, the candidates with a free seat: those the plan uses. */
  byOrder: Int32Array[];
  /** Per order, every candidate, full shifts too: nearest site first, then by date. */
  allByOrder: Int32Array[];
}

/** A shift's state in findCandidates: not open (0), open and full, open with a seat left. */
const FULL = 1;
const FREE_SEAT = 2;

const NEUTRAL_PERIOD = { startDate: '0000-01-01', endDate: '9999-12-31' };
const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');
const EPOCH = new Date(0);

/**
 * Every (order, shift) pair a manual booking would accept on an empty day, found with the booking rules
 * themselves, plus the planner's own limits: a coordinator on duty, a site
 * within reach of home, and no booking of the person that day yet. Full shifts count for the bound and the shared capacity; the plan
 * uses those with a free seat.
 */
export function findCandidates(problem: PlanningProblem): CandidateIndex {
  const shiftsBySite = groupShiftsBySite(problem);
  const shiftCount = problem.shifts.length;
  const open = new Uint8Array(shiftCount);
  const shiftDay = new Int32Array(shiftCount);
  const closedDays = problem.sites.map((site) => new Set(site.closedDates.map(epochDay)));
  for (let s = 0; s < shiftCount; s++) {
    const shift = problem.shifts[s];
    const site = shiftsBySite.siteIndex[s];
    shiftDay[s] = epochDay(shift.date);
    if (shiftIsOpen(problem, shift, problem.sites[site]) && !closedDays[site].has(shiftDay[s]))
      open[s] = shift.freeSeats > 0 ? FREE_SEAT : FULL;
  }
  const pattern = patterns(problem, shiftsBySite.siteIndex, shiftDay);
  const allowedByOrder = windowAnswers(problem, pattern);
  const reach = new SiteGrid(problem.sites, problem.maxTravelMeters);
  const table = new Candidates(16 * problem.orders.length);
  const byOrder: Int32Array[] = [];
  const allByOrder: Int32Array[] = [];
  let free: Int32Array = new Int32Array(1024);
  for (let o = 0; o < problem.orders.length; o++) {
    const order = problem.orders[o];
    const first = table.count;
    let freeCount = 0;
    if (isPlanned(order)) {
      const allowed = allowedByOrder[o];
      const booked = new Set(order.person.bookedDates.map(epochDay));
      const startDay = epochDay(order.startDate);
      const endDay = epochDay(order.endDate);
      for (const { site, travelMeters } of reach.within(order.person.home)) {
        const shifts = shiftsBySite.bySite[site];
        for (let k = firstOnOrAfter(shiftDay, shifts, startDay); k < shifts.length; k++) {
          const s = shifts[k];
          const day = shiftDay[s];
          if (day > endDay) break;
          if (open[s] === 0 || (booked.size > 0 && booked.has(day))) continue;
          if (allowed[pattern.of[s]] === 1) {
            const c = table.add(o, s, travelMeters, day, bookingCost(startDay, endDay, day, travelMeters));
            if (open[s] === FREE_SEAT) {
              if (freeCount === free.length) free = doubled(free);
              free[freeCount++] = c;
            }
          }
        }
      }
    }
    const all = new Int32Array(table.count - first);
    for (let i = 0; i < all.length; i++) all[i] = first + i;
    allByOrder.push(all);
    byOrder.push(free.slice(0, freeCount));
  }
  return { candidates: table, byOrder, allByOrder };
}

function groupShiftsBySite(problem: PlanningProblem) {
  const siteIndexById = new Map(problem.sites.map((site, index) => [site.id, index]));
  const bySite: number[][] = problem.sites.map(() => []);
  const siteIndex = problem.shifts.map((shift, s) => {
    const index = siteIndexById.get(shift.siteId);
    if (index === undefined) throw new RangeError(`shift ${shift.id}: unknown site ${shift.siteId}`);
    bySite[index].push(s);
    return index;
  });
  for (const list of bySite) list.sort((a, b) => compareShifts(problem.shifts[a], problem.shifts[b]) || a - b);
  return { bySite, siteIndex };
}

function compareShifts(a: PlanShift, b: PlanShift): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.startsAt.getTime() - b.startsAt.getTime();
}

/**
 * What holds for a shift whoever is booked on it, full or not: R-05, not started, a coordinator; the site's closed
 * dates (R-23) are checked by day number, since the strings' kinds (a literal, a message's) differ to compiled code.
 */
function shiftIsOpen(problem: PlanningProblem, shift: PlanShift, site: PlanSite): boolean {
  const agreement = site.agreement;
  return (
    shift.coordinated &&
    shift.startsAt.getTime() > problem.now.getTime() &&
    agreement !== null &&
    shift.date >= agreement.validFrom &&
    shift.date <= agreement.validTo
  );
}

/** Shifts alike for the window rules (same weekday, times, length, minors) share a pattern number. */
function patterns(problem: PlanningProblem, siteIndex: number[], shiftDay: Int32Array): Patterns {
  const numbers = new Map<string, number>();
  const of = new Int32Array(problem.shifts.length);
  const first: number[] = [];
  for (let s = 0; s < problem.shifts.length; s++) {
    const shift = problem.shifts[s];
    const key = `${weekdayOf(shiftDay[s])}|${shift.start}|${shift.end}|${shift.plannedMinutes}|${problem.sites[siteIndex[s]].minorsAllowed}`;
    let number = numbers.get(key);
    if (number === undefined) {
      numbers.set(key, (number = numbers.size));
      first.push(s);
    }
    of[s] = number;
  }
  return { of, keys: [...numbers.keys()], first, siteIndex };
}

interface Patterns {
  /** Per shift its pattern number. */
  of: Int32Array;
  /** Per pattern number what it stands for. */
  keys: string[];
  /** Per pattern number its first shift, which the rules are asked about. */
  first: number[];
  /** Per shift the number of its site. */
  siteIndex: number[];
}

/** An order the planner books: it still needs minutes and its person's home is known (else no site is in reach). */
function isPlanned(order: PlanOrder): order is PlanOrder & { person: { home: LatLng } } {
  return order.needMinutes > 0 && Boolean(order.person.home);
}

/**
 * The window rules' answers per profile of a person and pattern key, kept from one planning to the next (regions
 * of a problem, re-plans): they depend on nothing else. Forgotten wholesale past MAX_PROFILES profiles.
 */
const knownAnswers = new Map<string, Map<string, boolean>>();
const MAX_PROFILES = 10_000;

function answersOf(profile: string): Map<string, boolean> {
  let answers = knownAnswers.get(profile);
  if (!answers) {
    if (knownAnswers.size >= MAX_PROFILES) knownAnswers.clear();
    knownAnswers.set(profile, (answers = new Map()));
  }
  return answers;
}

function firstOnOrAfter(shiftDay: Int32Array, sorted: number[], day: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (shiftDay[sorted[middle]] < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Per order, the window rules' answer for each pattern (1: allowed), as one row shared by the orders whose persons
 * have the same windows: the booking rules that depend on the person and the shift's weekday and times. The period,
 * agreement and holiday are checked per shift, so the rules see them as always satisfied here. Asked before the
 * candidates are sought, not as they are: the rules' code, compiled inside that loop, was thrown away whenever it
 * met a kind of array it had not met yet, and the whole loop with it (five times a thread in a first planning at M,
 * a third of a second of compiling each time).
 */
function windowAnswers(problem: PlanningProblem, pattern: Patterns): Uint8Array[] {
  const rows = new Map<string, Uint8Array>();
  return problem.orders.map((order) => {
    if (!isPlanned(order)) return NOT_PLANNED;
    const profile = JSON.stringify([
      order.regime,
      order.maxHoursPerDay,
      order.person.religion,
      order.person.worshipDefaults,
      order.person.inSchool,
      order.person.unavailable,
    ]);
    let row = rows.get(profile);
    if (!row) rows.set(profile, (row = answerRow(problem, order, pattern, answersOf(profile))));
    return row;
  });
}

const NOT_PLANNED = new Uint8Array(0);

function answerRow(
  problem: PlanningProblem,
  order: PlanOrder,
  pattern: Patterns,
  known: Map<string, boolean>,
): Uint8Array {
  const row = new Uint8Array(pattern.keys.length);
  const context = {
    now: EPOCH,
    order: { status: 'active', regime: order.regime, maxHoursPerDay: order.maxHoursPerDay, ...NEUTRAL_PERIOD },
    person: order.person,
    agreement: { validFrom: NEUTRAL_PERIOD.startDate, validTo: NEUTRAL_PERIOD.endDate },
    holiday: null,
    sameDayPlannedMinutes: 0,
    overlapsAnotherBooking: false,
  };
  for (let k = 0; k < row.length; k++) {
    let allowed = known.get(pattern.keys[k]);
    if (allowed === undefined) {
      const shift = problem.shifts[pattern.first[k]];
      allowed =
        bookingRefusals({
          ...context,
          shift: {
            date: shift.date,
            start: shift.start,
            end: shift.end,
            startsAt: FAR_FUTURE,
            plannedMinutes: shift.plannedMinutes,
          },
          site: { minorsAllowed: problem.sites[pattern.siteIndex[pattern.first[k]]].minorsAllowed },
        }).length === 0;
      known.set(pattern.keys[k], allowed);
    }
    row[k] = allowed ? 1 : 0;
  }
  return row;
}
