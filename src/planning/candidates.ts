import { bookingRefusals } from '../assignments/booking.rules.js';
import { isoWeekday } from '../shifts/shift.rules.js';
import { bookingCost, epochDay } from './objective.js';
import { SiteGrid } from './site-grid.js';
import type { PlanOrder, PlanShift, PlanSite, PlanningProblem } from './planning.types.js';

/** A shift an order may be booked on: every booking rule allows it, and its site is within reach. */
export interface Candidate {
  order: number;
  shift: number;
  travelMeters: number;
  /** The shift's date as days since 1970-01-01. */
  day: number;
  /** The objective's cost of this booking apart from the minutes it books (see bookingCost). */
  cost: number;
}

/** One number per (order, date): the day the same-day POLICY is about. */
export const orderDay = (c: Candidate): number => c.order * 1_000_000 + c.day;

export interface CandidateIndex {
  /** Per order, the candidates with a free seat: those the plan uses. */
  byOrder: Candidate[][];
  /** Per order, every candidate, full shifts too: nearest site first, then by date. */
  allByOrder: Candidate[][];
}

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
  const open = problem.shifts.map((shift, index) =>
    shiftIsOpen(problem, shift, problem.sites[shiftsBySite.siteIndex[index]]),
  );
  const pattern = patterns(problem, shiftsBySite.siteIndex);
  const reach = new SiteGrid(problem.sites, problem.maxTravelMeters);
  const rulesByProfile = new Map<string, ReturnType<typeof windowRules>>();
  const byOrder: Candidate[][] = [];
  const allByOrder: Candidate[][] = [];
  for (let o = 0; o < problem.orders.length; o++) {
    const order = problem.orders[o];
    const candidates: Candidate[] = [];
    if (order.needMinutes > 0 && order.person.home) {
      const profile = JSON.stringify([
        order.regime,
        order.maxHoursPerDay,
        order.person.religion,
        order.person.worshipDefaults,
        order.person.inSchool,
        order.person.unavailable,
      ]);
      let allowed = rulesByProfile.get(profile);
      if (!allowed) rulesByProfile.set(profile, (allowed = windowRules(order)));
      const booked = new Set(order.person.bookedDates);
      const startDay = epochDay(order.startDate);
      const endDay = epochDay(order.endDate);
      for (const { site, travelMeters } of reach.within(order.person.home)) {
        const shifts = shiftsBySite.bySite[site];
        for (let k = firstOnOrAfter(problem.shifts, shifts, order.startDate); k < shifts.length; k++) {
          const s = shifts[k];
          const shift = problem.shifts[s];
          if (shift.date > order.endDate) break;
          if (open[s] && !booked.has(shift.date) && allowed(pattern[s], shift, problem.sites[site])) {
            const day = epochDay(shift.date);
            candidates.push({
              order: o,
              shift: s,
              travelMeters,
              day,
              cost: bookingCost(startDay, endDay, day, travelMeters),
            });
          }
        }
      }
    }
    allByOrder.push(candidates);
    byOrder.push(candidates.filter((c) => problem.shifts[c.shift].freeSeats > 0));
  }
  return { byOrder, allByOrder };
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

/** What holds for a shift whoever is booked on it, full or not, not started, a coordinator. */
function shiftIsOpen(problem: PlanningProblem, shift: PlanShift, site: PlanSite): boolean {
  const agreement = site.agreement;
  return (
    shift.coordinated &&
    shift.startsAt.getTime() > problem.now.getTime() &&
    agreement !== null &&
    shift.date >= agreement.validFrom &&
    shift.date <= agreement.validTo &&
    !site.closedDates.includes(shift.date)
  );
}

/** Shifts alike for the window rules (same weekday, times, length, minors) share a pattern number. */
function patterns(problem: PlanningProblem, siteIndex: number[]): number[] {
  const weekdays = new Map<string, number>();
  const numbers = new Map<string, number>();
  return problem.shifts.map((shift, s) => {
    let weekday = weekdays.get(shift.date);
    if (weekday === undefined) weekdays.set(shift.date, (weekday = isoWeekday(shift.date)));
    const key = `${weekday}|${shift.start}|${shift.end}|${shift.plannedMinutes}|${problem.sites[siteIndex[s]].minorsAllowed}`;
    let number = numbers.get(key);
    if (number === undefined) numbers.set(key, (number = numbers.size));
    return number;
  });
}

function firstOnOrAfter(shifts: PlanShift[], sorted: number[], date: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (shifts[sorted[middle]].date < date) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The booking rules that depend on the person and the shift's weekday and times, asked once per pattern and
 * shared by orders whose persons have the same windows: the
 * period, agreement and holiday are checked per shift, so the rules see them as always satisfied here.
 */
function windowRules(order: PlanOrder): (pattern: number, shift: PlanShift, site: PlanSite) => boolean {
  const answers = new Map<number, boolean>();
  const context = {
    now: EPOCH,
    order: { status: 'active', regime: order.regime, maxHoursPerDay: order.maxHoursPerDay, ...NEUTRAL_PERIOD },
    person: order.person,
    agreement: { validFrom: NEUTRAL_PERIOD.startDate, validTo: NEUTRAL_PERIOD.endDate },
    holiday: null,
    sameDayPlannedMinutes: 0,
    overlapsAnotherBooking: false,
  };
  return (pattern, shift, site) => {
    let allowed = answers.get(pattern);
    if (allowed === undefined) {
      const refusals = bookingRefusals({
        ...context,
        shift: {
          date: shift.date,
          start: shift.start,
          end: shift.end,
          startsAt: FAR_FUTURE,
          plannedMinutes: shift.plannedMinutes,
        },
        site: { minorsAllowed: site.minorsAllowed },
      });
      allowed = refusals.length === 0;
      answers.set(pattern, allowed);
    }
    return allowed;
  };
}
