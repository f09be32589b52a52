import { DateTime } from 'luxon';
import type { MessageCatalog } from '../common/rule-violation.js';

export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export { MONTH_PATTERN } from '../common/validators.js';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export const reportMessages: MessageCatalog = {
  'report.order_not_completed': {
    id: 'Berita acara baru dapat dicetak setelah putusan selesai dilaksanakan (status sekarang: {status}).',
    en: 'The completion report can be printed once the order is completed (its status now: {status}).',
  },
  'report.month_in_future': { id: 'bulan {month} belum berjalan', en: 'the month {month} has not begun' },
  'report.agency_kind': {
    id: 'laporan bulanan hanya untuk Kejari, Bapas atau OPD',
    en: 'monthly reports exist for a Kejari, a Bapas or an OPD only',
  },
};

/** whose monthly report each role reads (its own agency's only); admins read every agency's. */
const READER_OF = { kejaksaan: 'prosecutor', bapas: 'supervisor', opd: 'coordinator' } as const;

export type ReportAgencyKind = keyof typeof READER_OF;

export function hasMonthlyReport(kind: string): kind is ReportAgencyKind {
  return kind in READER_OF;
}

export function mayReadMonthlyReport(
  user: { role: string; agencyId: string },
  agency: { id: string; kind: ReportAgencyKind },
): boolean {
  return user.role === 'admin' || (user.agencyId === agency.id && READER_OF[agency.kind] === user.role);
}

/** The month's first and last local dates and its bounds as instants, in the agency's zone. */
export function monthBounds(month: string, timezone: string) {
  const start = DateTime.fromISO(`${month}-01`, { zone: timezone }).startOf('month');
  const next = start.plus({ months: 1 });
  return {
    firstDate: start.toISODate()!,
    lastDate: next.minus({ days: 1 }).toISODate()!,
    from: start.toJSDate(),
    until: next.toJSDate(),
  };
}

export function isFutureMonth(month: string, today: string): boolean {
  return month > today.slice(0, 7);
}

const DAY_MS = 86_400_000;

/**
 * Monday to Saturday: the days a shift can be held at all (Sunday is left out; holidays are ignored). Counted, not
 * walked day by day: the monthly report asks it for each of a Bapas's orders, some with years still to run.
 */
export function workingDaysLeft(today: string, endDate: string): number {
  const first = Date.parse(`${today}T00:00:00Z`);
  const days = Math.floor((Date.parse(`${endDate}T00:00:00Z`) - first) / DAY_MS) + 1;
  if (!(days > 0)) return 0;
  const firstSunday = (7 - new Date(first).getUTCDay()) % 7;
  const sundays = firstSunday < days ? Math.floor((days - 1 - firstSunday) / 7) + 1 : 0;
  return days - sundays;
}

/**
 * POLICY for the monthly report: an active order is at risk when its remaining minutes exceed what can
 * still be worked from today to its end date at its daily cap on every day but Sunday. A coarse bound on
 * purpose: the morning risk scan (src/deadlines) knows holidays, worship and unavailable windows and opens the
 * breach report; this flag only says which orders the prosecutor should look at.
 */
export function isAtRisk(
  order: { status: string; remainingMinutes: number; endDate: string; maxHoursPerDay: number },
  today: string,
): boolean {
  if (order.status !== 'active' || order.remainingMinutes <= 0) return false;
  return order.remainingMinutes > workingDaysLeft(today, order.endDate) * order.maxHoursPerDay * 60;
}

/** "8 jam 30 menit" (whole minutes, R-13). */
export function hoursAndMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const whole = Math.abs(minutes);
  return `${sign}${Math.floor(whole / 60)} jam ${whole % 60} menit`;
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end with CRLF. */
export function toCsv(rows: (string | number)[][]): string {
  const field = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
