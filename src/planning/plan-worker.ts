import { parentPort } from 'node:worker_threads';
import { packPlan } from './packed-plan.js';
import { planOrders } from './planner.js';
import type { PlanningProblem } from './planning.types.js';
import { WARM_UP_PLANNINGS, WARMED_UP, warmUpProblem } from './warm-up.js';

parentPort?.on('message', (problem: PlanningProblem) => {
  // Copied, not transferred: the first ArrayBuffer a thread detaches throws away all its compiled code that reads
  // typed arrays (V8 then compiles it anew with checks for detached buffers), so the next planning ran cold.
  parentPort?.postMessage(packPlan(problem, planOrders(problem)));
});
// A planning that comes meanwhile waits for these: it then runs compiled code. The warm-up's strings are made as a
// message's are (a literal is another kind of string to V8, and code compiled on one kind is thrown away on meeting
// the other); planned WARM_UP_PLANNINGS times, since the first planning runs mostly while its functions are being
// compiled, and a function called only once a region is compiled whole only after a few dozen calls.
const warmUp = warmUpProblem();
for (let n = 0; n < WARM_UP_PLANNINGS; n++) planOrders(structuredClone(warmUp));
parentPort?.postMessage(WARMED_UP);
