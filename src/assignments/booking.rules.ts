import type { RuleViolation } from '../common/rule-violation.js';
import type { Regime } from '../orders/order.rules.js';
import { isoWeekday, minutesOfDay } from '../shifts/shift.rules.js';
import { defineMessages } from '../common/messages.js';

export interface BookingContext {
  now: Date;
  order: { status: string; regime: Regime; startDate: string; endDate: string; maxHoursPerDay: number };
  person: {
    religion: string | null;
    inSchool: boolean;
    worshipDefaults: boolean;
    unavailable: { weekday: number; from: string; to: string }[];
  };
  shift: { date: string; start: string; end: string; startsAt: Date; plannedMinutes: number };
  site: { minorsAllowed: boolean };
  /** null: the site has no agreement */
  agreement: { validFrom: string; validTo: string } | null;
  /** the holiday on the shift's date in the site's region; already null when an admin opened the date for the site */
  holiday: { name: string } | null;
  /** the person's other non-cancelled bookings on the shift's local date, in minutes */
  sameDayPlannedMinutes: number;
  overlapsAnotherBooking: boolean;
}

/** A weekly window in the site's local time; weekday is ISO (1 = Monday … 7 = Sunday). */
export interface WeeklyWindow {
  weekday: number;
  from: string;
  to: string;
}

/** R-24 POLICY: worship windows by religion, applied when the person keeps the defaults. */
export const WORSHIP_DEFAULTS: Record<string, WeeklyWindow[]> = {
  islam: [{ weekday: 5, from: '11:30', to: '13:30' }],
  protestant: [{ weekday: 7, from: '00:00', to: '13:00' }],
  catholic: [{ weekday: 7, from: '00:00', to: '13:00' }],
};

/** R-11 POLICY: what keeps a child's work clear of school. */
export const CHILD_SCHOOL_DAYS = [1, 2, 3, 4, 5, 6];
export const CHILD_SCHOOL_HOURS = { from: '07:00', to: '14:00' };
export const CHILD_LATEST_END = '18:00';
export const CHILD_SCHOOL_DAY_CAP_MINUTES = 4 * 60;

const WEEKDAY_NAMES_ID = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];

export const bookingMessages = defineMessages({
  'booking.order_not_active': {
    id: 'Putusan tidak aktif.',
    en: 'The order is not active.',
  },
  'booking.shift_started': {
    id: 'Sesi sudah dimulai.',
    en: 'The shift has already started.',
  },
  'booking.outside_order_period': {
    id: 'Sesi berada di luar masa pelaksanaan putusan.',
    en: 'The shift is outside the period of the order.',
  },
  'booking.holiday': {
    id: 'Tidak ada sesi pada hari libur ({name}).',
    en: 'No shifts on a holiday ({name}).',
  },
  'booking.agreement_not_valid': {
    id: 'Lokasi tidak memiliki perjanjian kerja sama yang berlaku pada tanggal sesi.',
    en: 'The site has no cooperation agreement valid on the date of the shift.',
  },
  'booking.site_not_for_minors': {
    id: 'Lokasi ini tidak untuk anak.',
    en: 'This site is not suitable for minors.',
  },
  'booking.child_school_hours': {
    id: 'Anak yang bersekolah tidak boleh dijadwalkan pada jam sekolah ({window}).',
    en: 'A child in school cannot be booked during school hours ({window}).',
  },
  'booking.child_ends_late': {
    id: 'Sesi untuk anak harus selesai paling lambat pukul {latestEnd}.',
    en: 'A shift for a child must end by {latestEnd}.',
  },
  'booking.child_school_day_cap': {
    id: 'Pada hari sekolah anak paling lama bekerja {capMinutes} menit; dengan sesi ini menjadi {bookedMinutes} menit.',
    en: 'On a school day a child works at most {capMinutes} minutes; with this shift it would be {bookedMinutes} minutes.',
  },
  'booking.worship_window': {
    id: 'Sesi bertabrakan dengan waktu ibadah ({window}).',
    en: 'The shift clashes with worship time ({window}).',
  },
  'booking.unavailable_window': {
    id: 'Terpidana tidak tersedia pada waktu ini ({window}).',
    en: 'The person is unavailable at this time ({window}).',
  },
  'booking.daily_cap': {
    id: 'Paling lama {capMinutes} menit per hari; dengan sesi ini menjadi {bookedMinutes} menit.',
    en: 'At most {capMinutes} minutes a day; with this shift it would be {bookedMinutes} minutes.',
  },
  'booking.overlap': {
    id: 'Terpidana sudah dijadwalkan pada sesi lain yang waktunya bertabrakan.',
    en: 'The person is already booked on another shift at an overlapping time.',
  },
});

