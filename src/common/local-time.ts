import { DateTime } from 'luxon';

/** WIB, WITA, WIT for Indonesia's zones; an offset elsewhere. */
export function zoneAbbreviation(timezone: string, at: Date): string {
  const offset = DateTime.fromJSDate(at, { zone: timezone }).offset / 60;
  return (
    ({ 7: 'WIB', 8: 'WITA', 9: 'WIT' } as Record<number, string>)[offset] ?? `UTC${offset >= 0 ? '+' : ''}${offset}`
  );
}

/** "Rabu, 2 Desember 2026" or "Wednesday, 2 December 2026". */
export function longDate(date: string, locale: 'id' | 'en'): string {
  return DateTime.fromISO(date, { locale }).toFormat('cccc, d LLLL yyyy');
}

/** The earliest of the zones' local dates at an instant: the first day on which a shift in any of them can still start. */
export function earliestLocalDate(at: Date, timezones: string[]): string {
  return timezones.map((timezone) => localDate(at, timezone)).reduce((a, b) => (a < b ? a : b));
}

/** The local date in a zone, n days from the given instant. */
export function localDate(at: Date, timezone: string, plusDays = 0): string {
  return DateTime.fromJSDate(at, { zone: timezone }).plus({ days: plusDays }).toISODate()!;
}
