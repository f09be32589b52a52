import { packedBuffers, packPlan, unpackPlan } from './packed-plan.js';
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

  it('hands its bookings over in three buffers, not booking by booking', () => {
    const count = plan.bookings.length;
    const buffers = packedBuffers(packPlan(problem, plan));
    expect(buffers.map((buffer) => buffer.byteLength)).toEqual([4 * count, 4 * count, 8 * count]);
  });
});
