import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { readHolidayFiles } from '../../src/calendar/holiday-file.js';

/** The days a benchmark plans over, and the 2026 holidays and collective leave that close every site. */
export interface Horizon {
  dates: string[];
  first: string;
  last: string;
  /** The day before the horizon, 00:00 UTC. */
  now: Date;
  closedDates: string[];
}

const FIRST_DAY = '2026-01-05';
const HOLIDAYS_DIR = fileURLToPath(new URL('../../../config/holidays', import.meta.url));

export async function loadHorizon(days: number): Promise<Horizon> {
  const first = DateTime.fromISO(FIRST_DAY, { zone: 'utc' });
  const dates = Array.from({ length: days }, (_, day) => first.plus({ days: day }).toISODate() as string);
  const holidays = (await readHolidayFiles(HOLIDAYS_DIR)).get(first.year)?.rows ?? [];
  return {
    dates,
    first: dates[0],
    last: dates[dates.length - 1],
    now: first.minus({ days: 1 }).toJSDate(),
    closedDates: holidays.filter((holiday) => holiday.region === '').map((holiday) => holiday.date),
  };
}

export function plusMonths(date: string, months: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ months }).toISODate() as string;
}
