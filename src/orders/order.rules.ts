import { DateTime } from 'luxon';
import type { RuleViolation } from '../common/rule-violation.js';
import { defineMessages } from '../common/messages.js';

/** a person under 18 on the offence date is a child (anak). */
export const REGIMES = ['adult', 'child'] as const;
export type Regime = (typeof REGIMES)[number];

export const ADULTHOOD_AGE_YEARS = 18;

/** Total hours a verdict may impose: adults R-02, children R-10. */
export const HOURS_RANGE: Record<Regime, { min: number; max: number }> = {
  adult: { min: 8, max: 240 },
  child: { min: 7, max: 120 },
};

/** the verdict's hours per day, at most 8. */
export const HOURS_PER_DAY_RANGE = { min: 1, max: 8 };

/** the work is spread over at most this many calendar months. */
export const MAX_PERIOD_MONTHS = 6;

/** at most 6 months of prison, a month counting as 30 days. */
export const MAX_REPLACED_PRISON_DAYS = 180;

/** at most a category II fine (Art. 79). */
export const MAX_REPLACED_FINE_RUPIAH = 10_000_000;

export type ReplacedSentence = { kind: 'imprisonment'; days: number } | { kind: 'fine'; amountRupiah: number };

export interface OrderTerms {
  regime: Regime;
  birthDate: string;
  offenseDate: string;
  verdictDate: string;
  totalHours: number;
  maxHoursPerDay: number;
  startDate: string;
  endDate: string;
  replacedSentence: ReplacedSentence;
  consentRecorded: boolean;
}

export const orderMessages = defineMessages({
  'order.total_hours_out_of_range': {
    id: 'Jumlah jam harus bilangan bulat antara {min} dan {max}.',
    en: 'Total hours must be a whole number between {min} and {max}.',
  },
  'order.hours_per_day_out_of_range': {
    id: 'Jam per hari harus bilangan bulat antara {min} dan {max}.',
    en: 'Hours per day must be a whole number between {min} and {max}.',
  },
  'order.regime_mismatch': {
    id: 'Berdasarkan tanggal lahir dan tanggal tindak pidana, terpidana termasuk rezim {expected}.',
    en: 'Given the birth date and the offence date, the person falls under the {expected} regime.',
  },
  'order.offense_before_birth': {
    id: 'Tanggal tindak pidana harus setelah tanggal lahir.',
    en: 'The offence date must be after the birth date.',
  },
  'order.verdict_before_offense': {
    id: 'Tanggal putusan tidak boleh sebelum tanggal tindak pidana.',
    en: 'The verdict date cannot be before the offence date.',
  },
  'order.start_before_verdict': {
    id: 'Tanggal mulai tidak boleh sebelum tanggal putusan.',
    en: 'The start date cannot be before the verdict date.',
  },
  'order.end_before_start': {
    id: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
    en: 'The end date cannot be before the start date.',
  },
  'order.period_too_long': {
    id: 'Pekerjaan harus selesai paling lambat {latestEndDate} (6 bulan sejak tanggal mulai).',
    en: 'The work must end by {latestEndDate} at the latest (6 months from the start date).',
  },
  'order.hours_do_not_fit': {
    id: 'Dalam {days} hari dengan paling banyak {maxHoursPerDay} jam per hari hanya muat {maxTotalHours} jam.',
    en: 'In {days} days at most {maxHoursPerDay} hours a day, only {maxTotalHours} hours fit.',
  },
  'order.replaced_prison_out_of_range': {
    id: 'Pidana penjara yang diganti harus bilangan bulat antara {min} dan {max} hari.',
    en: 'The replaced prison term must be a whole number between {min} and {max} days.',
  },
  'order.replaced_fine_out_of_range': {
    id: 'Denda yang diganti harus bilangan bulat antara Rp{min} dan Rp{max}.',
    en: 'The replaced fine must be a whole number between Rp{min} and Rp{max}.',
  },
  'order.consent_missing': {
    id: 'Persetujuan terpidana harus tercatat.',
    en: 'The consent of the sentenced person must be recorded.',
  },
});

export function regimeFor(birthDate: string, offenseDate: string): Regime {
  const adultFrom = toIsoDate(calendarDate(birthDate).plus({ years: ADULTHOOD_AGE_YEARS }));
  return offenseDate < adultFrom ? 'child' : 'adult';
}

/** the last allowed end date. Luxon clamps month ends (2026-08-31 → 2027-02-28). */
export function orderEndLimit(startDate: string): string {
  return toIsoDate(calendarDate(startDate).plus({ months: MAX_PERIOD_MONTHS }));
}

