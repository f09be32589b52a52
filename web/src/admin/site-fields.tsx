import { t } from '../i18n.js';
import '../messages-more.js';
import { Field } from '../ui.js';
import { SiteMap } from './site-map.js';

/** Where a site is, as typed (form fields hold text until they are sent). */
export interface PlaceText {
  name: string;
  address: string;
  lat: string;
  lng: string;
  radiusMeters: string;
}

/** How a site is used, as typed. */
export interface UseText {
  workType: string;
  defaultCapacity: string;
  minorsAllowed: string;
}

type Change<T> = (change: Partial<T>) => void;

const onText =
  <T,>(onChange: Change<T>, name: keyof T) =>
  (e: { currentTarget: { value: string } }) =>
    onChange({ [name]: e.currentTarget.value } as Partial<T>);

/**
 * A site's place, for a new site and for a correction: the map (a click sets the point) next to the latitude,
 * longitude and radius fields (the keyboard's way to set them), the name and the address.
 */
export function SitePlace({ value, onChange }: { value: PlaceText; onChange: Change<PlaceText> }) {
  const set = (name: keyof PlaceText) => onText(onChange, name);
  const position =
    value.lat !== '' && value.lng !== '' && !isNaN(Number(value.lat)) && !isNaN(Number(value.lng))
      ? { lat: Number(value.lat), lng: Number(value.lng) }
      : null;
  return (
    <div class="split">
      <SiteMap
        position={position}
        radiusMeters={Number(value.radiusMeters) || 0}
        onPick={(p) => onChange({ lat: String(p.lat), lng: String(p.lng) })}
      />
      <div class="stack">
        <div class="grid">
          <Field label={t('admin.lat')}>
            <input required type="number" step="any" min={-90} max={90} value={value.lat} onInput={set('lat')} />
          </Field>
          <Field label={t('admin.lng')}>
            <input required type="number" step="any" min={-180} max={180} value={value.lng} onInput={set('lng')} />
          </Field>
          <Field label={t('admin.radiusField')}>
            <input required type="number" min={10} value={value.radiusMeters} onInput={set('radiusMeters')} />
          </Field>
        </div>
        <Field label={t('admin.name')}>
          <input required value={value.name} onInput={set('name')} />
        </Field>
        <Field label={t('person.address')}>
          <input required value={value.address} onInput={set('address')} />
        </Field>
      </div>
    </div>
  );
}

/** The labels of a site's fields, for the server's errors about them (see ErrorBox). */
export const siteLabels = (): Record<string, string> => ({
  name: t('admin.name'),
  address: t('person.address'),
  'location.lat': t('admin.lat'),
  'location.lng': t('admin.lng'),
  radiusMeters: t('admin.radiusField'),
  workType: t('admin.workType'),
  defaultCapacity: t('admin.capacity'),
  minorsAllowed: t('admin.minorsField'),
  agreementId: t('admin.agreement'),
});

/** The kind of work, the default capacity and whether minors may work there: fields of a form's grid. */
export function SiteUse({ value, onChange }: { value: UseText; onChange: Change<UseText> }) {
  const set = (name: keyof UseText) => onText(onChange, name);
  return (
    <>
      <Field label={t('admin.workType')}>
        <input required value={value.workType} onInput={set('workType')} />
      </Field>
      <Field label={t('admin.capacity')}>
        <input
          required
          type="number"
          min={1}
          max={100}
          value={value.defaultCapacity}
          onInput={set('defaultCapacity')}
        />
      </Field>
      <Field label={t('admin.minorsField')} hint={t('admin.minorsHint')}>
        <select value={value.minorsAllowed} onChange={set('minorsAllowed')}>
          <option value="false">{t('admin.no')}</option>
          <option value="true">{t('admin.yes')}</option>
        </select>
      </Field>
    </>
  );
}
