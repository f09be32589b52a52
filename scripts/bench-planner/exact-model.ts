import { groupBy } from '../../src/common/collections.js';
import type { PlanningProblem } from '../../src/planning/planning.types.js';
import type { Candidate } from './candidates.js';
import { LpWriter, type Term } from './lp-writer.js';

/** Column names: x<i> books candidate i; y<k> is the minutes counted for order k. */
export const bookingColumn = (candidate: number) => `x${candidate}`;
export const countedColumn = (order: number) => `y${order}`;

/**
 * Stage 1 of the exact plan: maximise Σ y_o, with y_o ≤ Σ plannedMinutes·x and y_o ≤ needMinutes, one trip per
 * order and date, and at most freeSeats bookings per shift. Rows that can't bind are left out.
 */
export function exactModelText(problem: PlanningProblem, candidates: Candidate[]): string {
  const orderNumber = new Map(problem.orders.map((order, k) => [order.id, k]));
  const byOrder = groupIndexes(candidates, (candidate) => candidate.order.id);
  const byTrip = groupIndexes(candidates, (candidate) => `${candidate.order.id} ${candidate.shift.date}`);
  const byShift = groupIndexes(candidates, (candidate) => candidate.shift.id);
  const counted = [...byOrder.keys()].map((orderId) => orderNumber.get(orderId) as number);
  const ones = (indexes: number[]): Term[] => indexes.map((i) => ({ coefficient: 1, variable: bookingColumn(i) }));

  const lp = new LpWriter();
  lp.section('Maximize');
  lp.objective(
    'counted',
    counted.map((k) => ({ coefficient: 1, variable: countedColumn(k) })),
  );
  lp.section('Subject To');
  for (const [orderId, indexes] of byOrder) {
    const k = orderNumber.get(orderId) as number;
    const planned = indexes.map((i) => ({
      coefficient: -candidates[i].shift.plannedMinutes,
      variable: bookingColumn(i),
    }));
    lp.constraint(`planned${k}`, [{ coefficient: 1, variable: countedColumn(k) }, ...planned], '<=', 0);
  }
  let trip = 0;
  for (const indexes of byTrip.values()) {
    if (indexes.length > 1) lp.constraint(`trip${trip++}`, ones(indexes), '<=', 1);
  }
  let shift = 0;
  for (const indexes of byShift.values()) {
    const freeSeats = candidates[indexes[0]].shift.freeSeats;
    if (indexes.length > freeSeats) lp.constraint(`seats${shift++}`, ones(indexes), '<=', freeSeats);
  }
  lp.section('Bounds');
  for (const k of counted) lp.bound(0, countedColumn(k), problem.orders[k].needMinutes);
  lp.section('Binary');
  lp.variables(candidates.map((_, i) => bookingColumn(i)));
  lp.section('End');
  return lp.text();
}

function groupIndexes<T>(items: T[], key: (item: T) => string): Map<string, number[]> {
  return groupBy(items.keys(), (i) => key(items[i]));
}
