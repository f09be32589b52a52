import { orderDay, type Candidate } from './candidates.js';
import { WEIGHTS } from './objective.js';
import { MinCostFlow } from './min-cost-flow.js';
import type { PlanningProblem } from './planning.types.js';

export interface RelaxedPlan {
  /** The flow's unit in minutes when it is not one booking: the greatest common divisor of the lengths. */
  quantum: number | null;
  /** Units of flow on each candidate, in the order given. */
  units: number[];
}

/**
 * The planning problem of one group of orders as a min-cost flow: need → order → order's day (one trip) →
 * shift → seats → sink, and from each need straight to the sink at the price of the minutes left unbooked.
 * The flow's unit is one booking when each order of the group has shifts of one length (then the flow is
 * integral and the plan exact), else the greatest common divisor of the lengths: the flow may then split a day
 * or a seat, and rounding turns it into whole bookings.
 */
export function solveRelaxed(problem: PlanningProblem, orders: number[], candidates: Candidate[]): RelaxedPlan {
  const lengths = new Map<number, Set<number>>();
  for (const c of candidates) {
    const set = lengths.get(c.order) ?? new Set<number>();
    set.add(problem.shifts[c.shift].plannedMinutes);
    lengths.set(c.order, set);
  }
  const perBooking = [...lengths.values()].every((set) => set.size === 1);
  const quantum = perBooking ? 0 : candidates.reduce((g, c) => gcd(g, problem.shifts[c.shift].plannedMinutes), 0);
  const unitsOf = (minutes: number) => (perBooking ? 1 : minutes / quantum);
  const unitMinutes = (order: number) => (perBooking ? [...lengths.get(order)!][0] : quantum);

  const SINK = 0;
  let nodes = 1;
  const orderNode = new Map<number, number>();
  for (const o of orders) orderNode.set(o, nodes++);
  const shiftNode = new Map<number, number>();
  for (const c of candidates) if (!shiftNode.has(c.shift)) shiftNode.set(c.shift, nodes++);
  const costs = candidates.map((c) => Math.round(c.cost / unitsOf(problem.shifts[c.shift].plannedMinutes)));
  // An order's day with several candidates gets a node (one trip); it costs what its cheapest shift costs, so a
  // search reaches the cheap days first and stops early.
  const days = new Map<number, { order: number; count: number; capacity: number; cost: number; node: number }>();
  candidates.forEach((c, i) => {
    const day = days.get(orderDay(c)) ?? { order: c.order, count: 0, capacity: 0, cost: Infinity, node: -1 };
    day.count++;
    day.capacity = Math.max(day.capacity, unitsOf(problem.shifts[c.shift].plannedMinutes));
    day.cost = Math.min(day.cost, costs[i]);
    days.set(orderDay(c), day);
  });
  for (const day of days.values()) if (day.count > 1) day.node = nodes++;
  const restNode = new Map<number, number>();
  for (const o of orders) if (problem.orders[o].needMinutes % unitMinutes(o) > 0) restNode.set(o, nodes++);

  const network = new MinCostFlow(nodes, SINK);
  for (const o of orders) {
    const unit = unitMinutes(o);
    const need = problem.orders[o].needMinutes;
    const node = orderNode.get(o)!;
    network.addSupply(node, Math.floor(need / unit));
    network.addArc(node, SINK, Math.floor(need / unit), WEIGHTS.valuePerMinute * unit);
    const rest = restNode.get(o);
    if (rest !== undefined) {
      network.addSupply(rest, 1);
      network.addArc(rest, node, 1, 0);
      network.addArc(rest, SINK, 1, WEIGHTS.valuePerMinute * (need % unit));
    }
  }
  for (const day of days.values())
    if (day.node >= 0) network.addArc(orderNode.get(day.order)!, day.node, day.capacity, day.cost);
  const arcs = candidates.map((c, i) => {
    const day = days.get(orderDay(c))!;
    const units = unitsOf(problem.shifts[c.shift].plannedMinutes);
    if (day.node < 0) return network.addArc(orderNode.get(c.order)!, shiftNode.get(c.shift)!, units, costs[i]);
    return network.addArc(day.node, shiftNode.get(c.shift)!, units, costs[i] - day.cost);
  });
  for (const [s, node] of shiftNode) {
    const shift = problem.shifts[s];
    const units = unitsOf(shift.plannedMinutes);
    const roomy = Math.ceil(shift.freeSeats / 2);
    network.addArc(node, SINK, roomy * units, 0);
    if (shift.freeSeats > roomy)
      network.addArc(node, SINK, (shift.freeSeats - roomy) * units, Math.round(WEIGHTS.crowdedSeat / units));
  }

  network.solve();
  return { quantum: perBooking ? null : quantum, units: arcs.map((arc) => network.flow(arc)) };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
