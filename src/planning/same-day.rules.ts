import type { SameDayPolicy } from '../config/same-day-policies.js';
import { CHILD_SCHOOL_DAY_CAP_MINUTES, CHILD_SCHOOL_DAYS } from '../assignments/booking.rules.js';
import { minutesOfDay } from '../shifts/shift.rules.js';
import { epochDay, weekdayOf } from './objective.js';

/**
 * POLICY (PLANNER_SAME_DAY): what the planner books a person on one local day. `same_site` (the default): one
 * trip, so a second shift only at the same site, never overlapping the first and within the day's cap
 * (R-03; R-11 for a child on a school day). `one_shift`: one shift a day. The law allows more (two sites on one
 * day); the planner does not plan a second trip.
 */
export { SAME_DAY_POLICIES, type SameDayPolicy } from '../config/same-day-policies.js';
export const DEFAULT_SAME_DAY_POLICY: SameDayPolicy = 'same_site';

/** A shift as the same-day rule sees it: where, and when in the site's local day (minutes since midnight). */
export interface DayShift {
  siteId: string;
  startMinute: number;
  endMinute: number;
  plannedMinutes: number;
}

export type SameDayRefusal = 'plan.one_shift_a_day' | 'plan.one_trip_a_day' | 'booking.overlap' | 'booking.daily_cap';

export function dayShift(shift: { siteId: string; start: string; end: string; plannedMinutes: number }): DayShift {
  return {
    siteId: shift.siteId,
    startMinute: minutesOfDay(shift.start),
    endMinute: minutesOfDay(shift.end),
    plannedMinutes: shift.plannedMinutes,
  };
}

type ShiftTimes = { siteId: string; start: string; end: string; plannedMinutes: number };
const cachedDayShifts = new WeakMap<object, DayShift[]>();

/** The shift of that index as dayShift gives it, made once per list of shifts. */
export function dayShiftOf(shifts: readonly ShiftTimes[], index: number): DayShift {
  return dayShiftsOf(shifts)[index];
}

/** Every shift of the list as dayShift gives it, made once per list of shifts. */
export function dayShiftsOf(shifts: readonly ShiftTimes[]): DayShift[] {
  let cache = cachedDayShifts.get(shifts);
  if (!cache) cachedDayShifts.set(shifts, (cache = shifts.map(dayShift)));
  return cache;
}

/** POLICY for a child in school on a school day: the most minutes of work on that date. */
export function dayCapMinutes(
  order: { regime: string; maxHoursPerDay: number; person: { inSchool: boolean } },
  date: string,
): number {
  const cap = order.maxHoursPerDay * 60;
  const schoolDay =
    order.regime === 'child' && order.person.inSchool && CHILD_SCHOOL_DAYS.includes(weekdayOf(epochDay(date)));
  return schoolDay ? Math.min(cap, CHILD_SCHOOL_DAY_CAP_MINUTES) : cap;
}

/** two shifts of one day overlap (half-open, as the booking rules compare times). */
function overlap(a: DayShift, b: DayShift): boolean {
  return a.startMinute < b.endMinute && b.startMinute < a.endMinute;
}

/**
 * Why the planner may not add `next` to the shifts the person already has that day (`booked`, each allowed on
 * its own), or null. Each shift alone is checked by the booking rules; this rule is about the day as a whole.
 */
export function sameDayRefusal(
  policy: SameDayPolicy,
  booked: readonly DayShift[],
  next: DayShift,
  capMinutes: number,
): SameDayRefusal | null {
  if (booked.length === 0) return null;
  if (policy === 'one_shift') return 'plan.one_shift_a_day';
  let minutes = next.plannedMinutes;
  for (const shift of booked) {
    if (shift.siteId !== next.siteId) return 'plan.one_trip_a_day';
    if (overlap(shift, next)) return 'booking.overlap';
    minutes += shift.plannedMinutes;
  }
  return minutes > capMinutes ? 'booking.daily_cap' : null;
}

/**
 * The most minutes one day's shifts can give the person under the policy: the bound of a day. Searches every
 * allowed set of the day's shifts at each site (a handful in practice), and stops at the cap, which no allowed set
 * passes; past 12 shifts at one site it answers the cap, which is still a bound.
 */
export function mostMinutesInADay(policy: SameDayPolicy, shifts: readonly DayShift[], capMinutes: number): number {
  return mostMinutesOf(policy, shifts, Int32Array.from(shifts.keys()), shifts.length, capMinutes);
}

/** Scratch space of mostMinutesOf: which of the day's shifts a site's group took, that group, the set chosen. */
let taken = new Uint8Array(16);
let group = new Int32Array(16);
let chosen = new Int32Array(16);

/**
 * mostMinutesInADay of the day's shifts `all[picked[0]]` to `all[picked[count - 1]]`, without copying them out:
 * the planner asks it for every day of every order.
 */
export function mostMinutesOf(
  policy: SameDayPolicy,
  all: readonly DayShift[],
  picked: Int32Array,
  count: number,
  capMinutes: number,
): number {
  let best = 0;
  for (let k = 0; k < count; k++) best = Math.max(best, all[picked[k]].plannedMinutes);
  if (policy === 'one_shift' || count < 2 || best >= capMinutes) return best;
  if (taken.length < count)
    [taken, group, chosen] = [new Uint8Array(count), new Int32Array(count), new Int32Array(count)];
  taken.fill(0, 0, count);
  for (let k = 0; k < count; k++) {
    if (taken[k] === 1) continue;
    const siteId = all[picked[k]].siteId;
    let size = 0;
    for (let j = k; j < count; j++) {
      if (taken[j] === 0 && all[picked[j]].siteId === siteId) {
        taken[j] = 1;
        group[size++] = picked[j];
      }
    }
    if (size > 12) return Math.max(best, capMinutes);
    best = Math.max(best, bestSetAtOneSite(all, size, 0, 0, 0, capMinutes));
    if (best >= capMinutes) return best;
  }
  return best;
}

/** The most minutes of a set of the group's shifts from `from` on added to the `depth` chosen (sameDayRefusal). */
function bestSetAtOneSite(
  all: readonly DayShift[],
  size: number,
  from: number,
  depth: number,
  minutes: number,
  capMinutes: number,
): number {
  let best = minutes;
  for (let i = from; i < size; i++) {
    const next = all[group[i]];
    if (depth > 0 && minutes + next.plannedMinutes > capMinutes) continue;
    let overlaps = false;
    for (let j = 0; j < depth && !overlaps; j++) overlaps = overlap(all[chosen[j]], next);
    if (overlaps) continue;
    chosen[depth] = group[i];
    best = Math.max(best, bestSetAtOneSite(all, size, i + 1, depth + 1, minutes + next.plannedMinutes, capMinutes));
  }
  return best;
}
