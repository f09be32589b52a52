import {
  CHILD_LATEST_END,
  CHILD_SCHOOL_DAY_CAP_MINUTES,
  CHILD_SCHOOL_DAYS,
  CHILD_SCHOOL_HOURS,
  WORSHIP_DEFAULTS,
} from '../assignments/booking.rules.js';
import type { Regime } from '../orders/order.rules.js';
import { isoWeekday, minutesOfDay } from '../shifts/shift.rules.js';
import { defineMessages } from '../common/messages.js';

/** POLICY: the hours of a day in which community service can be planned at all. */
export const WORKING_HOURS = { from: '06:00', to: '20:00' };
/** POLICY: an order with nothing booked this many days ahead is reported. */
export const BOOKING_HORIZON_DAYS = 14;

export interface PersonWindows {
  regime: Regime;
  inSchool: boolean;
  religion: string | null;
  worshipDefaults: boolean;
  unavailable: { weekday: number; from: string; to: string }[];
}

export const riskMessages = defineMessages({
  'risk.cannot_finish': {
    id: 'sisa {remainingMinutes} menit, paling banyak {reachableMinutes} menit masih dapat dikerjakan sebelum {endDate}',
    en: '{remainingMinutes} minutes left, at most {reachableMinutes} minutes can still be worked before {endDate}',
  },
  'risk.nothing_booked': {
    id: 'tidak ada jadwal dalam {days} hari ke depan',
    en: 'nothing booked in the next {days} days',
  },
});

/**
 * The most minutes the person could work on a date: the working hours less their own and worship windows
 * the children's school rules, capped by the verdict's hours per day. 0 on a holiday.
 */
export function workableMinutes(date: string, holiday: boolean, person: PersonWindows, capMinutes: number): number {
  return holiday ? 0 : workableMinutesOnWeekday(isoWeekday(date), person, capMinutes);
}

/** workableMinutes of a working day by its ISO weekday: the same for every such day, so a scan asks once a weekday. */
export function workableMinutesOnWeekday(weekday: number, person: PersonWindows, capMinutes: number): number {
  const child = person.regime === 'child';
  const schoolDay = child && person.inSchool && CHILD_SCHOOL_DAYS.includes(weekday);
  const window = {
    from: minutesOfDay(schoolDay ? CHILD_SCHOOL_HOURS.to : WORKING_HOURS.from),
    to: minutesOfDay(child ? CHILD_LATEST_END : WORKING_HOURS.to),
  };
  const blocked = [
    ...person.unavailable,
    ...(person.worshipDefaults ? (WORSHIP_DEFAULTS[person.religion ?? ''] ?? []) : []),
  ]
    .filter((w) => w.weekday === weekday)
    .map((w) => ({ from: Math.max(window.from, minutesOfDay(w.from)), to: Math.min(window.to, minutesOfDay(w.to)) }))
    .filter((w) => w.to > w.from)
    .sort((a, b) => a.from - b.from);
  let free = 0;
  let cursor = window.from;
  for (const w of blocked) {
    free += Math.max(0, w.from - cursor);
    cursor = Math.max(cursor, w.to);
  }
  free += Math.max(0, window.to - cursor);
  return Math.min(free, capMinutes, schoolDay ? CHILD_SCHOOL_DAY_CAP_MINUTES : Infinity);
}

export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * Per ISO weekday (index weekday - 1), how many of the first i days (for i from 0 to all of them) are not closed:
 * the sum of an order's workable minutes to its end date is then its minutes on each weekday times these counts,
 * however far off the end date is.
 */
export function openWeekdaysBefore(days: { date: string; weekday: number }[], closed: Set<string>): number[][] {
  const counts = ISO_WEEKDAYS.map(() => [0]);
  days.forEach(({ date, weekday }, i) =>
    counts.forEach((count, w) => count.push(count[i] + (w === weekday - 1 && !closed.has(date) ? 1 : 0))),
  );
  return counts;
}

export interface OrderRiskInput {
  remainingMinutes: number;
  /** The workable minutes of the days from tomorrow to the end date, summed (see workableMinutes). */
  workableMinutes: number;
  /** Minutes already booked from today on: they count even when the day's bound would not. */
  bookedAheadMinutes: number;
  bookedWithinHorizon: boolean;
  endDate: string;
}

export function orderRisks(input: OrderRiskInput): { code: string; params: Record<string, string | number> }[] {
  const reachable = Math.max(input.workableMinutes, input.bookedAheadMinutes);
  return [
    ...(input.remainingMinutes > reachable
      ? [
          {
            code: 'risk.cannot_finish',
            params: { remainingMinutes: input.remainingMinutes, reachableMinutes: reachable, endDate: input.endDate },
          },
        ]
      : []),
    ...(input.bookedWithinHorizon ? [] : [{ code: 'risk.nothing_booked', params: { days: BOOKING_HORIZON_DAYS } }]),
  ];
}
