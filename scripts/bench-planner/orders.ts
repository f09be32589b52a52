import type { WeeklyWindow } from '../../src/assignments/booking.rules.js';
import type { Regime } from '../../src/orders/order.rules.js';
import type { Religion } from '../../src/persons/person.entity.js';
import type { PlanOrder } from '../../src/planning/planning.types.js';
import { scatter, type City } from './geography.js';
import { plusMonths, type Horizon } from './horizon.js';
import type { Random } from './random.js';

const HOME_RADIUS_METERS = 10_000;
const WORKDAYS = [1, 2, 3, 4, 5];
/** People with a day job: evenings, Saturdays and Sundays only. */
const DAY_JOB: WeeklyWindow[] = WORKDAYS.map((weekday) => ({ weekday, from: '07:00', to: '17:00' }));
const WEEKENDS_ONLY: WeeklyWindow[] = WORKDAYS.map((weekday) => ({ weekday, from: '00:00', to: '23:59' }));

const AVAILABILITY: readonly (readonly [WeeklyWindow[], number])[] = [
  [[], 50],
  [DAY_JOB, 30],
  [WEEKENDS_ONLY, 20],
];
const RELIGIONS: readonly (readonly [Religion | null, number])[] = [
  ['islam', 82],
  ['protestant', 7],
  ['catholic', 4],
  ['hindu', 3],
  ['buddhist', 2],
  ['konghucu', 1],
  [null, 1],
];
const CHILD_SHARE = 0.05;
const NO_HOME_SHARE = 0.01;
const START_WITHIN_DAYS = 28;

/** One person and one order each, spread over the cities in turn. */
export function generateOrders(random: Random, persons: number, cities: City[], horizon: Horizon): PlanOrder[] {
  return Array.from({ length: persons }, (_, n) => {
    const regime: Regime = random.chance(CHILD_SHARE) ? 'child' : 'adult';
    const totalHours = regime === 'child' ? random.int(7, 120) : adultHours(random);
    const startDate = horizon.dates[random.int(0, START_WITHIN_DAYS - 1)];
    const periodEnd = plusMonths(startDate, random.int(3, 6));
    return {
      id: `o${n}`,
      regime,
      needMinutes: totalHours * 60,
      maxHoursPerDay: regime === 'child' ? random.int(3, 4) : random.pick([4, 8]),
      startDate,
      endDate: periodEnd < horizon.last ? periodEnd : horizon.last,
      person: {
        religion: random.weighted(RELIGIONS),
        worshipDefaults: true,
        inSchool: regime === 'child' && random.chance(0.85),
        unavailable: regime === 'child' ? [] : random.weighted(AVAILABILITY),
        home: random.chance(NO_HOME_SHARE)
          ? null
          : scatter(random, cities[n % cities.length].centre, HOME_RADIUS_METERS),
        bookedDates: [],
      },
    };
  });
}

/** short, middling and long sentences. */
function adultHours(random: Random): number {
  const [min, max] = random.weighted([
    [[8, 40], 40],
    [[41, 120], 35],
    [[121, 240], 25],
  ] as const);
  return random.int(min, max);
}
