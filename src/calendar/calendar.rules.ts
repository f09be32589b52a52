import { defineMessages } from '../common/messages.js';

/**
 * holidays fixed by date in every year (Keppres on national holidays), the only ones known before a year's
 * joint decree (SKB) on holidays and cuti bersama is published. A year without its SKB gets these, marked
 * provisional, and every booking or plan in it carries a warning until the official calendar is loaded.
 */
export const FIXED_DATE_HOLIDAYS = [
  { monthDay: '01-01', name: 'Tahun Baru Masehi' },
  { monthDay: '05-01', name: 'Hari Buruh Internasional' },
  { monthDay: '06-01', name: 'Hari Lahir Pancasila' },
  { monthDay: '08-17', name: 'Proklamasi Kemerdekaan Republik Indonesia' },
  { monthDay: '12-25', name: 'Hari Raya Natal' },
] as const;

/** How many years ahead of this one must have at least the fixed-date holidays (orders run six months, plans a year). */
export const CALENDAR_YEARS_AHEAD = 2;

export function provisionalHolidays(year: number): { date: string; name: string }[] {
  return FIXED_DATE_HOLIDAYS.map((holiday) => ({ date: `${year}-${holiday.monthDay}`, name: holiday.name }));
}

export function yearsToCover(today: string): number[] {
  const year = Number(today.slice(0, 4));
  return Array.from({ length: CALENDAR_YEARS_AHEAD + 1 }, (_, i) => year + i);
}

/** The years among these dates whose official calendar is not loaded. */
export function yearsWithoutOfficialCalendar(dates: string[], officialYears: Set<number>): number[] {
  return [...new Set(dates.map((date) => Number(date.slice(0, 4))))].filter((year) => !officialYears.has(year)).sort();
}

export const calendarMessages = defineMessages({
  'calendar.not_official': {
    id: 'Kalender resmi tahun {year} belum dimuat: hanya hari libur bertanggal tetap yang diperhitungkan; periksa lagi setelah SKB terbit.',
    en: 'The official calendar of {year} is not loaded yet: only the fixed-date holidays count; check again once the joint decree is out.',
  },
});
