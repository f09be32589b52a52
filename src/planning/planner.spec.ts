import { DateTime } from 'luxon';
import { planOrders, replanOrder } from './planner.js';
import type { PlanOrder, PlanShift, PlanSite, PlanningProblem } from './planning.types.js';
import { distanceMeters } from '../common/geo.js';
import { seededRandom } from '../common/seeded-random.js';

const HOME = { lat: -3.6954, lng: 128.1814 };
/** About 1.1 km per 0.01° of latitude. */
const north = (hundredths: number) => ({ lat: HOME.lat + hundredths / 100, lng: HOME.lng });

function site(id: string, hundredthsNorth: number, overrides: Partial<PlanSite> = {}): PlanSite {
  return {
    id,
    location: north(hundredthsNorth),
    minorsAllowed: true,
    agreement: { validFrom: '2026-01-01', validTo: '2027-12-31' },
    closedDates: [],
    ...overrides,
  };
}

let shiftCount = 0;
function shift(siteId: string, date: string, overrides: Partial<PlanShift> = {}): PlanShift {
  const start = overrides.start ?? '08:00';
  const plannedMinutes = overrides.plannedMinutes ?? 240;
  const end = overrides.end ?? DateTime.fromISO(`${date}T${start}`).plus({ minutes: plannedMinutes }).toFormat('HH:mm');
  return {
    id: `shift-${++shiftCount}`,
    siteId,
    date,
    start,
    end,
    startsAt: DateTime.fromISO(`${date}T${start}`, { zone: 'Asia/Jayapura' }).toJSDate(),
    plannedMinutes,
    freeSeats: 5,
    coordinated: true,
    ...overrides,
  };
}

function order(
  id: string,
  needMinutes: number,
  overrides: Partial<PlanOrder> = {},
  person: Partial<PlanOrder['person']> = {},
): PlanOrder {
  return {
    id,
    regime: 'adult',
    needMinutes,
    maxHoursPerDay: 8,
    startDate: '2026-12-01',
    endDate: '2027-05-31',
    ...overrides,
    person: {
      religion: null,
      worshipDefaults: true,
      inSchool: false,
      unavailable: [],
      home: HOME,
      bookedDates: [],
      ...person,
    },
  };
}

function problem(orders: PlanOrder[], sites: PlanSite[], shifts: PlanShift[]): PlanningProblem {
  return { now: new Date('2026-11-23T00:00:00Z'), orders, sites, shifts, maxTravelMeters: 10_000 };
}

/** Dates from 2026-12-01 (a Tuesday), one a day. */
const days = (count: number, from = '2026-12-01') =>
  Array.from({ length: count }, (_, i) => DateTime.fromISO(from).plus({ days: i }).toISODate()!);

