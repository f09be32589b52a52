import {
  hasMonthlyReport,
  hoursAndMinutes,
  mayReadMonthlyReport,
  isAtRisk,
  isFutureMonth,
  monthBounds,
  MONTH_PATTERN,
  toCsv,
  workingDaysLeft,
} from './report.rules.js';

describe('report rules', () => {
  it("R-26: a Kejari's report is its prosecutors', a Bapas's its supervisors', an OPD's its coordinators'; admins read all", () => {
    const kejari = { id: 'k', kind: 'kejaksaan' as const };
    expect(mayReadMonthlyReport({ role: 'prosecutor', agencyId: 'k' }, kejari)).toBe(true);
    expect(mayReadMonthlyReport({ role: 'prosecutor', agencyId: 'other' }, kejari)).toBe(false);
    expect(mayReadMonthlyReport({ role: 'coordinator', agencyId: 'k' }, kejari)).toBe(false);
    expect(mayReadMonthlyReport({ role: 'admin', agencyId: 'kanwil' }, kejari)).toBe(true);
    expect(mayReadMonthlyReport({ role: 'coordinator', agencyId: 'o' }, { id: 'o', kind: 'opd' })).toBe(true);
    expect(mayReadMonthlyReport({ role: 'supervisor', agencyId: 'b' }, { id: 'b', kind: 'bapas' })).toBe(true);
    expect(hasMonthlyReport('kanwil')).toBe(false);
  });

  it('a month is YYYY-MM with a real month number', () => {
    expect(MONTH_PATTERN.test('2026-11')).toBe(true);
    expect(MONTH_PATTERN.test('2026-13')).toBe(false);
    expect(MONTH_PATTERN.test('2026-1')).toBe(false);
    expect(MONTH_PATTERN.test('2026-11-01')).toBe(false);
  });

  it("R-22: a month runs from local midnight to local midnight in the agency's zone", () => {
    const bounds = monthBounds('2026-12', 'Asia/Jayapura');
    expect(bounds).toEqual({
      firstDate: '2026-12-01',
      lastDate: '2026-12-31',
      from: new Date('2026-11-30T15:00:00Z'),
      until: new Date('2026-12-31T15:00:00Z'),
    });
    expect(monthBounds('2028-02', 'Asia/Jakarta').lastDate).toBe('2028-02-29');
  });

  it('a month after the current one is in the future', () => {
    expect(isFutureMonth('2027-01', '2026-12-02')).toBe(true);
    expect(isFutureMonth('2026-12', '2026-12-02')).toBe(false);
  });

  it('R-09 POLICY: at risk when the remaining minutes exceed the daily cap on every day but Sunday until the end', () => {
    // Wednesday 2 December to Saturday 5 December: four working days.
    expect(workingDaysLeft('2026-12-02', '2026-12-06')).toBe(4);
    const order = { status: 'active', endDate: '2026-12-06', maxHoursPerDay: 2 };
    expect(isAtRisk({ ...order, remainingMinutes: 4 * 120 }, '2026-12-02')).toBe(false);
    expect(isAtRisk({ ...order, remainingMinutes: 4 * 120 + 1 }, '2026-12-02')).toBe(true);
    expect(isAtRisk({ ...order, status: 'breached', remainingMinutes: 10_000 }, '2026-12-02')).toBe(false);
    expect(isAtRisk({ ...order, remainingMinutes: 60 }, '2026-12-07')).toBe(true);
  });

  it('working days left: counted across weeks, leap days and years, none on a Sunday or after the end', () => {
    expect(workingDaysLeft('2026-12-06', '2026-12-06')).toBe(0);
    expect(workingDaysLeft('2026-12-07', '2026-12-06')).toBe(0);
    expect(workingDaysLeft('2026-12-06', '2026-12-20')).toBe(12);
    expect(workingDaysLeft('2028-02-27', '2028-03-01')).toBe(3);
    expect(workingDaysLeft('2026-12-02', '2027-12-01')).toBe(313);
  });

  it('R-13: minutes read as hours and minutes', () => {
    expect(hoursAndMinutes(480)).toBe('8 jam 0 menit');
    expect(hoursAndMinutes(95)).toBe('1 jam 35 menit');
  });

  it('CSV quotes what needs quoting (RFC 4180)', () => {
    expect(
      toCsv([
        ['a', 'b,c'],
        ['say "hi"', 3],
      ]),
    ).toBe('a,"b,c"\r\n"say ""hi""",3\r\n');
  });
});
