import type { PlanningProblem } from '../../src/planning/planning.types.js';
import type { SameDayPolicy } from '../../src/planning/same-day.rules.js';
import { cities } from './geography.js';
import { loadHorizon } from './horizon.js';
import { generateOrders } from './orders.js';
import { Random } from './random.js';
import type { Scale } from './scales.js';
import { rollOutShifts, usableCapacityMinutes } from './schedule.js';
import { generateSites } from './sites.js';

export interface Instance {
  problem: PlanningProblem;
  requiredMinutes: number;
  /** Seats × planned minutes of the shifts that can be booked at all. */
  capacityMinutes: number;
}

/** POLICY value for the benchmark: sites within 12 km of home. */
const MAX_TRAVEL_METERS = 12_000;

/** The same scale, load and seed always give the same instance; persons and sites do not depend on the load. */
export async function generateInstance(
  scale: Scale,
  load: number,
  seed: number,
  sameDay: SameDayPolicy,
): Promise<Instance> {
  const horizon = await loadHorizon(scale.days);
  const places = cities(scale.cities);
  const sites = generateSites(new Random(seed, 'sites'), scale.sites, places, horizon, scale.family);
  const orders = generateOrders(new Random(seed, 'orders'), scale.persons, places, horizon);
  const requiredMinutes = orders.reduce((sum, order) => sum + order.needMinutes, 0);
  const shifts = rollOutShifts(new Random(seed, 'shifts'), sites, horizon, requiredMinutes / load);
  return {
    problem: {
      now: horizon.now,
      orders,
      sites: sites.map(({ site }) => site),
      shifts,
      maxTravelMeters: MAX_TRAVEL_METERS,
      sameDay,
    },
    requiredMinutes,
    capacityMinutes: usableCapacityMinutes(sites, shifts),
  };
}
