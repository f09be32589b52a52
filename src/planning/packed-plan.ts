import type { PlannedBooking, PlanningProblem, PlanResult } from './planning.types.js';

/**
 * A plan as a planner thread sends it back: each booking as the positions of its order and shift in the problem
 * planned, and its travel, in typed arrays copied as flat memory. The receiving thread had to read every booking
 * object with its four strings, one after the other: at L 39 MB and 0.3 s a thread.
 */
export interface PackedPlan extends Omit<PlanResult, 'bookings'> {
  bookingOrders: Int32Array;
  bookingShifts: Int32Array;
  bookingTravelMeters: Float64Array;
}

export function packPlan(problem: PlanningProblem, plan: PlanResult): PackedPlan {
  const orderAt = new Map(problem.orders.map((order, i) => [order.id, i]));
  const shiftAt = new Map(problem.shifts.map((shift, i) => [shift.id, i]));
  const count = plan.bookings.length;
  const packed: PackedPlan = {
    bookingOrders: new Int32Array(count),
    bookingShifts: new Int32Array(count),
    bookingTravelMeters: new Float64Array(count),
    outcomes: plan.outcomes,
    plannedMinutes: plan.plannedMinutes,
    upperBoundMinutes: plan.upperBoundMinutes,
    travelMeters: plan.travelMeters,
  };
  plan.bookings.forEach((booking, i) => {
    packed.bookingOrders[i] = orderAt.get(booking.orderId)!;
    packed.bookingShifts[i] = shiftAt.get(booking.shiftId)!;
    packed.bookingTravelMeters[i] = booking.travelMeters;
  });
  return packed;
}

/** The plan again, its bookings read from the problem that was planned. */
export function unpackPlan(problem: PlanningProblem, packed: PackedPlan): PlanResult {
  const { bookingOrders, bookingShifts, bookingTravelMeters, ...totals } = packed;
  const bookings = new Array<PlannedBooking>(bookingOrders.length);
  for (let i = 0; i < bookings.length; i++) {
    const shift = problem.shifts[bookingShifts[i]];
    bookings[i] = {
      orderId: problem.orders[bookingOrders[i]].id,
      shiftId: shift.id,
      siteId: shift.siteId,
      date: shift.date,
      plannedMinutes: shift.plannedMinutes,
      travelMeters: bookingTravelMeters[i],
    };
  }
  return { bookings, ...totals };
}
