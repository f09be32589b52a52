import type { ComponentChildren } from 'preact';
import { t } from '../i18n.js';
import '../messages-more.js';
import { Field } from '../ui.js';
import { SiteMap } from './site-map.js';

/** The position and radius as typed (form fields hold text until they are sent). */
export interface PositionText {
  lat: string;
  lng: string;
  radiusMeters: string;
}

/**
 * A site's position and roll-call radius, for a new site and for a correction: the map (a click sets the point)
 * next to the latitude, longitude and radius fields, the keyboard's way to set them; `children` below the fields.
 */
export function SitePosition({
  value,
  onChange,
  children,
}: {
  value: PositionText;
  onChange: (change: Partial<PositionText>) => void;
  children?: ComponentChildren;
}) {
  const set = (name: keyof PositionText) => (e: { currentTarget: { value: string } }) =>
    onChange({ [name]: e.currentTarget.value });
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
        {children}
      </div>
    </div>
  );
}