/** Every legal reason to refuse the booking, in a fixed order; empty when it may go ahead. */
export function bookingRefusals(ctx: BookingContext): RuleViolation[] {
  return [
    ...orderAndTimingRefusals(ctx),
    ...siteRefusals(ctx),
    ...childRefusals(ctx),
    ...personalWindowRefusals(ctx.person, ctx.shift),
    ...capacityOfPersonRefusals(ctx),
  ];
}

function orderAndTimingRefusals({ order, shift, now }: BookingContext): RuleViolation[] {
  const refusals: RuleViolation[] = [];
  if (order.status !== 'active') refusals.push({ code: 'booking.order_not_active' });
  if (shift.startsAt.getTime() <= now.getTime()) refusals.push({ code: 'booking.shift_started' });
  //
  if (shift.date < order.startDate || shift.date > order.endDate) {
    refusals.push({ code: 'booking.outside_order_period' });
  }
  return refusals;
}

function siteRefusals({ holiday, agreement, shift, order, site }: BookingContext): RuleViolation[] {
  const refusals: RuleViolation[] = [];
  //
  if (holiday) refusals.push({ code: 'booking.holiday', params: { name: holiday.name } });
  //
  if (!agreement || shift.date < agreement.validFrom || shift.date > agreement.validTo) {
    refusals.push({ code: 'booking.agreement_not_valid' });
  }
  //
  if (order.regime === 'child' && !site.minorsAllowed) refusals.push({ code: 'booking.site_not_for_minors' });
  return refusals;
}

/** R-11 POLICY */
function childRefusals({ order, person, shift, sameDayPlannedMinutes }: BookingContext): RuleViolation[] {
  if (order.regime !== 'child') return [];
  const refusals: RuleViolation[] = [];
  const schoolDayInSchool = person.inSchool && CHILD_SCHOOL_DAYS.includes(isoWeekday(shift.date));
  if (schoolDayInSchool && overlaps(shift, CHILD_SCHOOL_HOURS)) {
    refusals.push({
      code: 'booking.child_school_hours',
      params: { window: `${CHILD_SCHOOL_HOURS.from}–${CHILD_SCHOOL_HOURS.to}` },
    });
  }
  if (minutesOfDay(shift.end) > minutesOfDay(CHILD_LATEST_END)) {
    refusals.push({ code: 'booking.child_ends_late', params: { latestEnd: CHILD_LATEST_END } });
  }
  const bookedMinutes = sameDayPlannedMinutes + shift.plannedMinutes;
  if (schoolDayInSchool && bookedMinutes > CHILD_SCHOOL_DAY_CAP_MINUTES) {
    refusals.push({
      code: 'booking.child_school_day_cap',
      params: { capMinutes: CHILD_SCHOOL_DAY_CAP_MINUTES, bookedMinutes },
    });
  }
  return refusals;
}

/** R-24 (worship defaults) and R-06 (the person's own weekly windows). */
export function personalWindowRefusals(
  person: BookingContext['person'],
  shift: { date: string; start: string; end: string },
): RuleViolation[] {
  const refusals: RuleViolation[] = [];
  const worshipWindows = person.worshipDefaults && person.religion ? WORSHIP_DEFAULTS[person.religion] : undefined;
  const weekday = isoWeekday(shift.date);
  for (const window of worshipWindows ?? []) {
    if (clashes(shift, weekday, window))
      refusals.push({ code: 'booking.worship_window', params: { window: describeWindow(window) } });
  }
  for (const window of person.unavailable) {
    if (clashes(shift, weekday, window))
      refusals.push({ code: 'booking.unavailable_window', params: { window: describeWindow(window) } });
  }
  return refusals;
}

/** */
function capacityOfPersonRefusals({
  order,
  shift,
  sameDayPlannedMinutes,
  overlapsAnotherBooking,
}: BookingContext): RuleViolation[] {
  const refusals: RuleViolation[] = [];
  const capMinutes = order.maxHoursPerDay * 60;
  const bookedMinutes = sameDayPlannedMinutes + shift.plannedMinutes;
  if (bookedMinutes > capMinutes) {
    refusals.push({ code: 'booking.daily_cap', params: { capMinutes, bookedMinutes } });
  }
  if (overlapsAnotherBooking) refusals.push({ code: 'booking.overlap' });
  return refusals;
}

function clashes(shift: { start: string; end: string }, weekday: number, window: WeeklyWindow): boolean {
  return window.weekday === weekday && overlaps(shift, window);
}

/** Half-open: [start, end) overlaps [from, to) when start < to and from < end. */
function overlaps(shift: { start: string; end: string }, window: { from: string; to: string }): boolean {
  return minutesOfDay(shift.start) < minutesOfDay(window.to) && minutesOfDay(window.from) < minutesOfDay(shift.end);
}

/** e.g. 'Jumat 11:30–13:30' */
function describeWindow(window: WeeklyWindow): string {
  return `${WEEKDAY_NAMES_ID[window.weekday - 1]} ${window.from}–${window.to}`;
}
