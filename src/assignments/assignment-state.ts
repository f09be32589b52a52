import { RuleViolation } from '../common/rule-violation.js';
import type { AssignmentStatus } from './assignment.entity.js';
import { defineMessages } from '../common/messages.js';

/** API.md: scheduled → checked_in → checked_out → credited; scheduled → absent → excused | unexcused; scheduled → cancelled. */
const NEXT: Record<AssignmentStatus, AssignmentStatus[]> = {
  scheduled: ['checked_in', 'absent', 'cancelled'],
  checked_in: ['checked_out'],
  checked_out: ['credited'],
  absent: ['excused', 'unexcused'],
  credited: [],
  excused: [],
  unexcused: [],
  cancelled: [],
};

export const assignmentStateMessages = defineMessages({
  'assignment.invalid_transition': {
    id: 'Penugasan berstatus {from} tidak dapat menjadi {to}.',
    en: 'An assignment that is {from} cannot become {to}.',
  },
});

export function transitionRefusals(from: AssignmentStatus, to: AssignmentStatus): RuleViolation[] {
  return NEXT[from].includes(to) ? [] : [{ code: 'assignment.invalid_transition', params: { from, to } }];
}