describe('planOrders', () => {
  it('books the nearest site first and never one beyond reach', () => {
    const sites = [site('far', 5), site('near', 1), site('beyond', 20)];
    const shifts = ['far', 'near', 'beyond'].map((id) => shift(id, '2026-12-02'));
    const plan = planOrders(problem([order('o1', 240)], sites, shifts));
    expect(plan.bookings.map((b) => b.siteId)).toEqual(['near']);
    expect(plan.bookings[0].travelMeters).toBeGreaterThan(1000);
    expect(plan.bookings[0].travelMeters).toBeLessThan(1200);
  });

  it('plans one trip a day and fills the need on the earliest days, leaving 10% of the period to spare', () => {
    const shifts = days(10).flatMap((date) => [shift('s', date), shift('s', date, { start: '13:00' })]);
    const plan = planOrders(problem([order('o1', 3 * 240)], [site('s', 1)], shifts));
    expect(plan.bookings.map((b) => b.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(plan.outcomes[0]).toMatchObject({
      plannedMinutes: 720,
      bookings: 3,
      lastDate: '2026-12-03',
      withSpare: true,
      shortfall: null,
    });
  });

  it('counts a last booking longer than what is owed only up to the need', () => {
    const plan = planOrders(
      problem(
        [order('o1', 300)],
        [site('s', 1)],
        days(5).map((date) => shift('s', date)),
      ),
    );
    expect(plan.bookings).toHaveLength(2);
    expect(plan.outcomes[0].plannedMinutes).toBe(300);
    expect(plan.plannedMinutes).toBe(300);
  });

  it('books only what every booking rule allows', () => {
    const friday = '2026-12-04';
    const sites = [
      site('s', 1),
      site('adults-only', 1, { minorsAllowed: false }),
      site('expired', 1, { agreement: { validFrom: '2026-01-01', validTo: '2026-11-30' } }),
      site('closed', 1, { closedDates: [friday] }),
    ];
    const shifts = [
      shift('s', friday, { start: '10:00' }), // Friday prayer for a Muslim
      shift('s', '2026-12-05', { coordinated: false }),
      shift('s', '2026-12-07', { freeSeats: 0 }),
      shift('s', '2026-12-08', { startsAt: new Date('2026-11-22T00:00:00Z') }), // already started
      shift('s', '2027-06-01'), // after the end date
      shift('adults-only', '2026-12-09', { start: '14:00' }), // not for a child
      shift('expired', '2026-12-10'), // no valid agreement
      shift('closed', friday, { start: '14:00' }), // holiday not opened
      shift('s', '2026-12-11', { plannedMinutes: 480 }), // over the child's daily cap
      shift('s', '2026-12-12', { start: '14:00' }), // the person already has a booking that day
    ];
    const child = order(
      'child',
      240,
      { regime: 'child', maxHoursPerDay: 4 },
      { religion: 'islam', inSchool: true, bookedDates: ['2026-12-12'] },
    );
    const plan = planOrders(problem([child], sites, shifts));
    expect(plan.bookings).toEqual([]);
    expect(plan.outcomes[0].shortfall).toEqual({ kind: 'bound', reachableMinutes: 0 });
  });

  it('gives a shift no more people than its free seats and names the site the others compete for', () => {
    const shifts = [shift('s', '2026-12-02', { freeSeats: 2 })];
    const plan = planOrders(problem([order('a', 240), order('b', 240), order('c', 240)], [site('s', 1)], shifts));
    expect(plan.bookings).toHaveLength(2);
    const short = plan.outcomes.filter((o) => o.shortfall);
    expect(short).toHaveLength(1);
    expect(short[0].shortfall).toEqual({ kind: 'shared_capacity', reachableMinutes: 240, siteIds: ['s'] });
  });

  it('proves a Saturday-only worker owing 240 hours in 6 months cannot finish', () => {
    const saturdays = days(182).filter((date) => DateTime.fromISO(date).weekday === 6);
    const shifts = saturdays.map((date) => shift('s', date, { plannedMinutes: 480, end: '17:00', freeSeats: 10 }));
    const weekdaysUnavailable = [1, 2, 3, 4, 5, 7].map((weekday) => ({ weekday, from: '00:00', to: '23:59' }));
    const plan = planOrders(
      problem([order('sat', 240 * 60, {}, { unavailable: weekdaysUnavailable })], [site('s', 1)], shifts),
    );
    expect(plan.outcomes[0].shortfall).toEqual({ kind: 'bound', reachableMinutes: saturdays.length * 480 });
    expect(plan.outcomes[0].plannedMinutes).toBe(saturdays.length * 480);
  });

  it('says when a person has no home location instead of guessing', () => {
    const plan = planOrders(
      problem([order('o1', 240, {}, { home: null })], [site('s', 1)], [shift('s', '2026-12-02')]),
    );
    expect(plan.outcomes[0].shortfall).toEqual({ kind: 'no_home' });
  });

  it('balances crews: two equally near shifts get two people each rather than four and none', () => {
    const sites = [
      site('east', 0, { location: { lat: HOME.lat, lng: HOME.lng + 0.01 } }),
      site('west', 0, { location: { lat: HOME.lat, lng: HOME.lng - 0.01 } }),
    ];
    const shifts = [shift('east', '2026-12-02', { freeSeats: 4 }), shift('west', '2026-12-02', { freeSeats: 4 })];
    const plan = planOrders(
      problem(
        ['a', 'b', 'c', 'd'].map((id) => order(id, 240)),
        sites,
        shifts,
      ),
    );
    const perSite = plan.bookings.reduce<Record<string, number>>(
      (count, b) => ({ ...count, [b.siteId]: (count[b.siteId] ?? 0) + 1 }),
      {},
    );
    expect(perSite).toEqual({ east: 2, west: 2 });
  });

  it('gives the same plan for the same problem', () => {
    const shifts = days(20).flatMap((date, i) => [
      shift('a', date, { freeSeats: 1 + (i % 3) }),
      shift('b', date, { freeSeats: 2 }),
    ]);
    const build = () =>
      problem(
        ['x', 'y', 'z', 'w'].map((id, i) => order(id, 240 * (3 + i))),
        [site('a', 1), site('b', 2)],
        shifts,
      );
    expect(planOrders(build())).toEqual(planOrders(build()));
  });

  it('books as many minutes as an exhaustive search, and travels as little, on 150 small random problems', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const next = seededRandom(seed);
      const sites = [
        site('a', 1 + Math.floor(next() * 5)),
        site('b', 1 + Math.floor(next() * 5)),
        site('c', 1 + Math.floor(next() * 5)),
      ];
      const shifts = Array.from({ length: 5 }, () =>
        shift(sites[Math.floor(next() * 3)].id, days(3)[Math.floor(next() * 3)], {
          freeSeats: 1 + Math.floor(next() * 2),
        }),
      );
      const orders = Array.from({ length: 3 }, (_, i) =>
        order(`o${i}`, 240 * (1 + Math.floor(next() * 3)) - Math.floor(next() * 2) * 60),
      );
      const plan = planOrders(problem(orders, sites, shifts));
      const best = exhaustive(problem(orders, sites, shifts));
      expect({ seed, minutes: plan.plannedMinutes, travel: plan.travelMeters }).toEqual({ seed, ...best });
    }
  });
});

