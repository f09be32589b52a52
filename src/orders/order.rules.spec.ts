import { expectCatalogMatches } from '../../test/support/catalog.js';
import type { RuleViolation } from '../common/rule-violation.js';
import {
  HOURS_RANGE,
  MAX_REPLACED_FINE_RUPIAH,
  MAX_REPLACED_PRISON_DAYS,
  orderMessages,
  type OrderTerms,
  orderEndLimit,
  orderViolations,
  regimeFor,
} from './order.rules.js';

const validAdultOrder: OrderTerms = {
  regime: 'adult',
  birthDate: '1990-05-10',
  offenseDate: '2026-01-15',
  verdictDate: '2026-03-02',
  totalHours: 120,
  maxHoursPerDay: 4,
  startDate: '2026-03-09',
  endDate: '2026-09-08',
  replacedSentence: { kind: 'imprisonment', days: 90 },
  consentRecorded: true,
};

const validChildOrder: OrderTerms = {
  ...validAdultOrder,
  regime: 'child',
  birthDate: '2010-06-01',
  totalHours: 60,
};

function violationsOf(changes: Partial<OrderTerms>, base: OrderTerms = validAdultOrder): RuleViolation[] {
  return orderViolations({ ...base, ...changes });
}

function codesOf(changes: Partial<OrderTerms>, base: OrderTerms = validAdultOrder): string[] {
  return violationsOf(changes, base).map((violation) => violation.code);
}

function expectOnly(changes: Partial<OrderTerms>, expected: RuleViolation, base: OrderTerms = validAdultOrder) {
  expect(violationsOf(changes, base)).toEqual([expected]);
}

describe('regimeFor', () => {
  it('R-10 a person one day short of 18 on the offence date is a child', () => {
    expect(regimeFor('2008-01-15', '2026-01-14')).toBe('child');
  });

  it('R-10 a person whose 18th birthday is the offence date is an adult', () => {
    expect(regimeFor('2008-01-15', '2026-01-15')).toBe('adult');
  });

  it('R-10 a person well over 18 is an adult and a young teenager is a child', () => {
    expect(regimeFor('1990-05-10', '2026-01-15')).toBe('adult');
    expect(regimeFor('2012-05-10', '2026-01-15')).toBe('child');
  });
});

describe('constants', () => {
  it('R-02 adults 8 to 240 hours, R-10 children 7 to 120 hours', () => {
    expect(HOURS_RANGE).toEqual({ adult: { min: 8, max: 240 }, child: { min: 7, max: 120 } });
  });

  it('R-01 at most 180 days of prison (6 months of 30 days) or Rp10,000,000 of fine', () => {
    expect(MAX_REPLACED_PRISON_DAYS).toBe(180);
    expect(MAX_REPLACED_FINE_RUPIAH).toBe(10_000_000);
  });
});

describe('orderEndLimit', () => {
  it('R-04 ends 6 calendar months after the start', () => {
    expect(orderEndLimit('2026-03-09')).toBe('2026-09-09');
  });

  it('R-04 clamps to the last day of a shorter month (2026-08-31 + 6 months = 2027-02-28)', () => {
    expect(orderEndLimit('2026-08-31')).toBe('2027-02-28');
  });

  it('R-04 refuses a date that is not YYYY-MM-DD', () => {
    expect(() => orderEndLimit('09/03/2026')).toThrow(RangeError);
  });
});

