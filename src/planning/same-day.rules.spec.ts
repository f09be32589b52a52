import { dayCapMinutes, mostMinutesInADay, mostMinutesOf, sameDayRefusal, type DayShift } from './same-day.rules.js';

const at = (siteId: string, start: number, end: number): DayShift => ({
  siteId,
  startMinute: start * 60,
  endMinute: end * 60,
  plannedMinutes: (end - start) * 60,
});
const morning = at('a', 8, 12);
const afternoon = at('a', 13, 17);

describe('sameDayRefusal (POLICY PLANNER_SAME_DAY)', () => {
  it('allows the first shift of a day under either policy', () => {
    expect(sameDayRefusal('same_site', [], morning, 480)).toBeNull();
    expect(sameDayRefusal('one_shift', [], morning, 480)).toBeNull();
  });

  it('same_site: a second shift at the same site, apart and within the cap (R-03)', () => {
    expect(sameDayRefusal('same_site', [morning], afternoon, 480)).toBeNull();
    expect(sameDayRefusal('same_site', [afternoon], morning, 480)).toBeNull();
  });

  it('same_site: never a second trip to another site', () => {
    expect(sameDayRefusal('same_site', [morning], at('b', 13, 17), 480)).toBe('plan.one_trip_a_day');
  });

  it('same_site: never overlapping (R-17), touching is not overlapping', () => {
    expect(sameDayRefusal('same_site', [morning], at('a', 11, 15), 480)).toBe('booking.overlap');
    expect(sameDayRefusal('same_site', [morning], at('a', 12, 16), 480)).toBeNull();
  });

  it('same_site: never past the day cap, counting every shift of the day (R-03)', () => {
    expect(sameDayRefusal('same_site', [morning], afternoon, 420)).toBe('booking.daily_cap');
    expect(sameDayRefusal('same_site', [at('a', 6, 8), morning], afternoon, 480)).toBe('booking.daily_cap');
    expect(sameDayRefusal('same_site', [at('a', 6, 8), morning], at('a', 13, 15), 480)).toBeNull();
  });

  it('one_shift: one shift a day, whatever the site or the cap', () => {
    expect(sameDayRefusal('one_shift', [morning], afternoon, 480)).toBe('plan.one_shift_a_day');
  });
});

describe('dayCapMinutes', () => {
  const adult = { regime: 'adult', maxHoursPerDay: 8, person: { inSchool: false } };
  const child = { regime: 'child', maxHoursPerDay: 6, person: { inSchool: true } };

  it("is the order's hours per day (R-03)", () => {
    expect(dayCapMinutes(adult, '2026-12-02')).toBe(480);
    expect(dayCapMinutes({ ...adult, maxHoursPerDay: 4 }, '2026-12-02')).toBe(240);
  });

  it('is at most 4 hours for a child in school on a school day, Monday to Saturday (R-11)', () => {
    expect(dayCapMinutes(child, '2026-12-05')).toBe(240);
    expect(dayCapMinutes(child, '2026-12-06')).toBe(360);
    expect(dayCapMinutes({ ...child, person: { inSchool: false } }, '2026-12-05')).toBe(360);
  });
});

describe('mostMinutesInADay', () => {
  it('one_shift: the longest shift', () => {
    expect(mostMinutesInADay('one_shift', [morning, afternoon, at('b', 8, 17)], 480)).toBe(540);
  });

  it('same_site: the best set at one site, apart and within the cap', () => {
    expect(mostMinutesInADay('same_site', [morning, afternoon, at('b', 8, 14)], 480)).toBe(480);
    expect(mostMinutesInADay('same_site', [morning, at('a', 10, 14), at('b', 13, 17)], 480)).toBe(240);
    expect(mostMinutesInADay('same_site', [at('a', 6, 8), morning, afternoon], 600)).toBe(600);
    expect(mostMinutesInADay('same_site', [at('a', 6, 8), morning, afternoon], 480)).toBe(480);
    expect(mostMinutesInADay('same_site', [at('a', 6, 8), morning, afternoon], 420)).toBe(360);
  });
});

describe('mostMinutesOf', () => {
  const all = [at('b', 8, 17), morning, at('a', 10, 14), afternoon, at('a', 6, 8)];

  it('answers as mostMinutesInADay for the shifts picked out of a longer list', () => {
    const picks = [[1, 3], [1, 2, 3], [4, 1, 3], [0, 2], [2], [3, 0, 4, 1]];
    for (const pick of picks)
      for (const cap of [240, 420, 480, 600]) {
        const picked = Int32Array.from([9, ...pick, 9]).subarray(1, pick.length + 1);
        const expected = mostMinutesInADay(
          'same_site',
          pick.map((i) => all[i]),
          cap,
        );
        expect(mostMinutesOf('same_site', all, picked, pick.length, cap)).toBe(expected);
        expect(mostMinutesOf('one_shift', all, picked, pick.length, cap)).toBe(
          mostMinutesInADay(
            'one_shift',
            pick.map((i) => all[i]),
            cap,
          ),
        );
      }
  });
});
