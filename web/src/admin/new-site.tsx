import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { allAgencies, allAgreements, allItems } from '../api/pages.js';
import { t } from '../i18n.js';
import '../messages-more.js';
import { navigate } from '../router.js';
import { ZONES, zoneLabel } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';
import { SitePlace, siteLabels, SiteUse } from './site-fields.js';

async function load() {
  const [opds, coordinators, agreements] = await Promise.all([
    allAgencies('opd'),
    allItems((page) => ok(api.GET('/api/v1/users', { params: { query: { ...page, role: 'coordinator' } } }))),
    allAgreements(),
  ]);
  return { opds, coordinators, agreements };
}

/** A new work site: its fields, and its position set by a click on the map (or typed), with the radius drawn. */
export default function NewSite() {
  const loaded = useLoad(load, []);
  const [f, setF] = useState({
    name: '',
    agencyId: '',
    agreementId: '',
    workType: '',
    address: '',
    lat: '',
    lng: '',
    radiusMeters: '150',
    timezone: ZONES[2],
    defaultCapacity: '10',
    minorsAllowed: 'false',
    coordinatorId: '',
  });
  const set = (name: keyof typeof f) => (e: { currentTarget: { value: string } }) =>
    setF({ ...f, [name]: e.currentTarget.value });
  const merge = (change: Partial<typeof f>) => setF((current) => ({ ...current, ...change }));
  const data = loaded.data;
  const first = (value: string, options: { id: string }[] | undefined) => value || options?.[0]?.id || '';
  const save = useAction(async () => {
    const site = await ok(
      api.POST('/api/v1/sites', {
        body: {
          name: f.name,
          agencyId: first(f.agencyId, data?.opds),
          agreementId: first(f.agreementId, data?.agreements),
          workType: f.workType,
          address: f.address,
          location: { lat: Number(f.lat), lng: Number(f.lng) },
          radiusMeters: Number(f.radiusMeters),
          timezone: f.timezone,
          defaultCapacity: Number(f.defaultCapacity),
          minorsAllowed: f.minorsAllowed === 'true',
          coordinatorIds: f.coordinatorId ? [f.coordinatorId] : [],
        },
      }),
    );
    navigate(`/admin/lokasi/${site.id}`);
  });
  return (
    <Page title={t('admin.newSite')} wide>
      <Loading loaded={loaded} />
      {data ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save.run();
          }}
        >
          <SitePlace value={f} onChange={merge} />
          <div class="grid">
            <Field label={t('admin.host')}>
              <select value={f.agencyId} onChange={set('agencyId')}>
                {data.opds.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('admin.agreement')}>
              <select value={f.agreementId} onChange={set('agreementId')}>
                {data.agreements.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.number}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('admin.zone')}>
              <select value={f.timezone} onChange={set('timezone')}>
                {ZONES.map((z) => (
                  <option key={z} value={z}>
                    {zoneLabel(z)} ({z})
                  </option>
                ))}
              </select>
            </Field>
            <SiteUse value={f} onChange={merge} />
            <Field label={t('admin.coordinator')}>
              <select value={f.coordinatorId} onChange={set('coordinatorId')}>
                <option value="">—</option>
                {data.coordinators.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.fullName}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <ErrorBox
            error={save.error}
            labels={{
              ...siteLabels(),
              agencyId: t('admin.host'),
              timezone: t('admin.zone'),
              coordinatorIds: t('admin.coordinator'),
            }}
          />
          <button type="submit" class="primary" disabled={save.busy}>
            {t('common.save')}
          </button>
        </form>
      ) : null}
    </Page>
  );
}
