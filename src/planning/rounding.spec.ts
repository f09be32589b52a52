import { Candidates, type Candidate } from './candidates.js';
import { epochDay } from './objective.js';
import type { PlanOrder, PlanShift, PlanningProblem } from './planning.types.js';
import { Bookings, fillGreedily, MAX_CHAIN_SEARCH, repairByChains } from './rounding.js';
import { dayShift, sameDayRefusal, type SameDayPolicy } from './same-day.rules.js';
import { seededRandom } from '../common/seeded-random.js';

/** Orders of one person profile, with no home: the repair never asks where anyone lives. */
function order(id: string, needMinutes: number): PlanOrder {
  const person = { religion: null, worshipDefaults: true, inSchool: false, unavailable: [], home: null };
  const period = { startDate: '2026-12-01', endDate: '2027-05-31' };
  return { id, regime: 'adult', needMinutes, maxHoursPerDay: 8, ...period, person: { ...person, bookedDates: [] } };
}

function shift(id: string, siteId: string, date: string, start: string, freeSeats: number): PlanShift {
  const hour = Number(start.slice(0, 2));
  return {
    id,
    siteId,
    date,
    start,
    end: `${String(hour + 4).padStart(2, '0')}:00`,
    startsAt: new Date(`${date}T${start}:00Z`),
    plannedMinutes: 240,
    freeSeats,
    coordinated: true,
  };
}

function world(orders: PlanOrder[], shifts: PlanShift[], sameDay: SameDayPolicy = 'same_site'): PlanningProblem {
  return { now: new Date('2026-11-23T00:00:00Z'), orders, sites: [], shifts, maxTravelMeters: 10_000, sameDay };
}

/** Each order's candidates on the shifts given (by number), at a cost of the shift's number. */
function candidatesOf(problem: PlanningProblem, shiftsPerOrder: number[][]) {
  const table = new Candidates();
  const lists = shiftsPerOrder.map((shifts, o) =>
    Int32Array.from(shifts, (s) => table.add(o, s, 0, epochDay(problem.shifts[s].date), s)),
  );
  return { table, lists };
}

const epochDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

const counted = (problem: PlanningProblem, bookings: Bookings) =>
  problem.orders.reduce((sum, o, i) => sum + Math.min(o.needMinutes, bookings.bookedMinutes(i)), 0);

const shiftsOf = (bookings: Bookings, o: number) =>
  (bookings.byOrder.get(o) ?? []).map((c) => bookings.candidates.shift[c]).sort();

