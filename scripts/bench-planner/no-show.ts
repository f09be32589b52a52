import type { PlannedBooking, PlanningProblem } from '../../src/planning/planning.types.js';

/** R-20 POLICY: an absence is flagged when nobody checked in by shift start + 30 minutes. */
const NO_SHOW_FLAGGED_AFTER_MS = 30 * 60_000;

export interface NoShow {
  missed: PlannedBooking;
  /** Everyone's current bookings, the missed one removed. */
  remaining: PlannedBooking[];
  /** The situation once the absence is flagged, as replanOrder expects it. */
  problem: PlanningProblem;
}

/**
 * The order's first booking is missed. Every order owes what its remaining bookings don't cover (so the missed
 * minutes are owed again), every person's booked dates are those of their remaining bookings (and the missed
 * date for this person), every shift's free seats are those the remaining bookings leave.
 */
export function afterNoShow(problem: PlanningProblem, current: PlannedBooking[], orderId: string): NoShow {
  const missed = current.filter((booking) => booking.orderId === orderId).sort((a, b) => (a.date < b.date ? -1 : 1))[0];
  if (!missed) throw new RangeError(`Order ${orderId} has no booking to miss`);
  const remaining = current.filter((booking) => booking !== missed);
  const plannedMinutes = new Map<string, number>();
  const bookedDates = new Map<string, string[]>([[orderId, [missed.date]]]);
  const seatsTaken = new Map<string, number>();
  for (const booking of remaining) {
    plannedMinutes.set(booking.orderId, (plannedMinutes.get(booking.orderId) ?? 0) + booking.plannedMinutes);
    const dates = bookedDates.get(booking.orderId);
    if (dates) dates.push(booking.date);
    else bookedDates.set(booking.orderId, [booking.date]);
    seatsTaken.set(booking.shiftId, (seatsTaken.get(booking.shiftId) ?? 0) + 1);
  }
  const missedShift = problem.shifts.find((shift) => shift.id === missed.shiftId);
  if (!missedShift) throw new RangeError(`Booking on an unknown shift ${missed.shiftId}`);
  return {
    missed,
    remaining,
    problem: {
      ...problem,
      now: new Date(missedShift.startsAt.getTime() + NO_SHOW_FLAGGED_AFTER_MS),
      orders: problem.orders.map((order) => ({
        ...order,
        needMinutes: Math.max(0, order.needMinutes - (plannedMinutes.get(order.id) ?? 0)),
        person: { ...order.person, bookedDates: [...order.person.bookedDates, ...(bookedDates.get(order.id) ?? [])] },
      })),
      shifts: problem.shifts.map((shift) => ({
        ...shift,
        freeSeats: shift.freeSeats - (seatsTaken.get(shift.id) ?? 0),
      })),
    },
  };
}
