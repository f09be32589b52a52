import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type PackedPlan, unpackPlan } from './packed-plan.js';
import { planOrders } from './planner.js';
import type { PlanningProblem, PlanResult } from './planning.types.js';
import { joinRegions, mergeResults, splitByRegion } from './regions.js';
import { WARMED_UP } from './warm-up.js';

const WORKER_SCRIPT = new URL('./plan-worker.js', import.meta.url);
/**
 * Whether the worker's script is there: it is in the built service; the test runner runs the TypeScript sources,
 * where plannings run on the calling thread (test/plan-workers.spec.ts runs the built one on its threads).
 */
const BUILT = existsSync(fileURLToPath(WORKER_SCRIPT));

/** The threads kept for planning: one a core, so a large planning uses every core off the event loop. */
export function planningThreads(): number {
  return availableParallelism();
}

/** Below this many orders one thread plans faster than several can start. */
export const PARALLEL_FROM_ORDERS = 2_000;

/**
 * Plans off the caller's thread, so a service's event loop keeps answering (a roll-call, a booking) while a plan is
 * made: a Bapas's (fewer than PARALLEL_FROM_ORDERS orders) on one worker thread; a larger one (a province, the
 * country) on `threads` of them, its regions (cities) dealt out to the threads and the plans put back together in
 * the problem's order. Only warmed-up threads plan: when the calling thread planned a part, its code ran cold at
 * a service's first large planning (M: 1.7–1.8 s against 0.9–1.0 s the next time).
 */
export async function planInParallel(problem: PlanningProblem, threads = planningThreads()): Promise<PlanResult> {
  if (!BUILT) return planOrders(problem);
  if (threads < 2 || problem.orders.length < PARALLEL_FROM_ORDERS) return inWorker(planWorkers.take(), problem);
  // The workers are taken (a new one warms up) while this thread splits the problem.
  const workers = Array.from({ length: threads }, () => planWorkers.take());
  const parts = splitIntoParts(problem, threads);
  for (const idle of workers.slice(parts.length)) planWorkers.give(idle);
  return mergeResults(problem, await Promise.all(parts.map((part, i) => inWorker(workers[i], part))));
}

/**
 * The planner's worker threads. A new thread first plans a made-up problem (warmUpProblem), so its code is compiled
 * before a real planning comes; the service starts its threads at boot (start), and a thread is kept between
 * plannings. One used for a real planning is ended IDLE_MS after its last (its heap is let go) and, while the
 * service keeps threads ready, a new one takes its place. Idle threads are unreferenced: they never hold a process
 * open.
 */
class PlanWorkers {
  private readonly idle: { worker: Worker; expiry: NodeJS.Timeout | null }[] = [];
  /** Threads kept ready once the service has started them. */
  private ready = 0;
  /** Each started thread's warm-up, done or failed. */
  private readonly warmUps = new Map<Worker, Promise<void>>();

  /** Starts `count` threads, warming up from now on (a service's boot). Nothing where the planner is not built. */
  start(count = planningThreads()): void {
    if (!BUILT) return;
    this.ready = count;
    while (this.idle.length < count) this.idle.push({ worker: this.started(), expiry: null });
  }

  take(): Worker {
    const kept = this.idle.pop();
    if (!kept) return new Worker(WORKER_SCRIPT);
    if (kept.expiry) clearTimeout(kept.expiry);
    kept.worker.ref();
    return kept.worker;
  }

  give(worker: Worker): void {
    if (this.idle.length >= Math.max(this.ready, planningThreads())) {
      void worker.terminate();
      return;
    }
    worker.unref();
    const expiry = setTimeout(() => this.retire(worker), IDLE_MS).unref();
    this.idle.push({ worker, expiry });
  }

  /** When the threads started so far have warmed up. */
  async warm(): Promise<void> {
    await Promise.all(this.warmUps.values());
  }

  /** The kept threads, by id. */
  idleThreads(): number[] {
    return this.idle.map((kept) => kept.worker.threadId);
  }

  /** Ends the kept threads (the service's shutdown). */
  async close(): Promise<void> {
    this.ready = 0;
    const kept = this.idle.splice(0);
    for (const { expiry } of kept) if (expiry) clearTimeout(expiry);
    await Promise.all(kept.map(({ worker }) => worker.terminate()));
  }

  private started(): Worker {
    const worker = new Worker(WORKER_SCRIPT);
    worker.unref();
    // A thread that fails while idle (warming up) leaves the pool; one that fails planning is its caller's affair.
    worker.once('error', () => this.drop(worker));
    this.warmUps.set(worker, warmedUp(worker));
    worker.once('exit', () => this.warmUps.delete(worker));
    return worker;
  }

  private retire(worker: Worker): void {
    this.drop(worker);
    void worker.terminate();
    if (this.idle.length < this.ready) this.idle.push({ worker: this.started(), expiry: null });
  }

  private drop(worker: Worker): void {
    const at = this.idle.findIndex((kept) => kept.worker === worker);
    if (at >= 0) this.idle.splice(at, 1);
  }
}

/** Settles when the thread says it has warmed up, or when it ends (failed or ended meanwhile). */
function warmedUp(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      worker.off('message', heard);
      worker.off('exit', settle);
      resolve();
    };
    const heard = (message: unknown) => {
      if (message === WARMED_UP) settle();
    };
    worker.on('message', heard);
    worker.once('exit', settle);
  });
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
    const planned = (message: PackedPlan | typeof WARMED_UP) => {
      if (message === WARMED_UP) return;
      worker.off('message', planned);
      worker.off('error', failed);
      planWorkers.give(worker);
      resolve(unpackPlan(problem, message));
    };
    worker.on('message', planned);
    worker.once('error', failed);
    worker.postMessage(problem);
  });
}