describe('repairByChains', () => {
  it('moves an occupant along a chain of full shifts to free a seat for an order still short', () => {
    const problem = world(
      [order('a', 240), order('b', 240), order('c', 240)],
      [
        shift('s0', 'x', '2026-12-01', '08:00', 1),
        shift('s1', 'x', '2026-12-02', '08:00', 1),
        shift('s2', 'x', '2026-12-03', '08:00', 1),
      ],
    );
    const { table, lists: candidates } = candidatesOf(problem, [[0], [0, 1], [1, 2]]);
    const bookings = new Bookings(problem, table);
    bookings.book(candidates[1][0]);
    bookings.book(candidates[2][0]);
    repairByChains(problem, candidates, bookings);
    expect([0, 1, 2].map((o) => shiftsOf(bookings, o))).toEqual([[0], [1], [2]]);
    expect(bookings.seats).toEqual([0, 0, 0]);
  });

  it('follows a chain through at most MAX_CHAIN_SEARCH orders', () => {
    /** Shifts of one seat a day apart; order 0 may take shift 1, order i ≥ 1 sits on shift i and may take i + 1. */
    const served = (length: number) => {
      const shifts = Array.from({ length: length + 2 }, (_, s) =>
        shift(`s${s}`, 'x', epochDate(epochDay('2026-12-01') + s), '08:00', 1),
      );
      const problem = world(
        Array.from({ length: length + 1 }, (_, o) => order(`o${o}`, 240)),
        shifts,
      );
      const { table, lists: candidates } = candidatesOf(
        problem,
        problem.orders.map((_, o) => (o === 0 ? [1] : [o, o + 1])),
      );
      const bookings = new Bookings(problem, table);
      for (let o = 1; o <= length; o++) bookings.book(candidates[o][0]);
      repairByChains(problem, candidates, bookings);
      return bookings.bookedMinutes(0);
    };
    expect([served(MAX_CHAIN_SEARCH - 1), served(MAX_CHAIN_SEARCH)]).toEqual([240, 0]);
  });

  it('takes a seat from an order that loses fewer owed minutes than the chain gains', () => {
    const problem = world(
      [order('a', 240), order('b', 300)],
      [shift('s0', 'x', '2026-12-01', '08:00', 1), shift('s1', 'x', '2026-12-02', '08:00', 1)],
    );
    const { table, lists: candidates } = candidatesOf(problem, [[0], [0, 1]]);
    const bookings = new Bookings(problem, table);
    bookings.book(candidates[1][0]);
    bookings.book(candidates[1][1]);
    repairByChains(problem, candidates, bookings);
    expect([shiftsOf(bookings, 0), shiftsOf(bookings, 1)]).toEqual([[0], [1]]);
    expect(counted(problem, bookings)).toBe(480);
  });

  it('never lowers the owed minutes booked, keeps seats and the same-day policy, and stays within the optimum (300 random cases)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = seededRandom(seed);
      const draw = (below: number) => Math.floor(next() * below);
      const policy: SameDayPolicy = seed % 2 === 0 ? 'same_site' : 'one_shift';
      const shifts = Array.from({ length: 2 + draw(4) }, (_, s) =>
        shift(`s${s}`, `site${draw(2)}`, `2026-12-0${1 + draw(2)}`, draw(2) === 0 ? '08:00' : '13:00', 1 + draw(2)),
      );
      const orders = Array.from({ length: 1 + draw(3) }, (_, o) => order(`o${o}`, 60 * (2 + draw(12))));
      const problem = world(orders, shifts, policy);
      const { table, lists: candidates } = candidatesOf(
        problem,
        orders.map(() => shifts.flatMap((_, s) => (next() < 0.6 ? [s] : []))),
      );
      const bookings = new Bookings(problem, table);
      for (const o of [...orders.keys()].sort(() => next() - 0.5)) fillGreedily(candidates[o], bookings);
      const before = counted(problem, bookings);
      repairByChains(problem, candidates, bookings);
      const after = counted(problem, bookings);
      expect({ seed, gained: after >= before }).toEqual({ seed, gained: true });
      expect({ seed, seats: bookings.seats.every((left) => left >= 0) }).toEqual({ seed, seats: true });
      orders.forEach((o, i) => {
        const booked = bookings.byOrder.get(i) ?? [];
        booked.forEach((c, k) => {
          const earlier = booked.slice(0, k).filter((other) => table.day[other] === table.day[c]);
          const refusal = sameDayRefusal(
            policy,
            earlier.map((other) => dayShift(shifts[table.shift[other]])),
            dayShift(shifts[table.shift[c]]),
            o.maxHoursPerDay * 60,
          );
          expect({ seed, refusal }).toEqual({ seed, refusal: null });
        });
      });
      const all = candidates.flatMap((list) => [...list]);
      expect({ seed, within: after <= optimum(problem, table, all) }).toEqual({ seed, within: true });
    }
  });
});

/** The most owed minutes any set of candidates books within seats and the same-day policy: every set tried. */
function optimum(problem: PlanningProblem, table: Candidates, all: Candidate[]): number {
  let best = 0;
  const bookings = new Bookings(problem, table);
  const visit = (i: number) => {
    if (i === all.length) {
      best = Math.max(best, counted(problem, bookings));
      return;
    }
    visit(i + 1);
    if (bookings.canBook(all[i])) {
      bookings.book(all[i]);
      visit(i + 1);
      bookings.unbook(all[i]);
    }
  };
  visit(0);
  return best;
}
