import {
  absencesOpenBreach,
  correctionPlan,
  decisionChain,
  decisionViolations,
  orderStatusAfter,
} from './breach.rules.js';

const prison = {
  totalHours: 40,
  repeatMinutes: 0,
  creditedMinutes: 600,
  replacedKind: 'imprisonment' as const,
  replacedDays: 60,
  replacedAmountRupiah: null,
};
const fine = { ...prison, replacedKind: 'fine' as const, replacedDays: null, replacedAmountRupiah: 5_000_000 };
const fields = (violations: { field?: string; code: string }[]) => violations.map((v) => `${v.field}:${v.code}`);

describe('breach rules (R-08, R-21, Art. 85(7))', () => {
  it('R-21: the second unexcused absence opens a report, the first does not', () => {
    expect(absencesOpenBreach(1)).toBe(false);
    expect(absencesOpenBreach(2)).toBe(true);
  });

  it('repeat and dismissal return the order to work; prison and fine close it', () => {
    expect(['repeat', 'dismissed', 'imprisonment', 'fine'].map((o) => orderStatusAfter(o as never))).toEqual([
      'active',
      'active',
      'closed',
      'closed',
    ]);
  });

  it("(a) repeat: at most the sentence's hours, in a new period of at most six months from the decision", () => {
    const repeat = { outcome: 'repeat' as const, decisionDate: '2026-12-10' };
    expect(decisionViolations(prison, { ...repeat, repeatMinutes: 600, newEndDate: '2027-06-10' })).toEqual([]);
    expect(fields(decisionViolations(prison, { ...repeat, repeatMinutes: 2401, newEndDate: '2027-06-11' }))).toEqual([
      'repeatMinutes:breach.repeat_too_long',
      'newEndDate:breach.new_end_out_of_range',
    ]);
    expect(fields(decisionViolations(prison, repeat))).toEqual([
      'repeatMinutes:breach.field_needed',
      'newEndDate:breach.field_needed',
    ]);
    expect(
      fields(
        decisionViolations(
          { ...prison, repeatMinutes: 2000 },
          { ...repeat, repeatMinutes: 401, newEndDate: '2027-01-10' },
        ),
      ),
    ).toEqual(['repeatMinutes:breach.repeat_too_long']);
  });

  it('(b) prison only for an order that replaced prison, at most its term; (c) the fine likewise', () => {
    const at = { decisionDate: '2026-12-10' };
    expect(decisionViolations(prison, { ...at, outcome: 'imprisonment', imprisonmentDays: 60 })).toEqual([]);
    expect(fields(decisionViolations(prison, { ...at, outcome: 'imprisonment', imprisonmentDays: 61 }))).toEqual([
      'imprisonmentDays:breach.more_than_replaced',
    ]);
    expect(fields(decisionViolations(prison, { ...at, outcome: 'fine', fineRupiah: 1000 }))).toEqual([
      'outcome:breach.order_replaced_prison',
    ]);
    expect(decisionViolations(fine, { ...at, outcome: 'fine', fineRupiah: 5_000_000, imprisonmentDays: 30 })).toEqual(
      [],
    );
    expect(fields(decisionViolations(fine, { ...at, outcome: 'imprisonment', imprisonmentDays: 30 }))).toEqual([
      'outcome:breach.order_replaced_a_fine',
    ]);
    expect(fields(decisionViolations(fine, { ...at, outcome: 'fine', fineRupiah: 5_000_001 }))).toEqual([
      'fineRupiah:breach.more_than_replaced',
    ]);
  });

  it('a dismissal carries no sanction fields', () => {
    expect(
      fields(decisionViolations(prison, { decisionDate: '2026-12-10', outcome: 'dismissed', imprisonmentDays: 3 })),
    ).toEqual(['imprisonmentDays:breach.field_not_for_outcome']);
  });

  describe('corrections (R-08, R-25)', () => {
    const repeated = {
      status: 'active',
      totalHours: 40,
      repeatMinutes: 600,
      repeatFrom: '2026-12-01',
      endDate: '2027-05-20',
      creditedMinutes: 600,
      scheduledMinutes: 0,
      lastBookedDate: '2026-11-20',
    };
    const repeatDecision = {
      outcome: 'repeat' as const,
      repeatMinutes: 600,
      priorEndDate: '2027-04-30',
      priorRepeatFrom: null,
    };
    const quiet = { laterReport: false, workSinceReport: 0 };

    it('repeat corrected to a closing outcome gives back the earlier period and cancels the bookings', () => {
      expect(correctionPlan(repeated, repeatDecision, { outcome: 'fine', decisionDate: '2026-12-01' }, quiet)).toEqual({
        terms: { status: 'closed', repeatMinutes: 0, repeatFrom: null, endDate: '2027-04-30' },
        prior: { endDate: '2027-04-30', repeatFrom: null },
        cancelBookings: true,
      });
    });

    it('a closing correction is refused once work was recorded under the decision', () => {
      const plan = correctionPlan(
        repeated,
        repeatDecision,
        { outcome: 'fine', decisionDate: '2026-12-01' },
        { ...quiet, workSinceReport: 1 },
      );
      expect(plan).toEqual({ refused: 'breach.correction_work_recorded' });
    });

    it('repeat corrected to fewer minutes than already booked and credited is refused', () => {
      const plan = correctionPlan(
        { ...repeated, scheduledMinutes: 2400 },
        repeatDecision,
        { outcome: 'repeat', decisionDate: '2026-12-01', repeatMinutes: 60, newEndDate: '2027-05-01' },
        quiet,
      );
      expect(plan).toEqual({ refused: 'breach.correction_below_booked', params: { booked: 3000, required: 2460 } });
    });

    it('a decision the order has moved on from (completed, or a later report) is not corrected', () => {
      const next = { outcome: 'dismissed' as const, decisionDate: '2026-12-01' };
      expect(correctionPlan({ ...repeated, status: 'completed' }, repeatDecision, next, quiet)).toEqual({
        refused: 'breach.correction_order_moved_on',
        params: { status: 'completed' },
      });
      expect(correctionPlan(repeated, repeatDecision, next, { ...quiet, laterReport: true })).toEqual({
        refused: 'breach.correction_later_report',
      });
    });

    it("a breach's decisions read as one chain, the one in force last", () => {
      const chain = decisionChain([
        { id: 'c', correctsId: 'b' },
        { id: 'a', correctsId: null },
        { id: 'b', correctsId: 'a' },
      ]);
      expect(chain.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    });
  });
});
