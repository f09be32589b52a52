import { expectCatalogMatches } from '../../test/support/catalog.js';
import {
  attendanceMessages,
  CHECK_IN_EARLIEST_MINUTES,
  CLOCK_SKEW_MINUTES,
  checkInViolations,
  checkOutViolations,
  creditFor,
  signOffViolations,
  workedMinutes,
} from './attendance.rules.js';

const MINUTE = 60_000;
// A shift 08:00-12:00 WIB (UTC+7) on 2026-12-02, with a 30-minute break.
const startsAt = new Date('2026-12-02T01:00:00Z');
const endsAt = new Date('2026-12-02T05:00:00Z');
const shift = { startsAt, endsAt, breakMinutes: 30, penaltyMinutes: 0 };

function at(base: Date, minutes: number, extraMs = 0): Date {
  return new Date(base.getTime() + minutes * MINUTE + extraMs);
}

describe('constants', () => {
  it('R-19 check-in opens 60 minutes before the shift, with 2 minutes of clock skew allowed', () => {
    expect(CHECK_IN_EARLIEST_MINUTES).toBe(60);
    expect(CLOCK_SKEW_MINUTES).toBe(2);
  });
});

describe('checkInViolations', () => {
  const now = at(startsAt, 10);

  it('R-19 accepts a check-in at the shift start', () => {
    expect(checkInViolations({ at: startsAt, now, startsAt, endsAt })).toEqual([]);
  });

  it('R-19 accepts a check-in up to 2 minutes ahead of the server clock', () => {
    expect(checkInViolations({ at: at(now, 2), now, startsAt, endsAt })).toEqual([]);
  });

  it('R-19 refuses a check-in more than 2 minutes in the future', () => {
    expect(checkInViolations({ at: at(now, 2, 1), now, startsAt, endsAt })).toEqual([
      { code: 'attendance.in_future', field: 'at' },
    ]);
  });

  it('R-19 accepts a check-in exactly 60 minutes before the start', () => {
    expect(checkInViolations({ at: at(startsAt, -60), now, startsAt, endsAt })).toEqual([]);
  });

  it('R-19 refuses a check-in earlier than 60 minutes before the start', () => {
    expect(checkInViolations({ at: at(startsAt, -60, -1), now, startsAt, endsAt })).toEqual([
      { code: 'attendance.too_early', field: 'at', params: { minutes: 60 } },
    ]);
  });

  it('R-19 R-15 refuses a check-in at or after the shift end, accepts one just before', () => {
    const late = at(endsAt, 30);
    expect(checkInViolations({ at: endsAt, now: late, startsAt, endsAt })).toEqual([
      { code: 'attendance.after_shift_end', field: 'at' },
    ]);
    expect(checkInViolations({ at: at(endsAt, 0, -1), now: late, startsAt, endsAt })).toEqual([]);
  });

  it('R-19 accepts a late-arriving record of a past check-in (offline phone)', () => {
    expect(checkInViolations({ at: startsAt, now: at(endsAt, 24 * 60), startsAt, endsAt })).toEqual([]);
  });
});

describe('checkOutViolations', () => {
  const checkInAt = startsAt;
  const now = at(endsAt, 5);

  it('R-19 accepts a check-out after check-in, and one at the same instant', () => {
    expect(checkOutViolations({ at: endsAt, now, checkInAt })).toEqual([]);
    expect(checkOutViolations({ at: checkInAt, now, checkInAt })).toEqual([]);
  });

  it('R-19 refuses a check-out more than 2 minutes in the future', () => {
    expect(checkOutViolations({ at: at(now, 2, 1), now, checkInAt })).toEqual([
      { code: 'attendance.in_future', field: 'at' },
    ]);
    expect(checkOutViolations({ at: at(now, 2), now, checkInAt })).toEqual([]);
  });

  it('R-19 refuses a check-out before the check-in', () => {
    expect(checkOutViolations({ at: at(checkInAt, 0, -1), now, checkInAt })).toEqual([
      { code: 'attendance.before_check_in', field: 'at' },
    ]);
  });
});

describe('workedMinutes', () => {
  it('R-15 credits the whole shift less the break for full presence', () => {
    expect(workedMinutes({ ...shift, checkInAt: startsAt, checkOutAt: endsAt })).toBe(210);
  });

  it('R-15 never counts time before the start or after the end of the shift', () => {
    expect(workedMinutes({ ...shift, checkInAt: at(startsAt, -45), checkOutAt: at(endsAt, 90) })).toBe(210);
  });

  it('R-15 deducts the break in proportion to presence', () => {
    // present 120 of 240 minutes: half the break, 15 minutes
    expect(workedMinutes({ ...shift, checkInAt: at(startsAt, 120), checkOutAt: endsAt })).toBe(105);
  });

  it('R-15 rounds the deducted break up', () => {
    // present 100 of 240 minutes: 30 × 100 / 240 = 12.5, so 13 minutes of break
    expect(workedMinutes({ ...shift, checkInAt: startsAt, checkOutAt: at(startsAt, 100) })).toBe(87);
  });

  it('R-13 counts only whole minutes of presence', () => {
    const almostTwoHours = workedMinutes({
      ...shift,
      breakMinutes: 0,
      checkInAt: startsAt,
      checkOutAt: at(startsAt, 119, 59_999),
    });
    expect(almostTwoHours).toBe(119);
    expect(Number.isInteger(almostTwoHours)).toBe(true);
  });

  it('R-15 deducts penalty minutes', () => {
    expect(workedMinutes({ ...shift, penaltyMinutes: 45, checkInAt: startsAt, checkOutAt: endsAt })).toBe(165);
  });

  it('R-15 never goes below zero', () => {
    expect(workedMinutes({ ...shift, penaltyMinutes: 500, checkInAt: startsAt, checkOutAt: endsAt })).toBe(0);
    expect(workedMinutes({ ...shift, checkInAt: at(endsAt, 10), checkOutAt: at(endsAt, 60) })).toBe(0);
    expect(workedMinutes({ ...shift, checkInAt: endsAt, checkOutAt: startsAt })).toBe(0);
  });

  it('R-15 never exceeds the planned minutes, for any presence', () => {
    for (let present = 0; present <= 240; present += 1) {
      const worked = workedMinutes({
        ...shift,
        breakMinutes: 37,
        checkInAt: startsAt,
        checkOutAt: at(startsAt, present),
      });
      expect(worked).toBeLessThanOrEqual(240 - 37);
      expect(Number.isInteger(worked)).toBe(true);
    }
  });
});

