import type { RuleViolation } from '../common/rule-violation.js';
import { defineMessages } from '../common/messages.js';

/** R-19 POLICY: the earliest check-in, in minutes before the shift starts. */
export const CHECK_IN_EARLIEST_MINUTES = 60;

/** A device's clock may be this far ahead of the server's without the record counting as "in the future". */
export const CLOCK_SKEW_MINUTES = 2;

const MS_PER_MINUTE = 60_000;

export const attendanceMessages = defineMessages({
  'attendance.in_future': {
    id: 'Waktu yang dicatat tidak boleh di masa depan.',
    en: 'The recorded time cannot be in the future.',
  },
  'attendance.too_early': {
    id: 'Kedatangan paling awal {minutes} menit sebelum sesi dimulai.',
    en: 'Check-in is allowed at most {minutes} minutes before the shift starts.',
  },
  'attendance.after_shift_end': {
    id: 'Kedatangan tidak dapat dicatat setelah sesi berakhir.',
    en: 'Check-in cannot be recorded after the shift has ended.',
  },
  'attendance.before_check_in': {
    id: 'Kepulangan tidak boleh sebelum kedatangan.',
    en: 'Check-out cannot be before check-in.',
  },
  'signoff.invalid_minutes': {
    id: 'Menit yang diakui harus bilangan bulat tidak negatif.',
    en: 'Credited minutes must be a whole, non-negative number.',
  },
  'signoff.above_worked': {
    id: 'Menit yang diakui tidak boleh melebihi menit kerja ({workedMinutes}).',
    en: 'Credited minutes cannot exceed the minutes worked ({workedMinutes}).',
  },
  'signoff.note_required': {
    id: 'Catatan wajib diisi jika menit yang diakui kurang dari menit kerja ({workedMinutes}).',
    en: 'A note is required when crediting fewer minutes than worked ({workedMinutes}).',
  },
  'signoff.above_remaining': {
    id: 'Menit yang diakui tidak boleh melebihi sisa kewajiban ({remainingMinutes} menit).',
    en: 'Credited minutes cannot exceed what the order still needs ({remainingMinutes} minutes).',
  },
});

/** */
export function checkInViolations({
  at,
  now,
  startsAt,
  endsAt,
}: {
  at: Date;
  now: Date;
  startsAt: Date;
  endsAt: Date;
}): RuleViolation[] {
  const violations = futureViolations(at, now);
  if (at.getTime() < startsAt.getTime() - CHECK_IN_EARLIEST_MINUTES * MS_PER_MINUTE) {
    violations.push({ code: 'attendance.too_early', field: 'at', params: { minutes: CHECK_IN_EARLIEST_MINUTES } });
  }
  if (at.getTime() >= endsAt.getTime()) {
    violations.push({ code: 'attendance.after_shift_end', field: 'at' });
  }
  return violations;
}

/** */
export function checkOutViolations({ at, now, checkInAt }: { at: Date; now: Date; checkInAt: Date }): RuleViolation[] {
  const violations = futureViolations(at, now);
  if (at.getTime() < checkInAt.getTime()) {
    violations.push({ code: 'attendance.before_check_in', field: 'at' });
  }
  return violations;
}

/**
 * whole minutes present within the shift window, less the part of the break that fell in that
 * presence (rounded up, in the person's disfavour by at most a minute) and the penalty minutes.
 */
export function workedMinutes({
  checkInAt,
  checkOutAt,
  startsAt,
  endsAt,
  breakMinutes,
  penaltyMinutes,
}: {
  checkInAt: Date;
  checkOutAt: Date;
  startsAt: Date;
  endsAt: Date;
  breakMinutes: number;
  penaltyMinutes: number;
}): number {
  const windowMinutes = Math.floor((endsAt.getTime() - startsAt.getTime()) / MS_PER_MINUTE);
  if (windowMinutes <= 0) return 0;
  const overlapMs =
    Math.min(checkOutAt.getTime(), endsAt.getTime()) - Math.max(checkInAt.getTime(), startsAt.getTime());
  const present = Math.max(0, Math.floor(overlapMs / MS_PER_MINUTE));
  const breakTaken = Math.ceil((breakMinutes * present) / windowMinutes);
  const plannedMinutes = Math.max(0, windowMinutes - breakMinutes);
  return Math.min(plannedMinutes, Math.max(0, present - breakTaken - penaltyMinutes));
}

/** what the supervisor may credit when signing off. */
export function signOffViolations({
  workedMinutes,
  requestedMinutes,
  note,
  remainingMinutes,
}: {
  workedMinutes: number;
  requestedMinutes?: number;
  note?: string;
  remainingMinutes: number;
}): RuleViolation[] {
  if (requestedMinutes === undefined) return [];
  //
  if (!Number.isInteger(requestedMinutes) || requestedMinutes < 0) {
    return [{ code: 'signoff.invalid_minutes', field: 'creditedMinutes' }];
  }
  const violations: RuleViolation[] = [];
  //
  if (requestedMinutes > workedMinutes) {
    violations.push({ code: 'signoff.above_worked', field: 'creditedMinutes', params: { workedMinutes } });
  }
  if (requestedMinutes < workedMinutes && !note?.trim()) {
    violations.push({ code: 'signoff.note_required', field: 'note', params: { workedMinutes } });
  }
  //
  if (requestedMinutes > remainingMinutes) {
    violations.push({ code: 'signoff.above_remaining', field: 'creditedMinutes', params: { remainingMinutes } });
  }
  return violations;
}

/** the minutes to credit; never more than worked nor more than the order still needs. */
export function creditFor({
  workedMinutes,
  requestedMinutes,
  remainingMinutes,
}: {
  workedMinutes: number;
  requestedMinutes?: number;
  remainingMinutes: number;
}): number {
  return Math.max(0, Math.min(requestedMinutes ?? workedMinutes, workedMinutes, remainingMinutes));
}

function futureViolations(at: Date, now: Date): RuleViolation[] {
  return at.getTime() > now.getTime() + CLOCK_SKEW_MINUTES * MS_PER_MINUTE
    ? [{ code: 'attendance.in_future', field: 'at' }]
    : [];
}
