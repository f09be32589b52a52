import type { PlannedBooking, PlanningProblem, PlanOrder, PlanShift } from '../../src/planning/planning.types.js';
import { groupBy } from '../../src/common/collections.js';
import { candidateRefusals, ProblemIndex, sameDayRefusals, travelMeters } from './planning-rules.js';

export interface Violation {
  rule: string;
  description: string;
}

/**
 * Every hard rule checked again from scratch, booking by booking and then over the whole plan. `checked`: bookings
 * already checked one by one against this problem (a re-plan keeps them); only the plan-wide rules see them again.
 */
export function validatePlan(
  problem: PlanningProblem,
  bookings: PlannedBooking[],
  checked: ReadonlySet<PlannedBooking> = new Set(),
): Violation[] {
  const index = new ProblemIndex(problem);
  const violations: Violation[] = [];
  const days = new Map<string, PlanShift[]>();
  const seatsTaken = new Map<string, number>();
  for (const booking of bookings) {
    const order = index.orders.get(booking.orderId);
    const shift = index.shifts.get(booking.shiftId);
    if (!order || !shift) {
      violations.push({ rule: 'plan.unknown_order_or_shift', description: `${booking.orderId} on ${booking.shiftId}` });
      continue;
    }
    if (!checked.has(booking)) violations.push(...bookingViolations(index, booking, order, shift));
    const day = `${order.id} ${shift.date}`;
    days.set(day, [...(days.get(day) ?? []), shift]);
    seatsTaken.set(shift.id, (seatsTaken.get(shift.id) ?? 0) + 1);
  }
  for (const [day, shifts] of days) if (shifts.length > 1) violations.push(...dayViolations(index, day, shifts));
  for (const [shiftId, taken] of seatsTaken) {
    const freeSeats = index.shifts.get(shiftId)?.freeSeats ?? 0;
    //
    if (taken > freeSeats)
      violations.push({ rule: 'plan.over_capacity', description: `${shiftId}: ${taken} booked, ${freeSeats} free` });
  }
  return violations;
}

/**
 * POLICY (PLANNER_SAME_DAY): one_shift allows one shift a day; same_site more only at one site (one trip), each
 * within the booking rules about the whole day (the cap, no overlap) given the day's other shifts.
 */
function dayViolations(index: ProblemIndex, day: string, shifts: PlanShift[]): Violation[] {
  const [orderId] = day.split(' ');
  const order = index.orders.get(orderId)!;
  if ((index.problem.sameDay ?? 'same_site') === 'one_shift')
    return [{ rule: 'plan.two_shifts_a_day', description: `${day}: ${shifts.length} shifts` }];
  if (groupBy(shifts, (shift) => shift.siteId).size > 1)
    return [{ rule: 'plan.two_trips_a_day', description: `${day}: ${shifts.map((s) => s.siteId).join(', ')}` }];
  return shifts.flatMap((shift, i) =>
    sameDayRefusals(
      index,
      order,
      shift,
      shifts.filter((_, j) => j !== i),
    ).map((rule) => ({ rule, description: `${day}: ${shift.id}` })),
  );
}

/** The planning rules for the pair, and the booking's copies of the shift's fields and of the distance. */
function bookingViolations(
  index: ProblemIndex,
  booking: PlannedBooking,
  order: PlanOrder,
  shift: PlanShift,
): Violation[] {
  const what = `${booking.orderId} on ${booking.shiftId}`;
  const travel = travelMeters(order, index.site(shift));
  const mismatches = [
    booking.siteId !== shift.siteId && `siteId ${booking.siteId} ≠ ${shift.siteId}`,
    booking.date !== shift.date && `date ${booking.date} ≠ ${shift.date}`,
    booking.plannedMinutes !== shift.plannedMinutes &&
      `plannedMinutes ${booking.plannedMinutes} ≠ ${shift.plannedMinutes}`,
    travel !== null && booking.travelMeters !== travel && `travelMeters ${booking.travelMeters} ≠ ${travel}`,
  ].filter((mismatch): mismatch is string => mismatch !== false);
  return [
    ...candidateRefusals(index, order, shift).map((rule) => ({ rule, description: what })),
    ...mismatches.map((mismatch) => ({ rule: 'plan.booking_fields', description: `${what}: ${mismatch}` })),
  ];
}
