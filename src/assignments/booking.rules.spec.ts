import { bookingMessages, type BookingContext, WORSHIP_DEFAULTS, bookingRefusals } from './booking.rules.js';
import { expectCatalogMatches } from '../../test/support/catalog.js';

// 2026-12-02 is a Wednesday; 2026-12-04 a Friday; 2026-12-05 a Saturday; 2026-12-06 a Sunday.
const WEDNESDAY = '2026-12-02';
const FRIDAY = '2026-12-04';
const SATURDAY = '2026-12-05';
const SUNDAY = '2026-12-06';

const now = new Date('2026-11-20T03:00:00Z');

type Overrides = {
  [K in keyof BookingContext]?: BookingContext[K] extends object | null
    ? Partial<NonNullable<BookingContext[K]>> | null
    : BookingContext[K];
};

function context(overrides: Overrides = {}): BookingContext {
  const base: BookingContext = {
    now,
    order: { status: 'active', regime: 'adult', startDate: '2026-11-01', endDate: '2027-03-31', maxHoursPerDay: 8 },
    person: { religion: null, inSchool: false, worshipDefaults: true, unavailable: [] },
    shift: {
      date: WEDNESDAY,
      start: '08:00',
      end: '12:00',
      startsAt: new Date('2026-12-02T01:00:00Z'),
      plannedMinutes: 240,
    },
    site: { minorsAllowed: true },
    agreement: { validFrom: '2026-01-01', validTo: '2026-12-31' },
    holiday: null,
    sameDayPlannedMinutes: 0,
    overlapsAnotherBooking: false,
  };
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const baseValue = (base as unknown as Record<string, unknown>)[key];
    merged[key] =
      value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value) && baseValue
        ? { ...(baseValue as object), ...value }
        : value;
  }
  return merged as unknown as BookingContext;
}

/** A shift on a given local date and time, planned without a break. */
function shiftAt(date: string, start: string, end: string): Partial<BookingContext['shift']> {
  const plannedMinutes = toMinutes(end) - toMinutes(start);
  return { date, start, end, plannedMinutes };
}