describe('orderViolations', () => {
  it('R-01 R-02 R-03 R-04 R-06 accepts a lawful adult order and a lawful child order', () => {
    expect(orderViolations(validAdultOrder)).toEqual([]);
    expect(orderViolations(validChildOrder)).toEqual([]);
  });

  describe('total hours', () => {
    const adultRange = { code: 'order.total_hours_out_of_range', field: 'totalHours', params: { min: 8, max: 240 } };
    const childRange = { code: 'order.total_hours_out_of_range', field: 'totalHours', params: { min: 7, max: 120 } };

    it('R-02 accepts an adult order of exactly 8 and exactly 240 hours', () => {
      expect(codesOf({ totalHours: 8 })).toEqual([]);
      expect(codesOf({ totalHours: 240, maxHoursPerDay: 8 })).toEqual([]);
    });

    it('R-02 refuses an adult order of 7 hours', () => {
      expectOnly({ totalHours: 7 }, adultRange);
    });

    it('R-02 refuses an adult order of 241 hours', () => {
      expectOnly({ totalHours: 241, maxHoursPerDay: 8 }, adultRange);
    });

    it('R-13 refuses a total that is not a whole number of hours', () => {
      expectOnly({ totalHours: 8.5 }, adultRange);
    });

    it('R-10 accepts a child order of exactly 7 and exactly 120 hours', () => {
      expect(codesOf({ totalHours: 7 }, validChildOrder)).toEqual([]);
      expect(codesOf({ totalHours: 120 }, validChildOrder)).toEqual([]);
    });

    it('R-10 refuses a child order of 6 hours', () => {
      expectOnly({ totalHours: 6 }, childRange, validChildOrder);
    });

    it('R-10 refuses a child order of 121 hours, lawful for an adult', () => {
      expectOnly({ totalHours: 121 }, childRange, validChildOrder);
    });
  });

  describe('regime', () => {
    it('R-10 refuses an adult regime for a person under 18 on the offence date', () => {
      expectOnly(
        { regime: 'adult' },
        { code: 'order.regime_mismatch', field: 'birthDate', params: { expected: 'child' } },
        validChildOrder,
      );
    });

    it('R-10 refuses a child regime for a person who turned 18 on the offence date', () => {
      expectOnly(
        { regime: 'child', birthDate: '2008-01-15', totalHours: 60 },
        { code: 'order.regime_mismatch', field: 'birthDate', params: { expected: 'adult' } },
      );
    });
  });

  describe('hours per day', () => {
    const perDayRange = {
      code: 'order.hours_per_day_out_of_range',
      field: 'maxHoursPerDay',
      params: { min: 1, max: 8 },
    };

    it('R-03 accepts 1 and 8 hours per day', () => {
      expect(codesOf({ maxHoursPerDay: 1 })).toEqual([]);
      expect(codesOf({ maxHoursPerDay: 8 })).toEqual([]);
    });

    it('R-03 refuses 9 hours per day', () => {
      expectOnly({ maxHoursPerDay: 9 }, perDayRange);
    });

    it('R-03 refuses 0 hours per day', () => {
      expectOnly({ maxHoursPerDay: 0 }, perDayRange);
    });
  });

  describe('dates in order', () => {
    it('R-10 refuses an offence on or before the birth date', () => {
      expectOnly({ offenseDate: '1990-05-10' }, { code: 'order.offense_before_birth', field: 'offenseDate' });
    });

    it('R-07 refuses a verdict before the offence, accepts one on the same day', () => {
      expectOnly({ verdictDate: '2026-01-14' }, { code: 'order.verdict_before_offense', field: 'verdictDate' });
      expect(codesOf({ verdictDate: '2026-01-15' })).toEqual([]);
    });

    it('R-07 refuses a start before the verdict, accepts a start on the verdict date', () => {
      expectOnly({ verdictDate: '2026-03-10' }, { code: 'order.start_before_verdict', field: 'startDate' });
      expect(codesOf({ verdictDate: '2026-03-09' })).toEqual([]);
    });
  });

  describe('period', () => {
    it('R-04 refuses an end before the start', () => {
      expectOnly({ endDate: '2026-03-08' }, { code: 'order.end_before_start', field: 'endDate' });
    });

    it('R-04 accepts an end on exactly start + 6 months', () => {
      expect(codesOf({ endDate: '2026-09-09' })).toEqual([]);
    });

    it('R-04 refuses an end one day after start + 6 months, naming the latest end date', () => {
      expectOnly(
        { endDate: '2026-09-10' },
        { code: 'order.period_too_long', field: 'endDate', params: { latestEndDate: '2026-09-09' } },
      );
    });

    it('R-04 clamps at month end: from 2026-08-31 the end may be 2027-02-28 but not 2027-03-01', () => {
      const fromAugust31 = { verdictDate: '2026-08-31', startDate: '2026-08-31' };
      expect(codesOf({ ...fromAugust31, endDate: '2027-02-28' })).toEqual([]);
      expectOnly(
        { ...fromAugust31, endDate: '2027-03-01' },
        { code: 'order.period_too_long', field: 'endDate', params: { latestEndDate: '2027-02-28' } },
      );
    });

    it('R-03 R-04 accepts a one-day order whose hours fill exactly one day', () => {
      expect(codesOf({ startDate: '2026-03-09', endDate: '2026-03-09', totalHours: 8, maxHoursPerDay: 8 })).toEqual([]);
    });

    it('R-03 R-04 refuses total hours that cannot fit in the period even working every day', () => {
      const tenDays = { startDate: '2026-03-09', endDate: '2026-03-18', maxHoursPerDay: 4 };
      expect(codesOf({ ...tenDays, totalHours: 40 })).toEqual([]);
      expectOnly(
        { ...tenDays, totalHours: 41 },
        {
          code: 'order.hours_do_not_fit',
          field: 'totalHours',
          params: { days: 10, maxHoursPerDay: 4, maxTotalHours: 40 },
        },
      );
    });
  });

  describe('replaced sentence', () => {
    const prisonRange = {
      code: 'order.replaced_prison_out_of_range',
      field: 'replacedSentence.days',
      params: { min: 1, max: 180 },
    };
    const fineRange = {
      code: 'order.replaced_fine_out_of_range',
      field: 'replacedSentence.amountRupiah',
      params: { min: 1, max: 10_000_000 },
    };

    it('R-01 accepts exactly 180 days of prison and exactly Rp10,000,000 of fine', () => {
      expect(codesOf({ replacedSentence: { kind: 'imprisonment', days: 180 } })).toEqual([]);
      expect(codesOf({ replacedSentence: { kind: 'fine', amountRupiah: 10_000_000 } })).toEqual([]);
    });

    it('R-01 refuses 181 days of prison', () => {
      expectOnly({ replacedSentence: { kind: 'imprisonment', days: 181 } }, prisonRange);
    });

    it('R-01 refuses 0 days of prison', () => {
      expectOnly({ replacedSentence: { kind: 'imprisonment', days: 0 } }, prisonRange);
    });

    it('R-01 refuses a fine of Rp10,000,001', () => {
      expectOnly({ replacedSentence: { kind: 'fine', amountRupiah: 10_000_001 } }, fineRange);
    });

    it('R-01 refuses a fine of Rp0', () => {
      expectOnly({ replacedSentence: { kind: 'fine', amountRupiah: 0 } }, fineRange);
    });
  });

  it('R-06 refuses an order without recorded consent', () => {
    expectOnly({ consentRecorded: false }, { code: 'order.consent_missing', field: 'consentRecorded' });
  });

  it('R-01 R-02 R-03 R-04 R-06 returns one violation for each broken rule', () => {
    expect(
      codesOf({
        totalHours: 300,
        maxHoursPerDay: 10,
        endDate: '2027-01-01',
        replacedSentence: { kind: 'fine', amountRupiah: 20_000_000 },
        consentRecorded: false,
      }),
    ).toEqual([
      'order.total_hours_out_of_range',
      'order.hours_per_day_out_of_range',
      'order.period_too_long',
      'order.replaced_fine_out_of_range',
      'order.consent_missing',
    ]);
  });

  it('R-04 does not also report a misfit of hours when the end is before the start', () => {
    expect(codesOf({ endDate: '2026-03-01' })).toEqual(['order.end_before_start']);
  });
});

describe('orderMessages', () => {
  it('R-01..R-10 has an Indonesian and English message for every code, with the violation params as placeholders', () => {
    const everyViolation = [
      ...violationsOf({
        totalHours: 300,
        maxHoursPerDay: 10,
        offenseDate: '1990-05-10',
        verdictDate: '1990-05-09',
        startDate: '1990-05-08',
        replacedSentence: { kind: 'imprisonment', days: 200 },
        consentRecorded: false,
      }),
      ...violationsOf({ endDate: '2026-03-01' }),
      ...violationsOf({ endDate: '2026-09-10', totalHours: 240, maxHoursPerDay: 1 }),
      ...violationsOf({ replacedSentence: { kind: 'fine', amountRupiah: 0 } }),
      ...violationsOf({ regime: 'adult' }, validChildOrder),
    ];
    expectCatalogMatches(orderMessages, everyViolation);
  });
});
