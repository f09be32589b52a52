import { currentLang } from './i18n.js';

const ZONE_LABELS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** The zones an agency or a site is given (R-22): WIB, WITA and WIT. */
export const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

export const zoneLabel = (timezone: string): string => ZONE_LABELS[timezone] ?? timezone;

const locale = () => (currentLang() === 'en' ? 'en-GB' : 'id-ID');

/** `07.00 WIT` (Indonesian) or `07:00 WIT` (English): an instant in the site's zone with its label (R-22). */
export function formatTime(instant: string | Date, timezone: string): string {
  const time = new Intl.DateTimeFormat(locale(), {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${time.format(new Date(instant))} ${zoneLabel(timezone)}`;
}

/** A site's wall-clock time `07:00` as the language writes it: `07.00` (Indonesian) or `07:00` (English). */
export function formatClock(localTime: string): string {
  return currentLang() === 'en' ? localTime : localTime.replace(':', '.');
}

/** Metres as kilometres with one decimal, as the language writes it: `1,5 km` or `1.5 km`. */
export function formatKilometres(meters: number): string {
  const number = new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${number.format(meters / 1000)} km`;
}

const inThisYear = (localDate: string): boolean => Number(localDate.slice(0, 4)) === new Date().getFullYear();

/**
 * `Selasa, 1 Desember 2026` for a local date `2026-12-01` (a calendar date: no zone to convert); short, `Sel, 1 Des`
 * in this year (the viewer's) and `Sen, 3 Mei 2027` in another: an end next year must not read as this year's.
 */
export function formatDate(
  localDate: string,
  style: 'long' | 'short' = 'long',
  withYear = style === 'long' || !inThisYear(localDate),
): string {
  const [y, m, d] = localDate.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'UTC',
    weekday: style === 'long' ? 'long' : 'short',
    day: 'numeric',
    month: style === 'long' ? 'long' : 'short',
    year: withYear ? 'numeric' : undefined,
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * A period's two ends, short: both with their year when either is not in this year (`2 Jan – 31 Des 2027` would
 * read as one year).
 */
export function formatPeriod(from: string, to: string): { from: string; to: string } {
  const withYear = !inThisYear(from) || !inThisYear(to);
  return { from: formatDate(from, 'short', withYear), to: formatDate(to, 'short', withYear) };
}

export function formatInstant(instant: string, timezone: string): string {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date(instant));
  return `${formatDate(date, 'short')} ${formatTime(instant, timezone)}`;
}

/** Today's local date at a zone, `YYYY-MM-DD`. */
export function localToday(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(now);
}

export function addDays(localDate: string, days: number): string {
  const [y, m, d] = localDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Minutes as `3 j 15 m` / `3 h 15 m`. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  const sign = minutes < 0 ? '−' : '';
  return `${sign}${h} ${currentLang() === 'en' ? 'h' : 'j'}${m ? ` ${m} m` : ''}`;
}
