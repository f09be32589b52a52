import { CHILD_SCHOOL_DAYS } from '../assignments/booking.rules.js';
import { isoWeekday } from '../shifts/shift.rules.js';
import { planOrders } from './planner.js';
import { warmUpProblem } from './warm-up.js';

/** A path that a real planning takes first throws compiled code away: the warm-up must take the common ones. */
describe("the planner threads' warm-up", () => {
  const problem = warmUpProblem();
  const plan = planOrders(structuredClone(problem));
  const orderOf = new Map(problem.orders.map((order) => [order.id, order]));

  it('books a child in school on a school day, after school', () => {
    const schoolDays = plan.bookings.filter((booking) => {
      const order = orderOf.get(booking.orderId)!;
      return order.regime === 'child' && order.person.inSchool && CHILD_SCHOOL_DAYS.includes(isoWeekday(booking.date));
    });
    expect(schoolDays.length).toBeGreaterThan(0);
  });

  it('books two shifts on one day for one person, and orders that start after the first day', () => {
    const days = plan.bookings.map((booking) => `${booking.orderId}|${booking.date}`);
    expect(new Set(days).size).toBeLessThan(days.length);
    const firstDay = problem.shifts.reduce((first, shift) => (shift.date < first ? shift.date : first), '9999');
    const later = plan.bookings.filter((booking) => orderOf.get(booking.orderId)!.startDate > firstDay);
    expect(later.length).toBeGreaterThan(0);
  });

  it("has persons of no stated religion, sites with and without closed dates, and a day of more than 16 shifts in one city (the same-day rules' first scratch arrays hold 16)", () => {
    expect(problem.orders.some((order) => order.person.religion === null)).toBe(true);
    expect(new Set(problem.sites.map((site) => site.closedDates.length > 0))).toEqual(new Set([true, false]));
    const shiftsADay = new Map<string, number>();
    for (const shift of problem.shifts) {
      const city = shift.siteId.split('-')[2];
      const key = `${city}|${shift.date}`;
      shiftsADay.set(key, (shiftsADay.get(key) ?? 0) + 1);
    }
    expect(Math.max(...shiftsADay.values())).toBeGreaterThan(16);
  });
});
