import { DateTime } from 'luxon';
import type { RuleViolation } from '../common/rule-violation.js';
import { defineMessages } from '../common/messages.js';

/** nobody works more than 8 hours on one day, so no shift plans more. */
export const MAX_SHIFT_PLANNED_MINUTES = 8 * 60;

export interface ShiftTimesInput {
  date: string;
  start: string;
  end: string;
  breakMinutes: number;
  timezone: string;
}

export interface ShiftTimes {
  startsAt: Date;
  endsAt: Date;
  plannedMinutes: number;
}

export const shiftMessages = defineMessages({
  'shift.end_not_after_start': {
    id: 'Jam selesai harus setelah jam mulai pada hari yang sama.',
    en: 'The end time must be after the start time on the same day.',
  },
  'shift.break_out_of_range': {
    id: 'Istirahat harus bilangan bulat antara 0 dan {max} menit.',
    en: 'The break must be a whole number between 0 and {max} minutes.',
  },
  'shift.too_long': {
    id: 'Sesi direncanakan {plannedMinutes} menit; paling lama {maxMinutes} menit per hari.',
    en: 'The shift plans {plannedMinutes} minutes; at most {maxMinutes} minutes a day are allowed.',
  },
});

/** 'HH:mm' as minutes since local midnight. */
export function minutesOfDay(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`Not an HH:mm time: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** ISO weekday of a 'YYYY-MM-DD' date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  // A calendar date's weekday needs no time zone: read in UTC, without a date library (the planner asks it often).
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const day = new Date(0);
  if (match) day.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (!match || day.getUTCMonth() !== Number(match[2]) - 1 || day.getUTCDate() !== Number(match[3]))
    throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return day.getUTCDay() || 7;
}

/** a shift is defined in the site's local date and time and stored as UTC instants. */
export function shiftTimes(input: ShiftTimesInput): ShiftTimes {
  return {
    startsAt: localInstant(input.date, input.start, input.timezone),
    endsAt: localInstant(input.date, input.end, input.timezone),
    plannedMinutes: durationMinutes(input) - input.breakMinutes,
  };
}

export function shiftViolations(input: ShiftTimesInput): RuleViolation[] {
  const duration = durationMinutes(input);
  if (duration <= 0) {
    // a shift never crosses midnight
    return [{ code: 'shift.end_not_after_start', field: 'end' }];
  }
  const violations: RuleViolation[] = [];
  const breakIsValid = Number.isInteger(input.breakMinutes) && input.breakMinutes >= 0 && input.breakMinutes < duration;
  if (!breakIsValid) {
    violations.push({ code: 'shift.break_out_of_range', field: 'breakMinutes', params: { max: duration - 1 } });
  }
  const plannedMinutes = duration - input.breakMinutes;
  //
  if (plannedMinutes > MAX_SHIFT_PLANNED_MINUTES) {
    violations.push({
      code: 'shift.too_long',
      field: 'end',
      params: { plannedMinutes, maxMinutes: MAX_SHIFT_PLANNED_MINUTES },
    });
  }
  return violations;
}

function durationMinutes(input: { start: string; end: string }): number {
  return minutesOfDay(input.end) - minutesOfDay(input.start);
}

function localInstant(date: string, time: string, zone: string): Date {
  minutesOfDay(time); // rejects anything but HH:mm before luxon reads it
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid) throw new RangeError(`Invalid local time ${date}T${time} in ${zone}: ${local.invalidReason}`);
  return local.toJSDate();
}
