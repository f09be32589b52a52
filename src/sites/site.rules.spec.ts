import { expectCatalogMatches } from '../../test/support/catalog.js';
import { changeViolations, closesToMinors, givenFields, minorsConflicts, siteMessages } from './site.rules.js';

describe('givenFields and changeViolations', () => {
  it('names only the fields a change gives, in a fixed order; false and 0-like values count as given', () => {
    expect(givenFields({ radiusMeters: 250, address: 'Jl. Baru', name: undefined })).toEqual([
      'address',
      'radiusMeters',
    ]);
    expect(givenFields({ minorsAllowed: false })).toEqual(['minorsAllowed']);
  });

  it('refuses a change that gives nothing, naming every field that may be given (agencyId and timezone are not)', () => {
    const [violation] = changeViolations({});
    expect(violation.code).toBe('site.nothing_to_change');
    const named = String(violation.params?.fields).split(', ');
    expect(named).toHaveLength(8);
    expect(named).toEqual(expect.arrayContaining(['location', 'radiusMeters', 'minorsAllowed', 'agreementId']));
    expect(named).not.toContain('agencyId');
    expect(named).not.toContain('timezone');
    expect(changeViolations({ defaultCapacity: 4 })).toEqual([]);
  });
});

describe('closesToMinors and minorsConflicts', () => {
  it('R-11 counts child bookings only when a site open to minors is closed to them', () => {
    expect(closesToMinors({ minorsAllowed: true }, { minorsAllowed: false })).toBe(true);
    expect(closesToMinors({ minorsAllowed: true }, {})).toBe(false);
    expect(closesToMinors({ minorsAllowed: false }, { minorsAllowed: false })).toBe(false);
    expect(closesToMinors({ minorsAllowed: false }, { minorsAllowed: true })).toBe(false);
  });

  it('R-11 refuses to close a site to minors while a child booking there is not over', () => {
    expect(minorsConflicts(0)).toEqual([]);
    expect(minorsConflicts(2)).toEqual([
      { field: 'minorsAllowed', code: 'site.minors_still_booked', params: { count: 2 } },
    ]);
  });
});

describe('siteMessages', () => {
  it('R-11 has an Indonesian and English message for every code, with the violation params as placeholders', () => {
    expectCatalogMatches(siteMessages, [...changeViolations({}), ...minorsConflicts(1)]);
  });
});
