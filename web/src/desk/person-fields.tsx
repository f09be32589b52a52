import type { components } from '../api/schema.js';
import { t } from '../i18n.js';
import { Field } from '../ui.js';

type Person = components['schemas']['Person'];
type Religion = NonNullable<Person['religion']>;
const RELIGIONS: readonly Religion[] = ['islam', 'protestant', 'catholic', 'hindu', 'buddhist', 'konghucu', 'other'];

/** What the planner and the booking rules need to know of a person besides their windows: faith, home, language. */
export interface PersonDetails {
  religion: Religion | '';
  worshipDefaults: boolean;
  /** The home's latitude and longitude as typed (a comma or a point for decimals). */
  lat: string;
  lng: string;
  locale: Person['locale'];
}

export const NO_DETAILS: PersonDetails = { religion: '', worshipDefaults: true, lat: '', lng: '', locale: 'id' };

/** The details as the API has them. */
export function detailsOf(person: Pick<Person, 'religion' | 'worshipDefaults' | 'home' | 'locale'>): PersonDetails {
  return {
    religion: person.religion ?? '',
    worshipDefaults: person.worshipDefaults,
    lat: person.home ? String(person.home.lat) : '',
    lng: person.home ? String(person.home.lng) : '',
    locale: person.locale,
  };
}

/**
 * The home as the API takes it: null when both are empty. A typo is sent as NaN, which JSON writes as null: the
 * server refuses it naming the field (detailLabels).
 */
export function homeOf(details: PersonDetails): Person['home'] {
  if (!details.lat.trim() && !details.lng.trim()) return null;
  const number = (typed: string) => (typed.trim() ? Number(typed.trim().replace(',', '.')) : Number.NaN);
  return { lat: number(details.lat), lng: number(details.lng) };
}

/** The API's names of these fields, under the form's labels, for ErrorBox. */
export function detailLabels(): Record<string, string> {
  return {
    religion: t('person.religion'),
    home: t('person.home'),
    'home.lat': `${t('person.home')}, ${t('person.lat')}`,
    'home.lng': `${t('person.home')}, ${t('person.lng')}`,
    locale: t('person.locale'),
  };
}

/**
 * Faith (R-24's default worship windows), the home the planner measures the way to each site from (without one no
 * site is within reach), and the language of the person's messages.
 */
export function PersonDetailsFields({
  details,
  change,
}: {
  details: PersonDetails;
  change: (next: PersonDetails) => void;
}) {
  const coordinate = (name: 'lat' | 'lng') => ({
    value: details[name],
    inputMode: 'decimal' as const,
    required: Boolean(details.lat.trim() || details.lng.trim()),
    onInput: (e: { currentTarget: HTMLInputElement }) => change({ ...details, [name]: e.currentTarget.value }),
  });
  return (
    <>
      <Field label={t('person.religion')}>
        <select
          value={details.religion}
          onChange={(e) => change({ ...details, religion: e.currentTarget.value as Religion | '' })}
        >
          <option value="">{t('religion.none')}</option>
          {RELIGIONS.map((religion) => (
            <option key={religion} value={religion}>
              {t(`religion.${religion}`)}
            </option>
          ))}
        </select>
      </Field>
      <label class="check">
        <input
          type="checkbox"
          checked={details.worshipDefaults}
          onChange={(e) => change({ ...details, worshipDefaults: e.currentTarget.checked })}
        />{' '}
        {t('person.worshipDefaults')}
      </label>
      <fieldset>
        <legend>{t('person.home')}</legend>
        <p class="hint">{t('person.homeHint')}</p>
        <div class="window-row">
          <label>
            {t('person.lat')}
            <input {...coordinate('lat')} placeholder="-3.6954" />
          </label>
          <label>
            {t('person.lng')}
            <input {...coordinate('lng')} placeholder="128.1814" />
          </label>
        </div>
      </fieldset>
      <Field label={t('person.locale')}>
        <select
          value={details.locale}
          onChange={(e) => change({ ...details, locale: e.currentTarget.value as Person['locale'] })}
        >
          <option value="id">Bahasa Indonesia</option>
          <option value="en">English</option>
        </select>
      </Field>
    </>
  );
}
