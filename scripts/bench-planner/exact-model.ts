import { groupBy } from '../../src/common/collections.js';
import { CHILD_SCHOOL_DAY_CAP_MINUTES, CHILD_SCHOOL_DAYS } from '../../src/assignments/booking.rules.js';
import type { PlanningProblem, PlanOrder } from '../../src/planning/planning.types.js';
import { isoWeekday } from '../../src/shifts/shift.rules.js';
import type { Candidate } from './candidates.js';
import { LpWriter, type Term } from './lp-writer.js';

/** Column names: x<i> books candidate i; y<k> is the minutes counted for order k. */
export const bookingColumn = (candidate: number) => `x${candidate}`;
export const countedColumn = (order: number) => `y${order}`;

/**
 * Stage 1 of the exact plan: maximise Σ y_o, with y_o ≤ Σ plannedMinutes·x and y_o ≤ needMinutes, at most
 * freeSeats bookings per shift, and per order and date the same-day POLICY: one_shift, Σ x ≤ 1; same_site, one
 * site (a binary z per site, x ≤ z, Σ z ≤ 1), no two overlapping shifts (R-17: at each start time, Σ x of the
 * shifts running then ≤ 1) and Σ plannedMinutes·x within the day's cap. Rows that can't bind are
 * left out.
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
  const siteColumns: string[] = [];
  for (const indexes of byTrip.values()) {
    if (indexes.length < 2) continue;
    const t = trip++;
    if ((problem.sameDay ?? 'same_site') === 'one_shift') {
      lp.constraint(`trip${t}`, ones(indexes), '<=', 1);
      continue;
    }
    const bySite = groupBy(indexes, (i) => candidates[i].shift.siteId);
    if (bySite.size > 1) {
      const sites = [...bySite.values()].map((members, k) => ({ members, column: `z${t}_${k}` }));
      for (const { members, column } of sites) {
        siteColumns.push(column);
        for (const i of members)
          lp.constraint(`site${t}_${i}`, [...ones([i]), { coefficient: -1, variable: column }], '<=', 0);
      }
      lp.constraint(
        `trip${t}`,
        sites.map(({ column }) => ({ coefficient: 1, variable: column })),
        '<=',
        1,
      );
    }
    const cliques = new Set<string>();
    for (const members of bySite.values()) {
      for (const i of members) {
        const at = minute(candidates[i].shift.start);
        const running = members.filter(
          (j) => minute(candidates[j].shift.start) <= at && at < minute(candidates[j].shift.end),
        );
        if (running.length > 1) cliques.add(running.join(' '));
      }
    }
    let clique = 0;
    for (const members of cliques)
      lp.constraint(`overlap${t}_${clique++}`, ones(members.split(' ').map(Number)), '<=', 1);
    const { order, shift } = candidates[indexes[0]];
    const cap = dayCapMinutes(order, shift.date);
    const minutes = indexes.map((i) => ({
      coefficient: candidates[i].shift.plannedMinutes,
      variable: bookingColumn(i),
    }));
    if (minutes.reduce((sum, term) => sum + term.coefficient, 0) > cap) lp.constraint(`cap${t}`, minutes, '<=', cap);
  }
  let shift = 0;
  for (const indexes of byShift.values()) {
    const freeSeats = candidates[indexes[0]].shift.freeSeats;
    if (indexes.length > freeSeats) lp.constraint(`seats${shift++}`, ones(indexes), '<=', freeSeats);
  }
  lp.section('Bounds');
  for (const k of counted) lp.bound(0, countedColumn(k), problem.orders[k].needMinutes);
  lp.section('Binary');
  lp.variables([...candidates.map((_, i) => bookingColumn(i)), ...siteColumns]);
  lp.section('End');
  return lp.text();
}

const minute = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** POLICY: a child in school works at most 4 hours on a school day. */
function dayCapMinutes(order: PlanOrder, date: string): number {
  const cap = order.maxHoursPerDay * 60;
  const schoolDay = order.regime === 'child' && order.person.inSchool && CHILD_SCHOOL_DAYS.includes(isoWeekday(date));
  return schoolDay ? Math.min(cap, CHILD_SCHOOL_DAY_CAP_MINUTES) : cap;
}

function groupIndexes<T>(items: T[], key: (item: T) => string): Map<string, number[]> {
  return groupBy(items.keys(), (i) => key(items[i]));
}
