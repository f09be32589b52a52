import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { distanceMeters } from '../common/geo.js';
import { planOrders } from './planner.js';
import type { PlanningProblem, PlanResult } from './planning.types.js';

/** Below this many orders one thread plans faster than several can start. */
export const PARALLEL_FROM_ORDERS = 2_000;

/**
 * Plans a large problem on several threads: orders and sites within reach of each other form regions that share
 * no shift (cities), the regions are dealt out to the threads, and the plans are put back together in the
 * problem's order. Small problems are planned on this thread.
 */
export async function planInParallel(problem: PlanningProblem, threads = availableParallelism()): Promise<PlanResult> {
  if (threads < 2 || problem.orders.length < PARALLEL_FROM_ORDERS) return planOrders(problem);
  const [local, ...others] = splitIntoParts(problem, threads);
  const planned = others.map(inWorker);
  const results = [planOrders(local), ...(await Promise.all(planned))];
  const outcomeOf = new Map(results.flatMap((result) => result.outcomes.map((outcome) => [outcome.orderId, outcome])));
  return {
    bookings: results.flatMap((result) => result.bookings),
    outcomes: problem.orders.map((order) => outcomeOf.get(order.id)!),
    plannedMinutes: results.reduce((sum, result) => sum + result.plannedMinutes, 0),
    upperBoundMinutes: results.reduce((sum, result) => sum + result.upperBoundMinutes, 0),
    travelMeters: results.reduce((sum, result) => sum + result.travelMeters, 0),
  };
}

/** The problem cut into at most `threads` parts that share no site, each with only its own sites and shifts. */
export function splitIntoParts(problem: PlanningProblem, threads: number): PlanningProblem[] {
  return dealOut(problem, regions(problem), threads);
}

/** The region of each order and each site: orders and sites are joined when a site is within reach of a home. */
function regions(problem: PlanningProblem): { ofOrder: number[]; ofSite: number[] } {
  const orders = problem.orders.length;
  const parent = Array.from({ length: orders + problem.sites.length }, (_, i) => i);
  const root = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const cell = problem.maxTravelMeters / 111_000;
  const sitesByCell = new Map<string, number[]>();
  problem.sites.forEach((site, s) => {
    const key = `${Math.floor(site.location.lat / cell)}:${Math.floor(site.location.lng / cell)}`;
    const list = sitesByCell.get(key);
    if (list) list.push(s);
    else sitesByCell.set(key, [s]);
  });
  problem.orders.forEach((order, o) => {
    const home = order.person.home;
    if (!home) return;
    const row = Math.floor(home.lat / cell);
    const column = Math.floor(home.lng / cell);
    for (let r = row - 2; r <= row + 2; r++) {
      for (let c = column - 2; c <= column + 2; c++) {
        for (const s of sitesByCell.get(`${r}:${c}`) ?? []) {
          if (distanceMeters(home, problem.sites[s].location) <= problem.maxTravelMeters) parent[root(o)] = root(orders + s);
        }
      }
    }
  });
  return { ofOrder: problem.orders.map((_, o) => root(o)), ofSite: problem.sites.map((_, s) => root(orders + s)) };
}

/** Regions to threads, the largest first onto the least loaded; each part keeps only its sites and shifts. */
function dealOut(problem: PlanningProblem, region: { ofOrder: number[]; ofSite: number[] }, threads: number): PlanningProblem[] {
  const members = new Map<number, number[]>();
  region.ofOrder.forEach((r, o) => {
    const list = members.get(r);
    if (list) list.push(o);
    else members.set(r, [o]);
  });
  const parts = Array.from({ length: threads }, () => ({ orders: [] as number[], regions: new Set<number>() }));
  for (const [r, group] of [...members].sort(([, a], [, b]) => b.length - a.length || a[0] - b[0])) {
    const lightest = parts.reduce((best, part) => (part.orders.length < best.orders.length ? part : best));
    lightest.orders.push(...group);
    lightest.regions.add(r);
  }
  return parts
    .filter((part) => part.orders.length > 0)
    .map((part) => {
      const sites = problem.sites.filter((_, s) => part.regions.has(region.ofSite[s]));
      const siteIds = new Set(sites.map((site) => site.id));
      return {
        ...problem,
        orders: part.orders.sort((a, b) => a - b).map((o) => problem.orders[o]),
        sites,
        shifts: problem.shifts.filter((shift) => siteIds.has(shift.siteId)),
      };
    });
}

function inWorker(problem: PlanningProblem): Promise<PlanResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./plan-worker.js', import.meta.url));
    worker.once('message', (result: PlanResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(problem);
  });
}
