import { DateTime } from 'luxon';
import type { RuleViolation } from '../common/rule-violation.js';
import { MAX_PERIOD_MONTHS } from '../orders/order.rules.js';
import { defineMessages } from '../common/messages.js';

export const BREACH_GROUNDS = ['second_unexcused_absence', 'cannot_finish', 'reported_by_supervisor'] as const;
export type BreachGrounds = (typeof BREACH_GROUNDS)[number];

export const BREACH_OUTCOMES = ['repeat', 'imprisonment', 'fine', 'dismissed'] as const;
export type BreachOutcome = (typeof BREACH_OUTCOMES)[number];

/** R-21 POLICY: the second unexcused absence (since the last report) opens a breach report. */
export const UNEXCUSED_ABSENCES_FOR_BREACH = 2;

export function absencesOpenBreach(unexcusedSinceLastReport: number): boolean {
  return unexcusedSinceLastReport >= UNEXCUSED_ABSENCES_FOR_BREACH;
}

/** Art. 85(7): (a) repeat returns the order to work; (b) prison and (c) the fine end it; a dismissal resumes it. */
export function orderStatusAfter(outcome: BreachOutcome): 'active' | 'closed' {
  return outcome === 'repeat' || outcome === 'dismissed' ? 'active' : 'closed';
}

export interface DecisionTerms {
  outcome: BreachOutcome;
  decisionDate: string;
  repeatMinutes?: number;
  newEndDate?: string;
  imprisonmentDays?: number;
  fineRupiah?: number;
}

export interface OrderSentence {
  totalHours: number;
  repeatMinutes: number;
  creditedMinutes: number;
  replacedKind: 'imprisonment' | 'fine';
  replacedDays: number | null;
  replacedAmountRupiah: number | null;
}

/**
 * R-08 (Art. 85(7)): what a decision may say. (a) repeat all or part of the work: at most the sentence's hours in
 * all, in a new period that starts at the decision and lasts at most six months (Art. 85(5)); (b) serve all or
 * part of the replaced prison term: only for an order that replaced prison, at most that term; (c) pay all or part
 * of the replaced fine: only for an order that replaced a fine, at most that fine, with prison in lieu if unpaid.
 */
export function decisionViolations(order: OrderSentence, terms: DecisionTerms): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const stray = (field: keyof DecisionTerms) =>
    violations.push({ field, code: 'breach.field_not_for_outcome', params: { outcome: terms.outcome } });
  const needed = (field: keyof DecisionTerms) =>
    violations.push({ field, code: 'breach.field_needed', params: { outcome: terms.outcome } });
  if (terms.outcome === 'repeat') {
    const ceiling = order.totalHours * 60 - order.repeatMinutes;
    if (terms.repeatMinutes === undefined) needed('repeatMinutes');
    else if (terms.repeatMinutes > ceiling)
      violations.push({ field: 'repeatMinutes', code: 'breach.repeat_too_long', params: { max: ceiling } });
    if (terms.newEndDate === undefined) needed('newEndDate');
    else {
      const limit = DateTime.fromISO(terms.decisionDate).plus({ months: MAX_PERIOD_MONTHS }).toISODate()!;
      if (terms.newEndDate <= terms.decisionDate || terms.newEndDate > limit) {
        violations.push({
          field: 'newEndDate',
          code: 'breach.new_end_out_of_range',
          params: { from: terms.decisionDate, to: limit },
        });
      }
    }
  } else {
    if (terms.repeatMinutes !== undefined) stray('repeatMinutes');
    if (terms.newEndDate !== undefined) stray('newEndDate');
  }
  if (terms.outcome === 'imprisonment') {
    if (order.replacedKind !== 'imprisonment')
      violations.push({ field: 'outcome', code: 'breach.order_replaced_a_fine' });
    else if (terms.imprisonmentDays === undefined) needed('imprisonmentDays');
    else if (terms.imprisonmentDays > order.replacedDays!) {
      violations.push({
        field: 'imprisonmentDays',
        code: 'breach.more_than_replaced',
        params: { max: order.replacedDays! },
      });
    }
  }
  if (terms.outcome === 'fine') {
    if (order.replacedKind !== 'fine') violations.push({ field: 'outcome', code: 'breach.order_replaced_prison' });
    else if (terms.fineRupiah === undefined) needed('fineRupiah');
    else if (terms.fineRupiah > order.replacedAmountRupiah!) {
      violations.push({
        field: 'fineRupiah',
        code: 'breach.more_than_replaced',
        params: { max: order.replacedAmountRupiah! },
      });
    }
  } else if (terms.fineRupiah !== undefined) stray('fineRupiah');
  if ((terms.outcome === 'repeat' || terms.outcome === 'dismissed') && terms.imprisonmentDays !== undefined)
    stray('imprisonmentDays');
  return violations;
}

