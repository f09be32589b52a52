import { createHash } from 'node:crypto';
import type { Person } from './person.entity.js';

/**
 * the moment before which an ended order counts as past its retention period: `now` minus whole calendar
 * years (29 February falls back to 28 February).
 */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(now.getUTCFullYear() - years);
  if (cutoff.getUTCMonth() !== now.getUTCMonth()) cutoff.setUTCDate(0);
  return cutoff;
}

/**
 * A 16-digit stand-in for the NIK (the column's CHECK), derived from the person's id; `attempt` gives another one
 * when it is already taken in the Bapas. It starts with 00, a province code no real NIK has, so it can never be
 * mistaken for, or collide with, a real person's number.
 */
export function placeholderNik(personId: string, attempt = 0): string {
  const digest = createHash('sha256').update(`${personId}:${attempt}`).digest();
  return `00${(digest.readBigUInt64BE(0) % 10n ** 14n).toString().padStart(14, '0')}`;
}

export function placeholderName(personId: string): string {
  return `Anonim ${personId.slice(0, 8)}`;
}

/**
 * What is left of a person after the retention period: no name, NIK, phone, address, home, religion or reasons.
 * The birth year stays (1 January of it), as do sex, school and language: age and sex are what the periodic
 * statistics count, and a year alone names nobody. Orders, ledger, attendance and audit trail are kept as they are.
 */
export function anonymisedFields(
  person: Pick<Person, 'id' | 'birthDate' | 'unavailable'>,
  nik: string,
  at: Date,
): Partial<Person> {
  return {
    fullName: placeholderName(person.id),
    nik,
    birthDate: `${person.birthDate.slice(0, 4)}-01-01`,
    religion: null,
    phone: null,
    address: null,
    homeLat: null,
    homeLng: null,
    unavailable: person.unavailable.map(({ weekday, from, to }) => ({ weekday, from, to })),
    anonymisedAt: at,
  };
}
