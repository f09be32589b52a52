import { DateTime } from 'luxon';
import { planOrders } from './planner.js';
import type { PlanOrder, PlanShift, PlanSite, PlanningProblem } from './planning.types.js';
import type { SameDayPolicy } from './same-day.rules.js';

const HOME = { lat: -3.6954, lng: 128.1814 };

const site = (id: string, hundredthsNorth: number): PlanSite => ({
  id,
  location: { lat: HOME.lat + hundredthsNorth / 100, lng: HOME.lng },
  minorsAllowed: true,
  agreement: { validFrom: '2026-01-01', validTo: '2027-12-31' },
  closedDates: [],
});

const shift = (siteId: string, date: string, start: string, end: string): PlanShift => ({
  id: `${siteId}/${date}/${start}`,
  siteId,
  date,
  start,
  end,
  startsAt: DateTime.fromISO(`${date}T${start}`, { zone: 'Asia/Jayapura' }).toJSDate(),
  plannedMinutes: DateTime.fromISO(`${date}T${end}`).diff(DateTime.fromISO(`${date}T${start}`), 'minutes').minutes,
  freeSeats: 1,
  coordinated: true,
});

const order = (needMinutes: number, maxHoursPerDay = 8, endDate = '2027-05-31'): PlanOrder => ({
  id: 'o1',
  regime: 'adult',
  needMinutes,
  maxHoursPerDay,
  startDate: '2026-12-01',
  endDate,
  person: { religion: null, worshipDefaults: true, inSchool: false, unavailable: [], home: HOME, bookedDates: [] },
});

const plan = (orders: PlanOrder[], sites: PlanSite[], shifts: PlanShift[], sameDay?: SameDayPolicy) => {
  const problem: PlanningProblem = {
    now: new Date('2026-11-23T00:00:00Z'),
    orders,
    sites,
    shifts,
    maxTravelMeters: 10_000,
  };
  return planOrders(sameDay ? { ...problem, sameDay } : problem);
};
const twoShifts = (siteId: string, date: string) => [
  shift(siteId, date, '08:00', '12:00'),
  shift(siteId, date, '13:00', '17:00'),
];
const ids = (bookings: { shiftId: string }[]) => bookings.map((b) => b.shiftId).sort();

describe('planOrders under the same-day POLICY', () => {
  it('same_site (the default): both shifts of a site on one day when that books more, one under one_shift', () => {
    const shifts = twoShifts('a', '2026-12-02');
    const sameSite = plan([order(480, 8, '2026-12-02')], [site('a', 1)], shifts);
    expect(ids(sameSite.bookings)).toEqual(shifts.map((s) => s.id).sort());
    expect(sameSite.outcomes[0]).toMatchObject({ plannedMinutes: 480, shortfall: null, reachableMinutes: 480 });

    const oneShift = plan([order(480, 8, '2026-12-02')], [site('a', 1)], shifts, 'one_shift');
    expect(oneShift.bookings).toHaveLength(1);
    expect(oneShift.outcomes[0]).toMatchObject({ plannedMinutes: 240, reachableMinutes: 240 });
  });

  it('books a second shift on a day only when it books minutes that one shift a day would lose', () => {
    const shifts = [...twoShifts('a', '2026-12-02'), ...twoShifts('a', '2026-12-03')];
    const spread = plan([order(480)], [site('a', 1)], shifts);
    expect(spread.bookings.map((b) => b.date)).toEqual(['2026-12-02', '2026-12-03']);
  });

  it('never a second trip to another site on the same day, nor past the daily cap (R-03)', () => {
    const shifts = [shift('a', '2026-12-02', '08:00', '12:00'), shift('b', '2026-12-02', '13:00', '17:00')];
    const twoSites = plan([order(480, 8, '2026-12-02')], [site('a', 1), site('b', 2)], shifts);
    expect(twoSites.outcomes[0]).toMatchObject({ plannedMinutes: 240, reachableMinutes: 240 });

    const capped = plan([order(480, 4, '2026-12-02')], [site('a', 1)], twoShifts('a', '2026-12-02'));
    expect(capped.outcomes[0]).toMatchObject({ plannedMinutes: 240, reachableMinutes: 240 });
  });
});
