import { ownCopy } from './own-copy.js';
import { warmUpProblem } from './warm-up.js';

describe("the planner's own copy of a problem", () => {
  it('has every field of the problem, in objects of its own', () => {
    const problem = warmUpProblem();
    problem.orders[0].person.unavailable = [{ weekday: 5, from: '11:30', to: '13:30' }];
    const copy = ownCopy(problem);
    expect(copy).toEqual(problem);
    expect(copy.orders[0]).not.toBe(problem.orders[0]);
    expect(copy.orders[0].person.unavailable[0]).not.toBe(problem.orders[0].person.unavailable[0]);
    expect(copy.sites[0].location).not.toBe(problem.sites[0].location);
    expect(copy.shifts[0]).not.toBe(problem.shifts[0]);
  });
});
