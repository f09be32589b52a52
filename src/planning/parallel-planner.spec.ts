import { splitIntoParts } from './parallel-planner.js';
import type { PlanOrder, PlanningProblem, PlanShift, PlanSite } from './planning.types.js';

const site = (id: string, lat: number): PlanSite => ({
  id,
  location: { lat, lng: 128.18 },
  minorsAllowed: true,
  agreement: { validFrom: '2026-01-01', validTo: '2027-12-31' },
  closedDates: [],
});
const shift = (siteId: string): PlanShift => ({
  id: `shift-${siteId}`,
  siteId,
  date: '2026-12-02',
  start: '08:00',
  end: '12:00',
  startsAt: new Date('2026-12-01T23:00:00Z'),
  plannedMinutes: 240,
  freeSeats: 4,
  coordinated: true,
});
const order = (id: string, lat: number): PlanOrder => ({
  id,
  regime: 'adult',
  needMinutes: 240,
  maxHoursPerDay: 8,
  startDate: '2026-12-01',
  endDate: '2027-05-31',
  person: {
    religion: null,
    worshipDefaults: true,
    inSchool: false,
    unavailable: [],
    home: { lat, lng: 128.18 },
    bookedDates: [],
  },
});

describe('splitIntoParts', () => {
  // Two cities about 110 km apart; reach 10 km.
  const problem: PlanningProblem = {
    now: new Date('2026-11-23T00:00:00Z'),
    orders: [
      order('north-1', -3.0),
      order('south-1', -4.0),
      order('north-2', -3.01),
      order('south-2', -4.01),
      order('south-3', -4.02),
    ],
    sites: [site('north', -3.0), site('south', -4.0)],
    shifts: [shift('north'), shift('south')],
    maxTravelMeters: 10_000,
  };

  it('keeps a city whole in one part, with only its own sites and shifts', () => {
    const parts = splitIntoParts(problem, 2);
    expect(parts.map((part) => part.orders.map((o) => o.id))).toEqual([
      ['south-1', 'south-2', 'south-3'],
      ['north-1', 'north-2'],
    ]);
    expect(parts.map((part) => part.sites.map((s) => s.id))).toEqual([['south'], ['north']]);
    expect(parts.map((part) => part.shifts.map((s) => s.siteId))).toEqual([['south'], ['north']]);
  });

  it('puts everything in one part when one thread plans', () => {
    const [only, ...rest] = splitIntoParts(problem, 1);
    expect(rest).toEqual([]);
    expect(only.orders.map((o) => o.id).sort()).toEqual(problem.orders.map((o) => o.id).sort());
    expect(only.shifts).toHaveLength(2);
  });

  it('gives the orders without a home a region of their own, with no site', () => {
    const homeless = { ...order('homeless', 0), person: { ...order('homeless', 0).person, home: null } };
    const parts = splitIntoParts({ ...problem, orders: [...problem.orders, homeless] }, 3);
    expect(parts.map((part) => part.orders.map((o) => o.id))).toEqual([
      ['south-1', 'south-2', 'south-3'],
      ['north-1', 'north-2'],
      ['homeless'],
    ]);
    expect(parts[2].sites).toEqual([]);
  });
});
