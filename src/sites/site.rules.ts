import { defineMessages } from '../common/messages.js';
import type { RuleViolation } from '../common/rule-violation.js';

/** What an administrator may correct on a site; the host agency and the time zone are not among them. */
export const EDITABLE_SITE_FIELDS = [
  'name',
  'workType',
  'address',
  'location',
  'radiusMeters',
  'defaultCapacity',
  'minorsAllowed',
  'agreementId',
] as const;

export type SiteChange = Partial<Record<(typeof EDITABLE_SITE_FIELDS)[number], unknown>>;

export const siteMessages = defineMessages({
  'site.nothing_to_change': {
    id: 'Isi paling sedikit satu kolom yang diubah: {fields}.',
    en: 'Give at least one field to change: {fields}.',
  },
  'site.minors_still_booked': {
    id: 'Lokasi ini belum dapat ditutup untuk anak: masih ada {count} jadwal anak yang belum selesai di sini (R-11). Pindahkan atau batalkan jadwal itu dahulu.',
    en: 'The site cannot be closed to minors yet: {count} bookings of children here are not over (R-11). Move or cancel them first.',
  },
});

/** The fields a change gives (a field left out of the body is undefined on the DTO). */
export function givenFields(change: SiteChange): string[] {
  return EDITABLE_SITE_FIELDS.filter((field) => change[field] !== undefined);
}

/** A change that gives no field would change nothing: refused, naming what may be given. */
export function changeViolations(change: SiteChange): RuleViolation[] {
  return givenFields(change).length > 0
    ? []
    : [{ code: 'site.nothing_to_change', params: { fields: EDITABLE_SITE_FIELDS.join(', ') } }];
}

/** whether the change closes a site that children may work at (only then are its child bookings counted). */
export function closesToMinors(site: { minorsAllowed: boolean }, change: { minorsAllowed?: boolean }): boolean {
  return site.minorsAllowed && change.minorsAllowed === false;
}

/**
 * a child works only at sites suitable for minors, so a site is not closed to them while a child's booking
 * there is not over (scheduled or under way): the supervisor moves or cancels it first.
 */
export function minorsConflicts(childBookingsNotOver: number): RuleViolation[] {
  return childBookingsNotOver === 0
    ? []
    : [{ field: 'minorsAllowed', code: 'site.minors_still_booked', params: { count: childBookingsNotOver } }];
}
