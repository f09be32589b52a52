import { packPlan, unpackPlan } from './packed-plan.js';
import { planOrders } from './planner.js';
import { warmUpProblem } from './warm-up.js';

describe('a plan packed by a planner thread', () => {
  const problem = warmUpProblem();
  const plan = planOrders(problem);

  it('unpacks to the same plan, bookings with their shift, site, date, minutes and travel', () => {
    expect(plan.bookings.length).toBeGreaterThan(1000);
    expect(new Set(plan.bookings.map((booking) => booking.plannedMinutes))).toEqual(new Set([240, 480]));
    const packed = structuredClone(packPlan(problem, plan));
    expect(unpackPlan(problem, packed)).toEqual(plan);
  });

  it('holds its bookings in three typed arrays, not booking by booking', () => {
    const count = plan.bookings.length;
    const packed = packPlan(problem, plan);
    const arrays = [packed.bookingOrders, packed.bookingShifts, packed.bookingTravelMeters];
    expect(arrays.map((array) => array.buffer.byteLength)).toEqual([4 * count, 4 * count, 8 * count]);
    expect(Object.keys(packed)).not.toContain('bookings');
  });
});
