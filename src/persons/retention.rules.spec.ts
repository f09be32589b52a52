import { anonymisedFields, placeholderNik, retentionCutoff } from './retention.rules.js';

const ID = '3f2a9c1e-0000-4000-8000-000000000001';

describe('R-30 retention', () => {
  it('R-30: the cutoff is the same moment whole years earlier', () => {
    expect(retentionCutoff(new Date('2031-12-02T03:40:00Z'), 5).toISOString()).toBe('2026-12-02T03:40:00.000Z');
  });

  it('R-30: from 29 February the cutoff falls back to 28 February', () => {
    expect(retentionCutoff(new Date('2032-02-29T00:00:00Z'), 5).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });

  it('R-30: the placeholder NIK has 16 digits, never a real province code, and differs by attempt', () => {
    const first = placeholderNik(ID);
    expect(first).toMatch(/^00[0-9]{14}$/);
    expect(placeholderNik(ID)).toBe(first);
    expect(placeholderNik(ID, 1)).not.toBe(first);
    expect(placeholderNik('3f2a9c1e-0000-4000-8000-000000000002')).not.toBe(first);
  });

  it('R-30: the name, NIK, contacts, faith and reasons go; the birth year and the windows stay', () => {
    const at = new Date('2032-01-01T00:00:00Z');
    const fields = anonymisedFields(
      {
        id: ID,
        birthDate: '1990-04-12',
        unavailable: [{ weekday: 1, from: '07:00', to: '12:00', reason: 'berjualan di pasar' }],
      },
      placeholderNik(ID),
      at,
    );
    expect(fields).toEqual({
      fullName: 'Anonim 3f2a9c1e',
      nik: placeholderNik(ID),
      birthDate: '1990-01-01',
      religion: null,
      phone: null,
      address: null,
      homeLat: null,
      homeLng: null,
      unavailable: [{ weekday: 1, from: '07:00', to: '12:00' }],
      anonymisedAt: at,
    });
  });
});
