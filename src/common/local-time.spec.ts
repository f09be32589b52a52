import { earliestLocalDate, localDate, longDate, zoneAbbreviation } from './local-time.js';

describe('local time words (R-22)', () => {
  const noon = new Date('2026-12-02T05:00:00Z');

  it("names Indonesia's three zones", () => {
    expect(zoneAbbreviation('Asia/Jakarta', noon)).toBe('WIB');
    expect(zoneAbbreviation('Asia/Makassar', noon)).toBe('WITA');
    expect(zoneAbbreviation('Asia/Jayapura', noon)).toBe('WIT');
    expect(zoneAbbreviation('Europe/Amsterdam', noon)).toBe('UTC+1');
  });

  it('writes dates in Indonesian or English', () => {
    expect(longDate('2026-12-02', 'id')).toBe('Rabu, 2 Desember 2026');
    expect(longDate('2026-12-02', 'en')).toBe('Wednesday, 2 December 2026');
  });

  it('gives the local date of an instant: 23:00 UTC is already the next day in WIT', () => {
    const late = new Date('2026-12-01T23:00:00Z');
    expect(localDate(late, 'Asia/Jayapura')).toBe('2026-12-02');
    expect(localDate(late, 'Asia/Jakarta')).toBe('2026-12-02');
    expect(localDate(new Date('2026-12-01T16:30:00Z'), 'Asia/Jakarta', 1)).toBe('2026-12-02');
  });

  it("R-22: the earliest local date of several zones is the westernmost one's, not the UTC date", () => {
    const wibMorning = new Date('2026-12-01T23:30:00Z');
    expect(earliestLocalDate(wibMorning, ['Asia/Jayapura', 'Asia/Jakarta'])).toBe('2026-12-02');
    const wibLateEvening = new Date('2026-12-02T16:30:00Z');
    expect(earliestLocalDate(wibLateEvening, ['Asia/Jayapura', 'Asia/Makassar', 'Asia/Jakarta'])).toBe('2026-12-02');
    expect(earliestLocalDate(wibLateEvening, ['Asia/Jayapura'])).toBe('2026-12-03');
  });
});
