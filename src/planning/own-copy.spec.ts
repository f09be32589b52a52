import { ownCopy } from './own-copy.js';
import { DEFAULT_SAME_DAY_POLICY } from './same-day.rules.js';
import { warmUpProblem } from './warm-up.js';

describe("the planner's own copy of a problem", () => {
  it('has every field of the problem, in objects of its own, and names the default same-day policy', () => {
    const problem = warmUpProblem();
    problem.orders[0].person.unavailable = [{ weekday: 5, from: '11:30', to: '13:30' }];
    const copy = ownCopy(problem);
    expect(problem.sameDay).toBeUndefined();
    expect(copy).toEqual({ ...problem, sameDay: DEFAULT_SAME_DAY_POLICY });
    expect(ownCopy({ ...problem, sameDay: 'one_shift' }).sameDay).toBe('one_shift');
    expect(copy.sites[0].closedDates).not.toBe(problem.sites[0].closedDates);
    expect(copy.orders[0].person.bookedDates).not.toBe(problem.orders[0].person.bookedDates);
    expect(copy.orders[0]).not.toBe(problem.orders[0]);
    expect(copy.orders[0].person.unavailable[0]).not.toBe(problem.orders[0].person.unavailable[0]);
    expect(copy.sites[0].location).not.toBe(problem.sites[0].location);
    expect(copy.shifts[0]).not.toBe(problem.shifts[0]);
  });
});
