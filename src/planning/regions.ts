import { groupBy } from '../common/collections.js';
import { DisjointSets } from './disjoint-sets.js';
import type { PlanningProblem, PlanResult } from './planning.types.js';
import { DEFAULT_SAME_DAY_POLICY } from './same-day.rules.js';
import { SiteGrid } from './site-grid.js';

/**
 * The problem cut into regions that share no site: orders and sites are joined when a site is within reach of a
 * home (cities, in practice). Each region keeps only its own sites and shifts, so it can be planned alone; the
 * orders without a home form one region without sites. Regions come in the order of their first order.
 */
export function splitByRegion(problem: PlanningProblem): PlanningProblem[] {
  const orders = problem.orders.length;
  const sets = new DisjointSets(orders + problem.sites.length);
  const grid = new SiteGrid(problem.sites, problem.maxTravelMeters);
  problem.orders.forEach((order, o) => {
    const home = order.person.home;
    if (!home) return;
    for (const { site } of grid.within(home)) sets.join(o, orders + site);
  });
  const regions = new Map<number, { orders: number[]; sites: number[] }>();
  const regionOf = (x: number) => {
    const key = problem.orders[x]?.person.home === null ? -1 : sets.root(x);
    let region = regions.get(key);
    if (!region) regions.set(key, (region = { orders: [], sites: [] }));
    return region;
  };
  problem.orders.forEach((_, o) => regionOf(o).orders.push(o));
  problem.sites.forEach((_, s) => {
    const region = regions.get(sets.root(orders + s));
    if (region) region.sites.push(s);
  });
  const shiftsBySite = groupBy(problem.shifts, (shift) => shift.siteId);
  return [...regions.values()].map((region) => {
    const sites = region.sites.map((s) => problem.sites[s]);
    return withParts(problem, {
      orders: region.orders.map((o) => problem.orders[o]),
      sites,
      shifts: sites.flatMap((site) => shiftsBySite.get(site.id) ?? []),
    });
  });
}

/** One problem made of several regions. */
export function joinRegions(problem: PlanningProblem, regions: PlanningProblem[]): PlanningProblem {
  return withParts(problem, {
    orders: regions.flatMap((region) => region.orders),
    sites: regions.flatMap((region) => region.sites),
    shifts: regions.flatMap((region) => region.shifts),
  });
}

/**
 * The problem with other orders, sites or shifts, built as one object literal: a spread (`{ ...problem }`) gave the
 * regions of one planning objects of several layouts (V8's maps), and the planner's code compiled for one was thrown
 * away at the next (S2: a later planning of the same problem took 0.27 to 0.62 s, now 0.25 to 0.35 s).
 */
export function withParts(
  problem: PlanningProblem,
  parts: Partial<Pick<PlanningProblem, 'orders' | 'sites' | 'shifts'>>,
): PlanningProblem {
  // Required: a field added to PlanningProblem fails to compile here until it is copied.
  const whole: Required<PlanningProblem> = {
    now: problem.now,
    orders: parts.orders ?? problem.orders,
    sites: parts.sites ?? problem.sites,
    shifts: parts.shifts ?? problem.shifts,
    maxTravelMeters: problem.maxTravelMeters,
    sameDay: problem.sameDay ?? DEFAULT_SAME_DAY_POLICY,
  };
  return whole;
}

/** The plans of parts of a problem as one plan, its outcomes in the problem's order of orders. */
export function mergeResults(problem: PlanningProblem, results: PlanResult[]): PlanResult {
  const outcomeOf = new Map(results.flatMap((result) => result.outcomes.map((outcome) => [outcome.orderId, outcome])));
  return {
    bookings: results.flatMap((result) => result.bookings),
    outcomes: problem.orders.map((order) => outcomeOf.get(order.id)!),
    plannedMinutes: results.reduce((sum, result) => sum + result.plannedMinutes, 0),
    upperBoundMinutes: results.reduce((sum, result) => sum + result.upperBoundMinutes, 0),
    travelMeters: results.reduce((sum, result) => sum + result.travelMeters, 0),
  };
}
