import { parentPort } from 'node:worker_threads';
import { planOrders } from './planner.js';
import type { PlanningProblem } from './planning.types.js';
import { WARMED_UP, warmUpProblem } from './warm-up.js';

parentPort?.on('message', (problem: PlanningProblem) => parentPort?.postMessage(planOrders(problem)));
// A planning that comes meanwhile waits for this one: it then runs compiled code.
planOrders(warmUpProblem());
parentPort?.postMessage(WARMED_UP);
