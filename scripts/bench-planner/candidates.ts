import { groupBy } from '../../src/common/collections.js';
import type { PlannedBooking, PlanningProblem, PlanOrder, PlanShift } from '../../src/planning/planning.types.js';
import { candidateRefusals, ProblemIndex, travelMeters } from './planning-rules.js';

/** An (order, shift) pair the planning rules allow. */
export interface Candidate {
  order: PlanOrder;
  shift: PlanShift;
  travelMeters: number;
}

/** Every allowed pair: the sites within reach of each home, their shifts within the order's period. */
export function candidates(problem: PlanningProblem): Candidate[] {
  const index = new ProblemIndex(problem);
  const shiftsBySite = groupBy(problem.shifts, (shift) => shift.siteId);
  const found: Candidate[] = [];
  for (const order of problem.orders) {
    for (const site of problem.sites) {
      const travel = travelMeters(order, site);
      if (travel === null || travel > problem.maxTravelMeters) continue;
      for (const shift of shiftsBySite.get(site.id) ?? []) {
        const inPeriod = shift.date >= order.startDate && shift.date <= order.endDate;
        if (inPeriod && candidateRefusals(index, order, shift).length === 0)
          found.push({ order, shift, travelMeters: travel });
      }
    }
  }
  return found;
}

export function bookingOf({ order, shift, travelMeters }: Candidate): PlannedBooking {
  return {
    orderId: order.id,
    shiftId: shift.id,
    siteId: shift.siteId,
    date: shift.date,
    plannedMinutes: shift.plannedMinutes,
    travelMeters,
  };
}
