import type { WeeklyWindow } from '../assignments/booking.rules.js';
import type { PlanOrder, PlanningProblem, PlanShift, PlanSite } from './planning.types.js';

/** What a planner thread says when it has planned warmUpProblem. */
export const WARMED_UP = 'warmed-up';
/**
 * How many times a thread plans it (about 0.5 s of a core the first time, 0.15 s each next). Four, not two: a first
 * planning at M then took 0.95–1.0 s instead of 1.1 s; six gained nothing more (the next plannings: 0.7 s).
 */
export const WARM_UP_PLANNINGS = 4;

const CITIES = 12;
const SITES_PER_CITY = 3;
/** A city with more shifts a day than the same-day rules' first scratch arrays hold. */
const CROWDED_CITY_SITES = 10;
const ORDERS_PER_CITY = 30;
const DAYS = 70;
const FIRST_DAY = Date.UTC(2030, 0, 7);
const DAY_JOB: WeeklyWindow[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '07:00', to: '17:00' }));

/**
 * A made-up problem each planner thread plans as it starts (WARM_UP_PLANNINGS times, see plan-worker.ts), so that
 * a service's first real planning runs compiled code (a first planning took about twice as long as the next at M).
 * Small, but in many cities (regions planned apart), with days of one 8-hour shift or two 4-hour ones with a seat or
 * two (one city with many sites), children (after school too), worship, day jobs and later starts, so the planner's
 * functions run often enough, on every path, to be compiled whole: a path first taken in a real planning throws the
 * compiled function away.
 */
export function warmUpProblem(): PlanningProblem {
  const sites: PlanSite[] = [];
  const shifts: PlanShift[] = [];
  const orders: PlanOrder[] = [];
  for (let city = 0; city < CITIES; city++) {
    const lat = -7 + city * 0.5;
    const twoShifts = city % 2 === 1;
    const siteCount = city === 1 ? CROWDED_CITY_SITES : SITES_PER_CITY;
    for (let k = 0; k < siteCount; k++) {
      const siteId = `warm-up-${city}-${k}`;
      sites.push({
        id: siteId,
        location: { lat: lat + k * 0.01, lng: 110 },
        minorsAllowed: k < 2,
        agreement: { validFrom: '2030-01-01', validTo: '2030-12-31' },
        closedDates: k % 2 === 0 ? ['2030-01-22'] : [],
      });
      for (let day = 0; day < DAYS; day++) {
        const date = new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10);
        const times = !twoShifts
          ? [['08:00', '16:00']]
          : k % 2 === 0
            ? [
                ['08:00', '12:00'],
                ['13:00', '17:00'],
              ]
            : [
                ['10:00', '14:00'],
                ['14:00', '18:00'],
              ];
        times.forEach(([start, end], n) =>
          shifts.push({
            id: `${siteId}-${day}-${n}`,
            siteId,
            date,
            start,
            end,
            startsAt: new Date(`${date}T${start}:00+07:00`),
            plannedMinutes: twoShifts ? 240 : day % 3 === 0 ? 240 : 480,
            freeSeats: twoShifts ? 1 + ((day + n + k) % 2) : 2 + ((day + k) % 4),
            coordinated: true,
          }),
        );
      }
    }
    for (let n = 0; n < ORDERS_PER_CITY; n++) {
      const child = n % 10 === 0;
      orders.push({
        id: `warm-up-${city}-order-${n}`,
        regime: child ? 'child' : 'adult',
        needMinutes: (child ? 20 : 40 + ((n * 7) % 80)) * 60,
        maxHoursPerDay: child ? 4 : n % 2 === 0 ? 8 : 4,
        startDate: n % 4 === 1 ? '2030-01-21' : '2030-01-07',
        endDate: n % 4 === 0 ? '2030-02-28' : '2030-03-17',
        person: {
          religion: n % 5 === 0 ? 'protestant' : n % 7 === 3 ? null : 'islam',
          worshipDefaults: true,
          inSchool: child,
          unavailable: n % 3 === 0 && !child ? DAY_JOB : [],
          home: n === 1 ? null : { lat: lat + (n % 7) * 0.003, lng: 110 + (n % 5) * 0.003 },
          bookedDates: n % 6 === 0 ? ['2030-01-08'] : [],
        },
      });
    }
  }
  return { now: new Date('2030-01-01T00:00:00Z'), orders, sites, shifts, maxTravelMeters: 10_000 };
}
