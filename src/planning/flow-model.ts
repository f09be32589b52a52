import type { Candidates } from './candidates.js';
import { gathered } from './columns.js';
import { WEIGHTS } from './objective.js';
import { groupByKey } from './groups.js';
import { MinCostFlow } from './min-cost-flow.js';
import type { PlanningProblem } from './planning.types.js';
import { dayCapMinutes, dayShiftsOf, DEFAULT_SAME_DAY_POLICY, mostMinutesOf } from './same-day.rules.js';

export interface RelaxedPlan {
  /** The flow's unit in minutes when it is not one booking: the greatest common divisor of the lengths. */
  quantum: number | null;
  /** Units of flow on each candidate, in the order given. */
  units: Int32Array;
}

/**
 * The planning problem of one group of orders as a min-cost flow: need → order → order's day → shift → seats →
 * sink, and from each need straight to the sink at the price of the minutes left unbooked. A day carries one
 * shift (POLICY one_shift) or, under same_site, what its best set of shifts at one site gives within the day's
 * cap, the units past the first shift at the price of a second shift. The flow's unit is one booking when each order of the group has shifts of one length, else
 * the greatest common divisor of the lengths. The flow may split a day between sites or overlapping shifts, or
 * split a seat; rounding turns it into whole bookings the policy allows. The candidates (`group`, numbers in
 * `candidates`) come grouped by order.
 */
export function solveRelaxed(
  problem: PlanningProblem,
  orders: number[],
  candidates: Candidates,
  group: Int32Array,
): RelaxedPlan {
  const { shifts } = problem;
  const policy = problem.sameDay ?? DEFAULT_SAME_DAY_POLICY;
  const count = group.length;
  const { order: orderOf, shift: shiftOf, day: dayOfCandidate, cost: costOf } = candidates;
  const length = new Float64Array(count);
  /** Per order the length of its first candidate's shift; 0 before it has one. */
  const firstLength = new Float64Array(problem.orders.length);
  let perBooking = true;
  let quantum = 0;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (let i = 0; i < count; i++) {
    const c = group[i];
    const day = dayOfCandidate[c];
    const minutes = (length[i] = shifts[shiftOf[c]].plannedMinutes);
    const known = firstLength[orderOf[c]];
    if (known === 0) firstLength[orderOf[c]] = minutes;
    else if (known !== minutes) perBooking = false;
    if (minutes !== quantum) quantum = gcd(quantum, minutes);
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
  }
  // Arrays, not closures over this call: a closure is a new function each call, which the compiled code of the
  // call before does not expect (a deoptimisation a group, 20 a planning at M).
  /** Per candidate its units of flow; per order the minutes of its unit. */
  const units = new Float64Array(count);
  for (let i = 0; i < count; i++) units[i] = perBooking ? 1 : length[i] / quantum;
  const unitMinutes = new Float64Array(problem.orders.length);
  for (const o of orders) unitMinutes[o] = perBooking ? firstLength[o] : quantum;

  const SINK = 0;
  let nodes = 1;
  const orderNode = new Int32Array(problem.orders.length);
  for (const o of orders) orderNode[o] = nodes++;
  const shiftNode = new Int32Array(shifts.length).fill(-1);
  const costs = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const c = group[i];
    if (shiftNode[shiftOf[c]] < 0) shiftNode[shiftOf[c]] = nodes++;
    costs[i] = Math.round(costOf[c] / units[i]);
  }

  // An order's day with several candidates gets a node; it costs what its cheapest shift costs, so a search
  // reaches the cheap days first and stops early.
  const dayOf = new Int32Array(count);
  const day = {
    order: new Int32Array(count),
    first: new Int32Array(count),
    count: new Int32Array(count),
    single: new Float64Array(count),
  };
  const dayCost = new Float64Array(count);
  const dayUnits = new Float64Array(count);
  /** Per date of the group, the current order's day on it, valid while its stamp is the order's. */
  const span = count > 0 ? lastDay - firstDay + 1 : 0;
  const dayIndex = new Int32Array(span);
  const dayStamp = new Int32Array(span).fill(-1);
  let days = 0;
  for (let i = 0; i < count; i++) {
    const o = orderOf[group[i]];
    const at = dayOfCandidate[group[i]] - firstDay;
    let d = dayIndex[at];
    if (dayStamp[at] !== o) {
      d = days++;
      dayStamp[at] = o;
      dayIndex[at] = d;
      day.order[d] = o;
      day.first[d] = i;
      dayCost[d] = Infinity;
    }
    dayOf[i] = d;
    day.count[d]++;
    day.single[d] = Math.max(day.single[d], units[i]);
    dayUnits[d] += units[i];
    dayCost[d] = Math.min(dayCost[d], costs[i]);
  }
  const dayNode = new Int32Array(days).fill(-1);
  for (let d = 0; d < days; d++) if (day.count[d] > 1) dayNode[d] = nodes++;
  const restNode = new Int32Array(problem.orders.length);
  for (const o of orders) if (problem.orders[o].needMinutes % unitMinutes[o] > 0) restNode[o] = nodes++;

  const network = new MinCostFlow(nodes, SINK, 2 * orders.length + 3 * nodes + count);
  for (const o of orders) {
    const unit = unitMinutes[o];
    const need = problem.orders[o].needMinutes;
    const node = orderNode[o];
    network.addSupply(node, Math.floor(need / unit));
    network.addArc(node, SINK, Math.floor(need / unit), WEIGHTS.valuePerMinute * unit);
    const rest = restNode[o];
    if (rest > 0) {
      network.addSupply(rest, 1);
      network.addArc(rest, node, 1, 0);
      network.addArc(rest, SINK, 1, WEIGHTS.valuePerMinute * (need % unit));
    }
  }
  const dayCapacity =
    policy === 'one_shift'
      ? day.single
      : sameDayCapacities(
          problem,
          gathered(candidates.shift, group),
          { ...day, days, dayOf, dayNode, dayUnits },
          unitMinutes,
        );
  for (let d = 0; d < days; d++) {
    if (dayNode[d] < 0) continue;
    const from = orderNode[day.order[d]];
    network.addArc(from, dayNode[d], day.single[d], dayCost[d]);
    const second = WEIGHTS.secondShiftPerMinute * unitMinutes[day.order[d]];
    if (dayCapacity[d] > day.single[d])
      network.addArc(from, dayNode[d], dayCapacity[d] - day.single[d], dayCost[d] + second);
  }
  const deferred = pastTheFirstFew(problem, candidates, group, units, unitMinutes);
  const arcs = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const c = group[i];
    const d = dayOf[i];
    arcs[i] =
      dayNode[d] < 0
        ? network.addArc(orderNode[orderOf[c]], shiftNode[shiftOf[c]], units[i], costs[i], deferred[i] === 1)
        : network.addArc(dayNode[d], shiftNode[shiftOf[c]], units[i], costs[i] - dayCost[d], deferred[i] === 1);
  }
  for (let s = 0; s < shifts.length; s++) {
    const node = shiftNode[s];
    if (node < 0) continue;
    const shift = shifts[s];
    const unitsOfShift = perBooking ? 1 : shift.plannedMinutes / quantum;
    const roomy = Math.ceil(shift.freeSeats / 2);
    network.addArc(node, SINK, roomy * unitsOfShift, 0);
    if (shift.freeSeats > roomy)
      network.addArc(
        node,
        SINK,
        (shift.freeSeats - roomy) * unitsOfShift,
        Math.round(WEIGHTS.crowdedSeat / unitsOfShift),
      );
  }

  network.solve();
  const flows = new Int32Array(count);
  for (let i = 0; i < count; i++) flows[i] = network.flow(arcs[i]);
  return { quantum: perBooking ? null : quantum, units: flows };
}

