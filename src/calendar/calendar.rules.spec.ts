import { provisionalHolidays, yearsToCover, yearsWithoutOfficialCalendar } from './calendar.rules.js';

describe('calendar beyond the loaded years (R-23)', () => {
  it('a year without its joint decree has the five fixed-date national holidays', () => {
    expect(provisionalHolidays(2027).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-05-01',
      '2027-06-01',
      '2027-08-17',
      '2027-12-25',
    ]);
  });

  it('this year and the next two are covered', () => {
    expect(yearsToCover('2026-12-01')).toEqual([2026, 2027, 2028]);
  });

  it('names the years of the dates whose official calendar is missing', () => {
    expect(yearsWithoutOfficialCalendar(['2026-12-30', '2027-01-04', '2027-02-01'], new Set([2026]))).toEqual([2027]);
    expect(yearsWithoutOfficialCalendar(['2026-12-30'], new Set([2026]))).toEqual([]);
  });
});
