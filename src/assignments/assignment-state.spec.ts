import { transitionRefusals } from './assignment-state.js';

describe('assignment states (API.md)', () => {
  it.each([
    ['scheduled', 'checked_in'],
    ['checked_in', 'checked_out'],
    ['checked_out', 'credited'],
    ['scheduled', 'absent'],
    ['absent', 'excused'],
    ['absent', 'unexcused'],
    ['scheduled', 'cancelled'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(transitionRefusals(from, to)).toEqual([]);
  });

  it.each([
    ['scheduled', 'credited'],
    ['checked_in', 'credited'],
    ['credited', 'cancelled'],
    ['checked_out', 'cancelled'],
    ['cancelled', 'checked_in'],
    ['unexcused', 'excused'],
  ] as const)('R-14 refuses %s → %s', (from, to) => {
    expect(transitionRefusals(from, to)).toEqual([{ code: 'assignment.invalid_transition', params: { from, to } }]);
  });
});
