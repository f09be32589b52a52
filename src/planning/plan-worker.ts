import { parentPort } from 'node:worker_threads';
import { planOrders } from './planner.js';
import type { PlanningProblem } from './planning.types.js';

parentPort?.on('message', (problem: PlanningProblem) => parentPort?.postMessage(planOrders(problem)));
