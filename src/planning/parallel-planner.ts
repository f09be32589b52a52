import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { planOrders } from './planner.js';
import type { PlanningProblem, PlanResult } from './planning.types.js';
import { joinRegions, mergeResults, splitByRegion } from './regions.js';

const WORKER_SCRIPT = new URL('./plan-worker.js', import.meta.url);
/**
 * Whether the worker's script is there: it is in the built service; the test runner runs the TypeScript sources,
 * where plannings run on the calling thread (test/plan-workers.spec.ts runs the built one on its threads).
 */
const BUILT = existsSync(fileURLToPath(WORKER_SCRIPT));

/** Below this many orders one thread plans faster than several can start. */
export const PARALLEL_FROM_ORDERS = 2_000;

/**
 * Plans off the caller's thread, so a service's event loop keeps answering (a roll-call, a booking) while a Bapas's
 * plan is made: a problem of fewer than PARALLEL_FROM_ORDERS orders on one worker thread. A larger one (a province,
 * the country) uses every core, this thread too: its regions (cities) are dealt out to the threads and the plans put
 * back together in the problem's order.
 */
export async function planInParallel(problem: PlanningProblem, threads = availableParallelism()): Promise<PlanResult> {
  if (!BUILT) return planOrders(problem);
  if (threads < 2 || problem.orders.length < PARALLEL_FROM_ORDERS) return inWorker(planWorkers.take(), problem);
  // The workers are taken (a new one loads its modules) while this thread splits the problem.
  const workers = Array.from({ length: threads - 1 }, () => planWorkers.take());
  const [local, ...others] = splitIntoParts(problem, threads);
  for (const idle of workers.slice(others.length)) planWorkers.give(idle);
  const planned = others.map((part, i) => inWorker(workers[i], part));
  return mergeResults(problem, [planOrders(local), ...(await Promise.all(planned))]);
}

/**
 * The planner's worker threads, kept between plannings: a new thread compiles the planner as it plans, a kept one
 * has it compiled (at M a second planning takes half the time). At most one thread a spare core (at least one) is kept, for
 * IDLE_MS after its last planning (its heap is let go then), unreferenced, so an idle pool never holds the process
 * open.
 */
class PlanWorkers {
  private readonly idle: { worker: Worker; expiry: NodeJS.Timeout }[] = [];

  take(): Worker {
    const kept = this.idle.pop();
    if (!kept) return new Worker(WORKER_SCRIPT);
    clearTimeout(kept.expiry);
    kept.worker.ref();
    return kept.worker;
  }

  give(worker: Worker): void {
    if (this.idle.length >= Math.max(1, availableParallelism() - 1)) {
      void worker.terminate();
      return;
    }
    worker.unref();
    const expiry = setTimeout(() => {
      this.idle.splice(
        this.idle.findIndex((kept) => kept.worker === worker),
        1,
      );
      void worker.terminate();
    }, IDLE_MS).unref();
    this.idle.push({ worker, expiry });
  }

  /** The kept threads, by id. */
  idleThreads(): number[] {
    return this.idle.map((kept) => kept.worker.threadId);
  }

  /** Ends the kept threads (the service's shutdown). */
  async close(): Promise<void> {
    const kept = this.idle.splice(0);
    for (const { expiry } of kept) clearTimeout(expiry);
    await Promise.all(kept.map(({ worker }) => worker.terminate()));
  }
}

/** How long a worker thread is kept after its last planning. */
const IDLE_MS = 10 * 60_000;

export const planWorkers = new PlanWorkers();

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

/** The part planned on the worker, which goes back to the pool; a worker that failed is ended instead. */
function inWorker(worker: Worker, problem: PlanningProblem): Promise<PlanResult> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => {
      worker.off('message', planned);
      void worker.terminate();
      reject(error);
    };
    const planned = (result: PlanResult) => {
      worker.off('error', failed);
      planWorkers.give(worker);
      resolve(result);
    };
    worker.once('message', planned);
    worker.once('error', failed);
    worker.postMessage(problem);
  });
}