/**
 * How many times its need an order's first candidates cover among the arcs priced from the start; the rest wait
 * until they pay. 3 read the fewest arcs on the benchmark's networks (2 to 5 differ little).
 */
const PRICED_NEEDS = 3;

/** An order's days, as solveRelaxed numbers them. */
interface Days {
  days: number;
  order: Int32Array;
  /** Each day's first candidate, its candidates' count and the units of its longest shift. */
  first: Int32Array;
  count: Int32Array;
  single: Float64Array;
  /** Each candidate's day; each day's node (-1 for a day of one candidate) and its candidates' units summed. */
  dayOf: Int32Array;
  dayNode: Int32Array;
  dayUnits: Float64Array;
}

/** Under same_site, the units of the best set of a day's shifts at one site within the day's cap. */
function sameDayCapacities(
  problem: PlanningProblem,
  shiftOf: Int32Array,
  day: Days,
  unitMinutes: Float64Array,
): Float64Array {
  const { shifts } = problem;
  const policy = problem.sameDay ?? DEFAULT_SAME_DAY_POLICY;
  const capacities = day.single.slice(0, day.days);
  const { first, items: members } = groupByKey(day.dayOf, day.days, shiftOf);
  const dayShifts = dayShiftsOf(shifts);
  for (let d = 0; d < day.days; d++) {
    if (day.dayNode[d] < 0 || day.dayUnits[d] <= day.single[d]) continue;
    const o = day.order[d];
    const cap = dayCapMinutes(problem.orders[o], shifts[shiftOf[day.first[d]]].date);
    if (Math.floor(cap / unitMinutes[o]) <= day.single[d]) continue;
    const own = members.subarray(first[d], first[d + 1]);
    const most = mostMinutesOf(policy, dayShifts, own, own.length, cap);
    capacities[d] = Math.max(day.single[d], Math.floor(most / unitMinutes[o]));
  }
  return capacities;
}

/**
 * Per order, the candidates past the first that could book PRICED_NEEDS times its need: priced only if they pay.
 * An order's candidates come nearest site first, then by date, so the first are about its cheapest.
 */
function pastTheFirstFew(
  problem: PlanningProblem,
  candidates: Candidates,
  group: Int32Array,
  units: Float64Array,
  unitMinutes: Float64Array,
): Uint8Array {
  const deferred = new Uint8Array(group.length);
  let order = -1;
  let room = 0;
  for (let i = 0; i < group.length; i++) {
    const o = candidates.order[group[i]];
    if (o !== order) {
      order = o;
      room = PRICED_NEEDS * Math.ceil(problem.orders[o].needMinutes / unitMinutes[o]);
    }
    if (room <= 0) deferred[i] = 1;
    room -= units[i];
  }
  return deferred;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
