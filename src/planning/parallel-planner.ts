import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { planOrders } from './planner.js';
import type { PlanningProblem, PlanResult } from './planning.types.js';
import { joinRegions, mergeResults, splitByRegion } from './regions.js';

/** Below this many orders one thread plans faster than several can start. */
export const PARALLEL_FROM_ORDERS = 2_000;

/**
 * Plans a large problem on several threads: the regions (cities) are dealt out to the threads and the plans put
 * back together in the problem's order. Small problems are planned on this thread.
 */
export async function planInParallel(problem: PlanningProblem, threads = availableParallelism()): Promise<PlanResult> {
  if (threads < 2 || problem.orders.length < PARALLEL_FROM_ORDERS) return planOrders(problem);
  // The workers start (load their modules) while this thread splits the problem.
  const workers = Array.from({ length: threads - 1 }, () => new Worker(new URL('./plan-worker.js', import.meta.url)));
  const [local, ...others] = splitIntoParts(problem, threads);
  for (const idle of workers.slice(others.length)) void idle.terminate();
  const planned = others.map((part, i) => inWorker(workers[i], part));
  return mergeResults(problem, [planOrders(local), ...(await Promise.all(planned))]);
}

/** The regions dealt out to at most `threads` parts, the largest first onto the part with the fewest orders. */
export function splitIntoParts(problem: PlanningProblem, threads: number): PlanningProblem[] {
  const parts = Array.from({ length: threads }, () => [] as PlanningProblem[]);
  const size = (part: PlanningProblem[]) => part.reduce((sum, region) => sum + region.orders.length, 0);
  const regions = splitByRegion(problem).map((region, index) => ({ region, index }));
  for (const { region } of regions.sort(
    (a, b) => b.region.orders.length - a.region.orders.length || a.index - b.index,
  )) {
    parts.reduce((lightest, part) => (size(part) < size(lightest) ? part : lightest)).push(region);
  }
  return parts.filter((part) => part.length > 0).map((part) => joinRegions(problem, part));
}

function inWorker(worker: Worker, problem: PlanningProblem): Promise<PlanResult> {
  return new Promise((resolve, reject) => {
    worker.once('message', (result: PlanResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(problem);
  });
}