export const breachMessages = defineMessages({
  'breach.field_needed': { id: 'wajib diisi untuk putusan {outcome}', en: 'is required for the outcome {outcome}' },
  'breach.field_not_for_outcome': {
    id: 'tidak berlaku untuk putusan {outcome}',
    en: 'does not apply to the outcome {outcome}',
  },
  'breach.repeat_too_long': {
    id: 'paling banyak {max} menit: seluruh pekerjaan tidak dapat diulang lebih dari jam putusan (Pasal 85 ayat (7) huruf a)',
    en: "at most {max} minutes: no more than the sentence's hours can be repeated (Art. 85(7)(a))",
  },
  'breach.new_end_out_of_range': {
    id: 'harus setelah {from} dan paling lambat {to} (paling lama 6 bulan, Pasal 85 ayat (5))',
    en: 'must be after {from} and no later than {to} (six months at most, Art. 85(5))',
  },
  'breach.order_replaced_a_fine': {
    id: 'putusan ini menggantikan denda: pilih pembayaran denda (Pasal 85 ayat (7) huruf c)',
    en: 'this order replaced a fine: choose the fine (Art. 85(7)(c))',
  },
  'breach.order_replaced_prison': {
    id: 'putusan ini menggantikan pidana penjara: pilih menjalani pidana penjara (Pasal 85 ayat (7) huruf b)',
    en: 'this order replaced prison: choose the prison term (Art. 85(7)(b))',
  },
  'breach.more_than_replaced': {
    id: 'paling banyak {max}, yaitu yang digantikan',
    en: 'at most {max}, what the order replaced',
  },
});

/** A recorded decision, as a correction needs it. */
export interface RecordedDecision {
  outcome: BreachOutcome;
  repeatMinutes: number | null;
  priorEndDate: string | null;
  priorRepeatFrom: string | null;
}

export interface OrderToCorrect {
  status: string;
  totalHours: number;
  repeatMinutes: number;
  repeatFrom: string | null;
  endDate: string;
  creditedMinutes: number;
  scheduledMinutes: number;
  /** the last day with a booking that is not cancelled */
  lastBookedDate: string | null;
}

export interface OrderTerms {
  status: 'active' | 'closed';
  repeatMinutes: number;
  repeatFrom: string | null;
  endDate: string;
}

export type CorrectionPlan =
  | { refused: string; params?: Record<string, string | number> }
  | { terms: OrderTerms; prior: { endDate: string; repeatFrom: string | null }; cancelBookings: boolean };

/** The order's repeat terms as they stood before the corrected decision (a repeat's own terms taken away). */
export function termsBefore(order: OrderToCorrect, corrected: RecordedDecision) {
  return corrected.outcome === 'repeat'
    ? {
        repeatMinutes: order.repeatMinutes - corrected.repeatMinutes!,
        repeatFrom: corrected.priorRepeatFrom,
        endDate: corrected.priorEndDate!,
      }
    : { repeatMinutes: order.repeatMinutes, repeatFrom: order.repeatFrom, endDate: order.endDate };
}

/**
 * a correction replaces the corrected decision's effect on the order by its own, as if the corrected
 * one had never applied. It is refused (409) where that can't be done cleanly: the order has moved on since (a
 * later report, completion), work was recorded under a decision that the correction would close, or the order's
 * bookings no longer fit the corrected terms (more booked and credited than required, booked after the end date).
 */
export function correctionPlan(
  order: OrderToCorrect,
  corrected: RecordedDecision,
  next: DecisionTerms,
  facts: { laterReport: boolean; workSinceReport: number },
): CorrectionPlan {
  if (facts.laterReport) return { refused: 'breach.correction_later_report' };
  if (order.status !== orderStatusAfter(corrected.outcome))
    return { refused: 'breach.correction_order_moved_on', params: { status: order.status } };
  if (corrected.outcome === 'repeat' && corrected.priorEndDate === null)
    return { refused: 'breach.correction_period_unknown' };
  const before = termsBefore(order, corrected);
  const status = orderStatusAfter(next.outcome);
  const terms: OrderTerms =
    next.outcome === 'repeat'
      ? {
          status,
          repeatMinutes: before.repeatMinutes + next.repeatMinutes!,
          repeatFrom: next.decisionDate,
          endDate: next.newEndDate!,
        }
      : { status, ...before };
  const closing = order.status === 'active' && status === 'closed';
  if (closing && facts.workSinceReport > 0) return { refused: 'breach.correction_work_recorded' };
  if (status === 'active') {
    const required = order.totalHours * 60 + terms.repeatMinutes;
    const booked = order.creditedMinutes + order.scheduledMinutes;
    if (booked > required) return { refused: 'breach.correction_below_booked', params: { booked, required } };
    if (order.lastBookedDate && order.lastBookedDate > terms.endDate)
      return {
        refused: 'breach.correction_bookings_after_end',
        params: { date: order.lastBookedDate, end: terms.endDate },
      };
  }
  return { terms, prior: { endDate: before.endDate, repeatFrom: before.repeatFrom }, cancelBookings: closing };
}

/** A decision as answered: its terms, who decided, and the decision it corrects (if it is a correction). */
export interface DecisionView {
  id: string;
  correctsId: string | null;
  [field: string]: unknown;
}

/** A breach's decisions in order: the first, then each correction after the one it names (the last is in force). */
export function decisionChain(decisions: DecisionView[]): DecisionView[] {
  const chain: DecisionView[] = [];
  let next = decisions.find((d) => d.correctsId === null);
  while (next) {
    chain.push(next);
    const id: string = next.id;
    next = decisions.find((d) => d.correctsId === id);
  }
  return chain;
}
