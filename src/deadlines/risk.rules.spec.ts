import { expectCatalogMatches } from '../../test/support/catalog.js';
import {
  ISO_WEEKDAYS,
  openWeekdaysBefore,
  orderRisks,
  PersonWindows,
  riskMessages,
  workableMinutes,
} from './risk.rules.js';

const adult: PersonWindows = {
  regime: 'adult',
  inSchool: false,
  religion: null,
  worshipDefaults: true,
  unavailable: [],
};
const WEDNESDAY = '2026-12-02';
const FRIDAY = '2026-12-04';
const SATURDAY = '2026-12-05';

describe('how much a person could still work (risk scan)', () => {
  it("R-03: a free adult day is capped by the verdict's hours per day", () => {
    expect(workableMinutes(WEDNESDAY, false, adult, 480)).toBe(480);
    expect(workableMinutes(WEDNESDAY, false, adult, 24 * 60)).toBe(14 * 60);
  });

  it('R-23: nothing on a holiday', () => {
    expect(workableMinutes(WEDNESDAY, true, adult, 480)).toBe(0);
  });

  it("R-24/R-06: worship and the person's own windows are taken out of the day", () => {
    expect(workableMinutes(FRIDAY, false, { ...adult, religion: 'islam' }, 24 * 60)).toBe(14 * 60 - 120);
    const trader = {
      ...adult,
      unavailable: [
        { weekday: 3, from: '05:00', to: '12:00' },
        { weekday: 3, from: '11:00', to: '15:00' },
      ],
    };
    expect(workableMinutes(WEDNESDAY, false, trader, 24 * 60)).toBe(5 * 60);
  });

  it('R-11: a child in school works after school until 18:00 and at most 4 hours on a school day', () => {
    const child: PersonWindows = { ...adult, regime: 'child', inSchool: true };
    expect(workableMinutes(WEDNESDAY, false, child, 8 * 60)).toBe(4 * 60);
    expect(workableMinutes('2026-12-06', false, { ...child, religion: null }, 8 * 60)).toBe(8 * 60);
  });

  it('a Saturday-only worker owing 240 hours in 6 months provably cannot finish, and says why', () => {
    const weekdays = [1, 2, 3, 4, 5, 7].map((weekday) => ({ weekday, from: '00:00', to: '23:59' }));
    const saturdayOnly = { ...adult, unavailable: weekdays };
    expect(workableMinutes(SATURDAY, false, saturdayOnly, 480)).toBe(480);
    expect(workableMinutes(WEDNESDAY, false, saturdayOnly, 480)).toBe(0);
    const risks = orderRisks({
      remainingMinutes: 240 * 60,
      workableMinutes: 26 * 480,
      bookedAheadMinutes: 0,
      bookedWithinHorizon: true,
      endDate: '2027-05-31',
    });
    expect(risks).toEqual([
      {
        code: 'risk.cannot_finish',
        params: { remainingMinutes: 14400, reachableMinutes: 12480, endDate: '2027-05-31' },
      },
    ]);
  });

  it('an order with nothing booked in the next 14 days is reported even when it can still finish', () => {
    const risks = orderRisks({
      remainingMinutes: 600,
      workableMinutes: 960,
      bookedAheadMinutes: 0,
      bookedWithinHorizon: false,
      endDate: '2027-01-01',
    });
    expect(risks.map((risk) => risk.code)).toEqual(['risk.nothing_booked']);
    expect(
      orderRisks({
        remainingMinutes: 960,
        workableMinutes: 960,
        bookedAheadMinutes: 0,
        bookedWithinHorizon: true,
        endDate: '2027-01-01',
      }),
    ).toEqual([]);
  });

  it('counts the open days by weekday so the workable minutes up to any end date are a sum over 7 weekdays', () => {
    const days = Array.from({ length: 40 }, (_, i) => {
      const date = new Date(Date.UTC(2026, 11, 10 + i));
      return { date: date.toISOString().slice(0, 10), weekday: date.getUTCDay() || 7 };
    });
    const closed = new Set(['2026-12-24', '2026-12-25', '2027-01-01']);
    const counts = openWeekdaysBefore(days, closed);
    const muslim = { ...adult, religion: 'islam', unavailable: [{ weekday: 6, from: '08:00', to: '12:00' }] };
    const onWeekday = ISO_WEEKDAYS.map((weekday) =>
      workableMinutes(days.find((day) => day.weekday === weekday)!.date, false, muslim, 480),
    );
    for (let until = 0; until <= days.length; until++) {
      const dayByDay = days
        .slice(0, until)
        .reduce((sum, day) => sum + workableMinutes(day.date, closed.has(day.date), muslim, 480), 0);
      expect(onWeekday.reduce((sum, minutes, w) => sum + minutes * counts[w][until], 0)).toBe(dayByDay);
    }
  });

  it('has a message for each risk', () => {
    expectCatalogMatches(riskMessages, [
      ...orderRisks({
        remainingMinutes: 2,
        workableMinutes: 1,
        bookedAheadMinutes: 0,
        bookedWithinHorizon: false,
        endDate: '2027-01-01',
      }),
    ]);
  });
});
