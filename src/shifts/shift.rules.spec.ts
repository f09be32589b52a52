import { expectCatalogMatches } from '../../test/support/catalog.js';
import {
  shiftMessages,
  type ShiftTimesInput,
  isoWeekday,
  minutesOfDay,
  shiftTimes,
  shiftViolations,
} from './shift.rules.js';

const morningInAmbon: ShiftTimesInput = {
  date: '2026-12-02',
  start: '08:00',
  end: '12:00',
  breakMinutes: 30,
  timezone: 'Asia/Jayapura',
};

describe('minutesOfDay', () => {
  it('R-13 turns HH:mm into whole minutes since midnight', () => {
    expect(minutesOfDay('00:00')).toBe(0);
    expect(minutesOfDay('07:30')).toBe(450);
    expect(minutesOfDay('23:59')).toBe(1439);
  });

  it('R-22 refuses anything that is not a local HH:mm time', () => {
    for (const bad of ['7:30', '24:00', '12:60', '12:00:00', '']) {
      expect(() => minutesOfDay(bad)).toThrow(RangeError);
    }
  });
});

describe('isoWeekday', () => {
  it('R-24 numbers weekdays 1 = Monday to 7 = Sunday', () => {
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('2026-12-04')).toBe(5);
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(isoWeekday('2024-02-29')).toBe(4);
  });

  it('R-22 refuses a date that is not YYYY-MM-DD', () => {
    expect(() => isoWeekday('2026-02-30')).toThrow(RangeError);
    expect(() => isoWeekday('02/12/2026')).toThrow(RangeError);
    expect(() => isoWeekday('2025-02-29')).toThrow(RangeError);
    expect(() => isoWeekday('2026-13-01')).toThrow(RangeError);
    expect(() => isoWeekday('2026-00-10')).toThrow(RangeError);
  });
});

describe('shiftTimes', () => {
  it('R-22 08:00 in Ambon (WIT, Asia/Jayapura) on 2026-12-02 is 2026-12-01T23:00:00Z', () => {
    expect(shiftTimes(morningInAmbon).startsAt.toISOString()).toBe('2026-12-01T23:00:00.000Z');
    expect(shiftTimes(morningInAmbon).endsAt.toISOString()).toBe('2026-12-02T03:00:00.000Z');
  });

  it('R-22 08:00 in Sungai Penuh (WIB, Asia/Jakarta) on 2026-12-02 is 2026-12-02T01:00:00Z', () => {
    const times = shiftTimes({ ...morningInAmbon, timezone: 'Asia/Jakarta' });
    expect(times.startsAt.toISOString()).toBe('2026-12-02T01:00:00.000Z');
  });

  it('R-22 WITA (Asia/Makassar) is UTC+8', () => {
    const times = shiftTimes({ ...morningInAmbon, timezone: 'Asia/Makassar' });
    expect(times.startsAt.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(times.endsAt.toISOString()).toBe('2026-12-02T04:00:00.000Z');
  });

  it('R-13 plans the minutes between start and end less the break', () => {
    expect(shiftTimes(morningInAmbon).plannedMinutes).toBe(210);
    expect(shiftTimes({ ...morningInAmbon, breakMinutes: 0 }).plannedMinutes).toBe(240);
  });

  it('R-22 refuses an unknown time zone rather than guessing one', () => {
    expect(() => shiftTimes({ ...morningInAmbon, timezone: 'Asia/Nowhere' })).toThrow(RangeError);
  });
});

describe('shiftViolations', () => {
  it('R-03 accepts a lawful shift', () => {
    expect(shiftViolations(morningInAmbon)).toEqual([]);
  });

  it('R-22 refuses a shift that ends when it starts', () => {
    expect(shiftViolations({ ...morningInAmbon, end: '08:00' })).toEqual([
      { code: 'shift.end_not_after_start', field: 'end' },
    ]);
  });

  it('R-22 refuses a shift that would cross midnight', () => {
    expect(shiftViolations({ ...morningInAmbon, start: '22:00', end: '02:00' })).toEqual([
      { code: 'shift.end_not_after_start', field: 'end' },
    ]);
  });

  it('R-15 refuses a negative break', () => {
    expect(shiftViolations({ ...morningInAmbon, breakMinutes: -1 })).toEqual([
      { code: 'shift.break_out_of_range', field: 'breakMinutes', params: { max: 239 } },
    ]);
  });

  it('R-15 refuses a break as long as the shift, accepts one a minute shorter', () => {
    expect(shiftViolations({ ...morningInAmbon, breakMinutes: 240 })).toEqual([
      { code: 'shift.break_out_of_range', field: 'breakMinutes', params: { max: 239 } },
    ]);
    expect(shiftViolations({ ...morningInAmbon, breakMinutes: 239 })).toEqual([]);
  });

  it('R-13 refuses a break that is not a whole number of minutes', () => {
    expect(shiftViolations({ ...morningInAmbon, breakMinutes: 12.5 }).map((v) => v.code)).toEqual([
      'shift.break_out_of_range',
    ]);
  });

  it('R-03 accepts exactly 8 planned hours (08:00-16:30 with a 30-minute break)', () => {
    expect(shiftViolations({ ...morningInAmbon, end: '16:30', breakMinutes: 30 })).toEqual([]);
  });

  it('R-03 refuses 8 planned hours and one minute', () => {
    expect(shiftViolations({ ...morningInAmbon, end: '16:31', breakMinutes: 30 })).toEqual([
      { code: 'shift.too_long', field: 'end', params: { plannedMinutes: 481, maxMinutes: 480 } },
    ]);
  });
});

describe('shiftMessages', () => {
  it('R-03 R-22 has an Indonesian and English message for every code, with the violation params as placeholders', () => {
    expectCatalogMatches(shiftMessages, [
      ...shiftViolations({ ...morningInAmbon, end: '07:00' }),
      ...shiftViolations({ ...morningInAmbon, end: '18:00', breakMinutes: -5 }),
    ]);
  });
});