function toMinutes(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function codes(overrides: Overrides): string[] {
  return bookingRefusals(context(overrides)).map((refusal) => refusal.code);
}

const child = { regime: 'child' as const };

describe('bookingRefusals', () => {
  it('R-03 R-04 R-05 R-17 R-23 accepts a lawful booking', () => {
    expect(bookingRefusals(context())).toEqual([]);
  });

  describe('order and timing', () => {
    it('R-16 refuses a booking on an order that is not active (e.g. completed)', () => {
      expect(bookingRefusals(context({ order: { status: 'completed' } }))).toEqual([
        { code: 'booking.order_not_active' },
      ]);
    });

    it('(no R-id: a past shift cannot be planned) refuses a shift that starts exactly now, accepts one a millisecond later', () => {
      expect(codes({ shift: { startsAt: now } })).toEqual(['booking.shift_started']);
      expect(codes({ shift: { startsAt: new Date(now.getTime() + 1) } })).toEqual([]);
    });

    it('R-04 refuses a shift the day before the order starts', () => {
      expect(bookingRefusals(context({ order: { startDate: '2026-12-03' } }))).toEqual([
        { code: 'booking.outside_order_period' },
      ]);
    });

    it('R-04 refuses a shift the day after the order ends', () => {
      expect(codes({ order: { endDate: '2026-12-01' } })).toEqual(['booking.outside_order_period']);
    });

    it('R-04 accepts shifts on the first and the last day of the order', () => {
      expect(codes({ order: { startDate: WEDNESDAY } })).toEqual([]);
      expect(codes({ order: { endDate: WEDNESDAY } })).toEqual([]);
    });
  });

  describe('site and calendar', () => {
    it('R-23 refuses a shift on a holiday, naming it', () => {
      expect(bookingRefusals(context({ holiday: { name: 'Hari Raya Natal' } }))).toEqual([
        { code: 'booking.holiday', params: { name: 'Hari Raya Natal' } },
      ]);
    });

    it('R-05 refuses a site without an agreement', () => {
      expect(bookingRefusals(context({ agreement: null }))).toEqual([{ code: 'booking.agreement_not_valid' }]);
    });

    it('R-05 refuses a shift before the agreement is valid and after it expires', () => {
      expect(codes({ agreement: { validFrom: '2026-12-03' } })).toEqual(['booking.agreement_not_valid']);
      expect(codes({ agreement: { validTo: '2026-12-01' } })).toEqual(['booking.agreement_not_valid']);
    });

    it('R-05 accepts a shift on the first and the last day of the agreement', () => {
      expect(codes({ agreement: { validFrom: WEDNESDAY } })).toEqual([]);
      expect(codes({ agreement: { validTo: WEDNESDAY } })).toEqual([]);
    });

    it('R-11 refuses a child at a site not suitable for minors', () => {
      expect(
        bookingRefusals(
          context({ order: child, site: { minorsAllowed: false }, shift: shiftAt(SUNDAY, '08:00', '12:00') }),
        ),
      ).toEqual([{ code: 'booking.site_not_for_minors' }]);
    });

    it('R-11 lets an adult work at a site not suitable for minors', () => {
      expect(codes({ site: { minorsAllowed: false } })).toEqual([]);
    });
  });

  describe('children and school (R-11 POLICY)', () => {
    const childInSchool = { order: child, person: { inSchool: true } };

    it('R-11 refuses a child in school on a Wednesday shift overlapping 07:00-14:00', () => {
      expect(bookingRefusals(context({ ...childInSchool, shift: shiftAt(WEDNESDAY, '13:00', '15:00') }))).toEqual([
        { code: 'booking.child_school_hours', params: { window: '07:00–14:00' } },
      ]);
    });

    it('R-11 refuses a child in school on a Saturday morning', () => {
      expect(codes({ ...childInSchool, shift: shiftAt(SATURDAY, '08:00', '10:00') })).toEqual([
        'booking.child_school_hours',
      ]);
    });

    it('R-11 accepts a child in school right after school (14:00) and before it (until 07:00)', () => {
      expect(codes({ ...childInSchool, shift: shiftAt(WEDNESDAY, '14:00', '17:00') })).toEqual([]);
      expect(codes({ ...childInSchool, shift: shiftAt(WEDNESDAY, '05:00', '07:00') })).toEqual([]);
    });

    it('R-11 accepts a child in school on a Sunday morning', () => {
      expect(codes({ ...childInSchool, shift: shiftAt(SUNDAY, '08:00', '12:00') })).toEqual([]);
    });

    it('R-11 accepts a child not in school during school hours', () => {
      expect(codes({ order: child, shift: shiftAt(WEDNESDAY, '08:00', '12:00') })).toEqual([]);
    });

    it('R-11 accepts a child shift ending at 18:00, refuses one ending at 18:01', () => {
      expect(codes({ order: child, shift: shiftAt(SUNDAY, '15:00', '18:00') })).toEqual([]);
      expect(bookingRefusals(context({ order: child, shift: shiftAt(SUNDAY, '15:00', '18:01') }))).toEqual([
        { code: 'booking.child_ends_late', params: { latestEnd: '18:00' } },
      ]);
    });

    it('R-11 lets an adult shift end after 18:00', () => {
      expect(codes({ shift: shiftAt(WEDNESDAY, '15:00', '20:00') })).toEqual([]);
    });

    it('R-11 accepts exactly 4 hours on a school day for a child in school', () => {
      expect(
        codes({ ...childInSchool, shift: shiftAt(WEDNESDAY, '14:00', '17:00'), sameDayPlannedMinutes: 60 }),
      ).toEqual([]);
    });

    it('R-11 refuses 4 hours and a minute on a school day for a child in school', () => {
      expect(
        bookingRefusals(
          context({ ...childInSchool, shift: shiftAt(WEDNESDAY, '14:00', '17:00'), sameDayPlannedMinutes: 61 }),
        ),
      ).toEqual([{ code: 'booking.child_school_day_cap', params: { capMinutes: 240, bookedMinutes: 241 } }]);
    });

    it('R-11 does not apply the 4-hour school-day cap on a Sunday', () => {
      expect(codes({ ...childInSchool, shift: shiftAt(SUNDAY, '08:00', '13:00') })).toEqual([]);
    });
  });

  describe('worship (R-24 POLICY)', () => {
    const muslim = { religion: 'islam' };

    it('R-24 refuses a Muslim person on Friday 11:30-13:30', () => {
      expect(bookingRefusals(context({ person: muslim, shift: shiftAt(FRIDAY, '11:00', '12:00') }))).toEqual([
        { code: 'booking.worship_window', params: { window: 'Jumat 11:30–13:30' } },
      ]);
    });

    it('R-24 refuses a Muslim person on a Friday shift spanning the whole prayer time', () => {
      expect(codes({ person: muslim, shift: shiftAt(FRIDAY, '08:00', '16:00') })).toEqual(['booking.worship_window']);
    });

    it('R-24 accepts a Muslim person on a Friday shift ending exactly at 11:30 or starting at 13:30', () => {
      expect(codes({ person: muslim, shift: shiftAt(FRIDAY, '08:00', '11:30') })).toEqual([]);
      expect(codes({ person: muslim, shift: shiftAt(FRIDAY, '13:30', '16:00') })).toEqual([]);
    });

    it('R-24 accepts a Muslim person at midday on other days', () => {
      expect(codes({ person: muslim, shift: shiftAt(WEDNESDAY, '11:00', '14:00') })).toEqual([]);
    });

    it('R-24 refuses a Protestant or Catholic person on Sunday before 13:00', () => {
      for (const religion of ['protestant', 'catholic']) {
        expect(bookingRefusals(context({ person: { religion }, shift: shiftAt(SUNDAY, '08:00', '12:00') }))).toEqual([
          { code: 'booking.worship_window', params: { window: 'Minggu 00:00–13:00' } },
        ]);
      }
    });

    it('R-24 accepts a Christian person on Sunday from 13:00', () => {
      expect(codes({ person: { religion: 'protestant' }, shift: shiftAt(SUNDAY, '13:00', '16:00') })).toEqual([]);
    });

    it('R-24 applies no default window to a religion without one', () => {
      expect(codes({ person: { religion: 'hindu' }, shift: shiftAt(FRIDAY, '11:00', '14:00') })).toEqual([]);
    });

    it('R-24 skips the defaults for a person who opted out of them', () => {
      expect(
        codes({ person: { ...muslim, worshipDefaults: false }, shift: shiftAt(FRIDAY, '11:00', '14:00') }),
      ).toEqual([]);
    });

    it('R-24 reads the defaults from WORSHIP_DEFAULTS, so a deployment can change them', () => {
      const original = WORSHIP_DEFAULTS.hindu;
      WORSHIP_DEFAULTS.hindu = [{ weekday: 3, from: '06:00', to: '09:00' }];
      try {
        expect(bookingRefusals(context({ person: { religion: 'hindu' } }))).toEqual([
          { code: 'booking.worship_window', params: { window: 'Rabu 06:00–09:00' } },
        ]);
      } finally {
        if (original === undefined) delete WORSHIP_DEFAULTS.hindu;
        else WORSHIP_DEFAULTS.hindu = original;
      }
    });
  });

  describe("the person's own windows (R-06)", () => {
    const wednesdayMarket = { weekday: 3, from: '07:00', to: '09:00' };

    it('R-06 refuses a shift in a window the person is unavailable', () => {
      expect(bookingRefusals(context({ person: { unavailable: [wednesdayMarket] } }))).toEqual([
        { code: 'booking.unavailable_window', params: { window: 'Rabu 07:00–09:00' } },
      ]);
    });

    it('R-06 accepts a shift starting exactly when the window ends', () => {
      expect(
        codes({ person: { unavailable: [wednesdayMarket] }, shift: shiftAt(WEDNESDAY, '09:00', '12:00') }),
      ).toEqual([]);
    });

    it('R-06 ignores a window on another weekday', () => {
      expect(codes({ person: { unavailable: [{ ...wednesdayMarket, weekday: 4 }] } })).toEqual([]);
    });

    it('R-06 applies own windows even when worship defaults are off', () => {
      expect(codes({ person: { worshipDefaults: false, unavailable: [wednesdayMarket] } })).toEqual([
        'booking.unavailable_window',
      ]);
    });
  });

  describe('daily cap and overlap (R-03, R-17)', () => {
    it('R-03 R-17 accepts exactly 8 hours on one day', () => {
      expect(codes({ sameDayPlannedMinutes: 240 })).toEqual([]);
    });

    it('R-03 R-17 refuses 8 hours and one minute on one day', () => {
      expect(bookingRefusals(context({ sameDayPlannedMinutes: 241 }))).toEqual([
        { code: 'booking.daily_cap', params: { capMinutes: 480, bookedMinutes: 481 } },
      ]);
    });

    it("R-03 caps the day at the verdict's hours per day, not at 8", () => {
      expect(codes({ order: { maxHoursPerDay: 4 } })).toEqual([]);
      expect(bookingRefusals(context({ order: { maxHoursPerDay: 3 } }))).toEqual([
        { code: 'booking.daily_cap', params: { capMinutes: 180, bookedMinutes: 240 } },
      ]);
    });

    it('R-17 refuses a shift overlapping another booking of the person', () => {
      expect(bookingRefusals(context({ overlapsAnotherBooking: true }))).toEqual([{ code: 'booking.overlap' }]);
    });
  });

  it('R-03 R-04 R-05 R-11 R-17 R-23 R-24 returns every refusal, in the listed order', () => {
    const everything = context({
      now: new Date('2026-12-10T00:00:00Z'),
      order: { status: 'completed', regime: 'child', endDate: '2026-12-01', maxHoursPerDay: 4 },
      person: {
        religion: 'islam',
        inSchool: true,
        unavailable: [{ weekday: 5, from: '12:00', to: '15:00' }],
      },
      shift: { ...shiftAt(FRIDAY, '11:00', '18:30'), startsAt: new Date('2026-12-04T04:00:00Z') },
      site: { minorsAllowed: false },
      agreement: null,
      holiday: { name: 'Libur daerah' },
      sameDayPlannedMinutes: 30,
      overlapsAnotherBooking: true,
    });
    expect(bookingRefusals(everything).map((refusal) => refusal.code)).toEqual([
      'booking.order_not_active',
      'booking.shift_started',
      'booking.outside_order_period',
      'booking.holiday',
      'booking.agreement_not_valid',
      'booking.site_not_for_minors',
      'booking.child_school_hours',
      'booking.child_ends_late',
      'booking.child_school_day_cap',
      'booking.worship_window',
      'booking.unavailable_window',
      'booking.daily_cap',
      'booking.overlap',
    ]);
    expectCatalogMatches(bookingMessages, bookingRefusals(everything));
  });
});
