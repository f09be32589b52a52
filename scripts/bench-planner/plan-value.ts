import type { PlannedBooking, PlanningProblem } from '../../src/planning/planning.types.js';

/** Σ over orders of min(planned minutes, need): minutes past the need don't count. */
export function countedMinutes(problem: PlanningProblem, bookings: PlannedBooking[]): number {
  const planned = new Map<string, number>();
  for (const booking of bookings)
    planned.set(booking.orderId, (planned.get(booking.orderId) ?? 0) + booking.plannedMinutes);
  return problem.orders.reduce((sum, order) => sum + Math.min(planned.get(order.id) ?? 0, order.needMinutes), 0);
}

export function travelMetersOf(bookings: PlannedBooking[]): number {
  return bookings.reduce((sum, booking) => sum + booking.travelMeters, 0);
}