export function orderViolations(terms: OrderTerms): RuleViolation[] {
  return [
    ...hoursViolations(terms),
    ...regimeViolations(terms),
    ...dateOrderViolations(terms),
    ...periodViolations(terms),
    ...replacedSentenceViolations(terms.replacedSentence),
    ...consentViolations(terms),
  ];
}

function hoursViolations(terms: OrderTerms): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const total = HOURS_RANGE[terms.regime];
  // R-02 (adult), R-10 (child)
  if (!isWholeNumberIn(terms.totalHours, total.min, total.max)) {
    violations.push({ code: 'order.total_hours_out_of_range', field: 'totalHours', params: { ...total } });
  }
  //
  if (!isWholeNumberIn(terms.maxHoursPerDay, HOURS_PER_DAY_RANGE.min, HOURS_PER_DAY_RANGE.max)) {
    violations.push({
      code: 'order.hours_per_day_out_of_range',
      field: 'maxHoursPerDay',
      params: { ...HOURS_PER_DAY_RANGE },
    });
  }
  return violations;
}

/** the regime follows from the age on the offence date, never from a choice. */
function regimeViolations(terms: OrderTerms): RuleViolation[] {
  if (terms.offenseDate <= terms.birthDate) return [];
  const expected = regimeFor(terms.birthDate, terms.offenseDate);
  return expected === terms.regime ? [] : [{ code: 'order.regime_mismatch', field: 'birthDate', params: { expected } }];
}

function dateOrderViolations(terms: OrderTerms): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (terms.offenseDate <= terms.birthDate) {
    violations.push({ code: 'order.offense_before_birth', field: 'offenseDate' });
  }
  if (terms.verdictDate < terms.offenseDate) {
    violations.push({ code: 'order.verdict_before_offense', field: 'verdictDate' });
  }
  if (terms.startDate < terms.verdictDate) {
    violations.push({ code: 'order.start_before_verdict', field: 'startDate' });
  }
  return violations;
}

function periodViolations(terms: OrderTerms): RuleViolation[] {
  if (terms.endDate < terms.startDate) {
    return [{ code: 'order.end_before_start', field: 'endDate' }];
  }
  const violations: RuleViolation[] = [];
  //
  const latestEndDate = orderEndLimit(terms.startDate);
  if (terms.endDate > latestEndDate) {
    violations.push({ code: 'order.period_too_long', field: 'endDate', params: { latestEndDate } });
  }
  // R-03 with R-04: even working every day at the daily maximum, the hours must fit in the period.
  const perDayIsValid = isWholeNumberIn(terms.maxHoursPerDay, HOURS_PER_DAY_RANGE.min, HOURS_PER_DAY_RANGE.max);
  const days = daysInclusive(terms.startDate, terms.endDate);
  const maxTotalHours = terms.maxHoursPerDay * days;
  if (perDayIsValid && terms.totalHours > maxTotalHours) {
    violations.push({
      code: 'order.hours_do_not_fit',
      field: 'totalHours',
      params: { days, maxHoursPerDay: terms.maxHoursPerDay, maxTotalHours },
    });
  }
  return violations;
}

/** */
function replacedSentenceViolations(replaced: ReplacedSentence): RuleViolation[] {
  if (replaced.kind === 'imprisonment') {
    return isWholeNumberIn(replaced.days, 1, MAX_REPLACED_PRISON_DAYS)
      ? []
      : [
          {
            code: 'order.replaced_prison_out_of_range',
            field: 'replacedSentence.days',
            params: { min: 1, max: MAX_REPLACED_PRISON_DAYS },
          },
        ];
  }
  return isWholeNumberIn(replaced.amountRupiah, 1, MAX_REPLACED_FINE_RUPIAH)
    ? []
    : [
        {
          code: 'order.replaced_fine_out_of_range',
          field: 'replacedSentence.amountRupiah',
          params: { min: 1, max: MAX_REPLACED_FINE_RUPIAH },
        },
      ];
}

/** */
function consentViolations(terms: OrderTerms): RuleViolation[] {
  return terms.consentRecorded === true ? [] : [{ code: 'order.consent_missing', field: 'consentRecorded' }];
}

function isWholeNumberIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function daysInclusive(startDate: string, endDate: string): number {
  return calendarDate(endDate).diff(calendarDate(startDate), 'days').days + 1;
}

/** A 'YYYY-MM-DD' date as a calendar day; UTC so that no zone's rules shift the arithmetic. */
function calendarDate(date: string): DateTime {
  const parsed = DateTime.fromISO(date, { zone: 'utc' });
  if (!parsed.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  }
  return parsed;
}

function toIsoDate(date: DateTime): string {
  const iso = date.toISODate();
  if (iso === null) throw new RangeError('Invalid date');
  return iso;
}