describe('signOffViolations', () => {
  it('R-15 accepts a sign-off without an explicit amount', () => {
    expect(signOffViolations({ workedMinutes: 210, remainingMinutes: 1000 })).toEqual([]);
  });

  it('R-15 accepts crediting exactly the minutes worked', () => {
    expect(signOffViolations({ workedMinutes: 210, requestedMinutes: 210, remainingMinutes: 1000 })).toEqual([]);
  });

  it('R-15 refuses crediting more than the minutes worked', () => {
    expect(signOffViolations({ workedMinutes: 210, requestedMinutes: 211, remainingMinutes: 1000 })).toEqual([
      { code: 'signoff.above_worked', field: 'creditedMinutes', params: { workedMinutes: 210 } },
    ]);
  });

  it('R-14 requires a note when crediting fewer minutes than worked', () => {
    const fewer = { workedMinutes: 210, requestedMinutes: 180, remainingMinutes: 1000 };
    const noteRequired = [{ code: 'signoff.note_required', field: 'note', params: { workedMinutes: 210 } }];
    expect(signOffViolations(fewer)).toEqual(noteRequired);
    expect(signOffViolations({ ...fewer, note: '   ' })).toEqual(noteRequired);
    expect(signOffViolations({ ...fewer, note: 'Pulang lebih awal karena sakit' })).toEqual([]);
  });

  it('R-16 refuses crediting more than the order still needs, accepts exactly that', () => {
    expect(signOffViolations({ workedMinutes: 210, requestedMinutes: 210, remainingMinutes: 209 })).toEqual([
      { code: 'signoff.above_remaining', field: 'creditedMinutes', params: { remainingMinutes: 209 } },
    ]);
    expect(
      signOffViolations({ workedMinutes: 210, requestedMinutes: 209, remainingMinutes: 209, note: 'Sisa kewajiban' }),
    ).toEqual([]);
  });

  it('R-13 refuses a negative or fractional amount', () => {
    for (const requestedMinutes of [-1, 12.5]) {
      expect(signOffViolations({ workedMinutes: 210, requestedMinutes, note: 'x', remainingMinutes: 1000 })).toEqual([
        { code: 'signoff.invalid_minutes', field: 'creditedMinutes' },
      ]);
    }
  });
});

describe('creditFor', () => {
  it('R-15 credits the minutes worked by default', () => {
    expect(creditFor({ workedMinutes: 210, remainingMinutes: 1000 })).toBe(210);
  });

  it('R-15 credits the requested minutes when given', () => {
    expect(creditFor({ workedMinutes: 210, requestedMinutes: 180, remainingMinutes: 1000 })).toBe(180);
  });

  it('R-16 caps the credit at what the order still needs', () => {
    expect(creditFor({ workedMinutes: 210, remainingMinutes: 50 })).toBe(50);
    expect(creditFor({ workedMinutes: 210, requestedMinutes: 200, remainingMinutes: 50 })).toBe(50);
  });

  it('R-15 R-16 never credits more than worked nor less than zero', () => {
    expect(creditFor({ workedMinutes: 210, requestedMinutes: 300, remainingMinutes: 1000 })).toBe(210);
    expect(creditFor({ workedMinutes: 210, remainingMinutes: 0 })).toBe(0);
  });
});

describe('attendanceMessages', () => {
  it('R-15 R-19 has an Indonesian and English message for every code, with the violation params as placeholders', () => {
    const now = at(startsAt, 10);
    expectCatalogMatches(attendanceMessages, [
      ...checkInViolations({ at: at(now, 5), now, startsAt: at(now, 90), endsAt: at(now, 4) }),
      ...checkOutViolations({ at: at(now, 5), now, checkInAt: at(now, 6) }),
      ...signOffViolations({ workedMinutes: 100, requestedMinutes: 150, remainingMinutes: 120 }),
      ...signOffViolations({ workedMinutes: 100, requestedMinutes: 50, remainingMinutes: 120 }),
      ...signOffViolations({ workedMinutes: 100, requestedMinutes: -5, remainingMinutes: 120 }),
    ]);
  });
});