describe('replanOrder', () => {
  it('after a no-show books the missed minutes on free seats and moves nobody else', () => {
    const shifts = days(6).map((date) => shift('s', date, { freeSeats: 1 }));
    const initial = problem([order('a', 480), order('b', 480)], [site('s', 1)], shifts);
    const plan = planOrders(initial);
    const missed = plan.bookings.find((b) => b.orderId === 'a')!;
    const current = plan.bookings.filter((b) => b !== missed);
    const taken = new Set(current.map((b) => b.shiftId));
    const datesOf = (id: string) => current.filter((b) => b.orderId === id).map((b) => b.date);
    const after: PlanningProblem = {
      ...initial,
      orders: [
        order('a', 240, {}, { bookedDates: [missed.date, ...datesOf('a')] }),
        order('b', 0, {}, { bookedDates: datesOf('b') }),
      ],
      shifts: shifts.filter((s) => s.id !== missed.shiftId).map((s) => ({ ...s, freeSeats: taken.has(s.id) ? 0 : 1 })),
    };
    const replan = replanOrder(after, current, 'a');
    expect(replan.moved).toBe(0);
    expect(replan.outcome.shortfall).toBeNull();
    expect(replan.bookings).toHaveLength(1);
    expect(taken.has(replan.bookings[0].shiftId)).toBe(false);
    expect(current.filter((b) => b.orderId === 'a').map((b) => b.date)).not.toContain(replan.bookings[0].date);
  });

  it('moves another person to a shift they can take when that frees the only seat the order can use', () => {
    const wednesday = shift('s', '2026-12-02', { freeSeats: 0 });
    const thursday = shift('s', '2026-12-03', { freeSeats: 1 });
    const current = [
      { orderId: 'b', shiftId: wednesday.id, siteId: 's', date: '2026-12-02', plannedMinutes: 240, travelMeters: 1112 },
    ];
    const noThursdays = [{ weekday: 4, from: '00:00', to: '23:59' }];
    const after = problem(
      [order('a', 240, {}, { unavailable: noThursdays }), order('b', 0, {}, { bookedDates: ['2026-12-02'] })],
      [site('s', 1)],
      [wednesday, thursday],
    );

    const replan = replanOrder(after, current, 'a');

    expect(replan.moved).toBe(1);
    expect(replan.moves[0]).toMatchObject({
      from: { orderId: 'b', shiftId: wednesday.id },
      to: { orderId: 'b', shiftId: thursday.id, date: '2026-12-03' },
    });
    expect(replan.bookings).toMatchObject([{ orderId: 'a', shiftId: wednesday.id }]);
    expect(replan.outcome).toMatchObject({ plannedMinutes: 240, shortfall: null });
  });

  it('moves nobody when the order cannot use the seat it would free', () => {
    const wednesday = shift('s', '2026-12-02', { freeSeats: 0 });
    const current = [
      { orderId: 'b', shiftId: wednesday.id, siteId: 's', date: '2026-12-02', plannedMinutes: 240, travelMeters: 1112 },
    ];
    const after = problem(
      [order('a', 240), order('b', 0, {}, { bookedDates: ['2026-12-02'] })],
      [site('s', 1)],
      [wednesday],
    );

    const replan = replanOrder(after, current, 'a');

    expect(replan).toMatchObject({ moved: 0, moves: [], bookings: [] });
    expect(replan.outcome.shortfall).toEqual({ kind: 'shared_capacity', reachableMinutes: 240, siteIds: ['s'] });
  });
});

/** Tries every assignment of each order to none or one shift per day: the most minutes, then the least travel. */
function exhaustive(p: PlanningProblem): { minutes: number; travel: number } {
  const distance = (s: PlanShift) => distanceMeters(HOME, p.sites.find((x) => x.id === s.siteId)!.location);
  const seats = p.shifts.map((s) => s.freeSeats);
  let best = { minutes: -1, travel: 0 };
  const booked = p.orders.map(() => 0);
  const visit = (o: number, s: number, daysUsed: Set<string>, travel: number) => {
    if (o === p.orders.length) {
      const minutes = booked.reduce((sum, m, i) => sum + Math.min(m, p.orders[i].needMinutes), 0);
      if (minutes > best.minutes || (minutes === best.minutes && travel < best.travel)) best = { minutes, travel };
      return;
    }
    if (s === p.shifts.length) return visit(o + 1, 0, new Set(), travel);
    visit(o, s + 1, daysUsed, travel);
    const candidate = p.shifts[s];
    if (seats[s] > 0 && !daysUsed.has(candidate.date) && booked[o] < p.orders[o].needMinutes) {
      seats[s]--;
      booked[o] += candidate.plannedMinutes;
      visit(o, s + 1, new Set([...daysUsed, candidate.date]), travel + distance(candidate));
      booked[o] -= candidate.plannedMinutes;
      seats[s]++;
    }
  };
  visit(0, 0, new Set(), 0);
  return best;
}
