import { parentPort } from 'node:worker_threads';
import { packedBuffers, packPlan } from './packed-plan.js';
import { planOrders } from './planner.js';
import type { PlanningProblem } from './planning.types.js';
import { WARMED_UP, warmUpProblem } from './warm-up.js';

parentPort?.on('message', (problem: PlanningProblem) => {
  const packed = packPlan(problem, planOrders(problem));
  parentPort?.postMessage(packed, packedBuffers(packed));
});
// A planning that comes meanwhile waits for this one: it then runs compiled code.
planOrders(warmUpProblem());
parentPort?.postMessage(WARMED_UP);
