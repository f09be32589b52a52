import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { allAgreements } from '../api/pages.js';
import type { components } from '../api/schema.js';
import { t } from '../i18n.js';
import '../messages-more.js';
import { Link, navigate } from '../router.js';
import { formatDate, formatTime, zoneLabel } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';
import { SitePlace, siteLabels, SiteUse } from './site-fields.js';

type Site = components['schemas']['Site'];
type Agreement = components['schemas']['Agreement'];
type SiteChange = components['schemas']['UpdateSiteDto'];
type UncoveredBooking = components['schemas']['UncoveredBooking'];

async function load(siteId: string) {
  const site = await ok(api.GET('/api/v1/sites/{siteId}', { params: { path: { siteId } } }));
  const [host, agreements] = await Promise.all([
    ok(api.GET('/api/v1/agencies/{id}', { params: { path: { id: site.agencyId } } })),
    // only an agreement that covers the host agency can carry the site.
    allAgreements(site.agencyId),
  ]);
  return { site, host: host.name, agreements };
}

/** Correcting a site: one task on its own page, its fields prefilled; the map moves the position. */
export default function EditSite({ params }: { params: { siteId: string } }) {
  const loaded = useLoad(() => load(params.siteId), [params.siteId]);
  const data = loaded.data;
  return (
    <Page title={data ? t('siteEdit.title', { name: data.site.name }) : t('siteEdit.edit')} wide>
      <p>
        <Link href={`/admin/lokasi/${params.siteId}`}>{t('siteEdit.back')}</Link>
      </p>
      <Loading loaded={loaded} />
      {data ? <EditForm site={data.site} host={data.host} agreements={data.agreements} /> : null}
    </Page>
  );
}

function formOf(site: Site) {
  return {
    name: site.name,
    address: site.address,
    workType: site.workType,
    lat: String(site.location.lat),
    lng: String(site.location.lng),
    radiusMeters: String(site.radiusMeters),
    defaultCapacity: String(site.defaultCapacity),
    minorsAllowed: String(site.minorsAllowed),
    agreementId: site.agreementId,
  };
}

/** Only what the administrator changed is sent: the audit trail then shows exactly that change. */
function changeOf(site: Site, f: ReturnType<typeof formOf>): SiteChange {
  const location = { lat: Number(f.lat), lng: Number(f.lng) };
  const minorsAllowed = f.minorsAllowed === 'true';
  return {
    ...(f.name !== site.name ? { name: f.name } : {}),
    ...(f.address !== site.address ? { address: f.address } : {}),
    ...(f.workType !== site.workType ? { workType: f.workType } : {}),
    ...(location.lat !== site.location.lat || location.lng !== site.location.lng ? { location } : {}),
    ...(Number(f.radiusMeters) !== site.radiusMeters ? { radiusMeters: Number(f.radiusMeters) } : {}),
    ...(Number(f.defaultCapacity) !== site.defaultCapacity ? { defaultCapacity: Number(f.defaultCapacity) } : {}),
    ...(minorsAllowed !== site.minorsAllowed ? { minorsAllowed } : {}),
    ...(f.agreementId !== site.agreementId ? { agreementId: f.agreementId } : {}),
  };
}

/**
 * the bookings, not over, that the (renewed) agreement no longer covers. They are not the admin's to cancel,
 * so the admin is told, before going on, that their supervisors must move or cancel them.
 */
function Uncovered({ site, bookings }: { site: Site; bookings: UncoveredBooking[] }) {
  return (
    <section aria-labelledby="h-uncovered" data-testid="uncovered-bookings">
      <p role="status">{t('siteEdit.saved')}</p>
      <h2 id="h-uncovered">{t('siteEdit.uncoveredTitle', { count: bookings.length })}</h2>
      <p class="notice flag">{t('siteEdit.uncoveredIntro')}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('desk.date')}</th>
              <th scope="col">{t('desk.time')}</th>
              <th scope="col">{t('desk.status')}</th>
              <th scope="col">{t('siteEdit.order')}</th>
            </tr>
          </thead>
          <tbody>
            {bookings.map((b) => (
              <tr key={b.assignmentId}>
                <td>{formatDate(b.date, 'short')}</td>
                <td>{formatTime(b.startsAt, site.timezone)}</td>
                <td>{t(`status.${b.status}`)}</td>
                <td>
                  <code>{b.orderId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link href={`/admin/lokasi/${site.id}?diubah=1`} class="button">
          {t('siteEdit.toSite')}
        </Link>
      </p>
    </section>
  );
}

function EditForm({ site, host, agreements }: { site: Site; host: string; agreements: Agreement[] }) {
  const [f, setF] = useState(() => formOf(site));
  const [uncovered, setUncovered] = useState<UncoveredBooking[]>([]);
  const [unchanged, setUnchanged] = useState(false);
  const merge = (change: Partial<typeof f>) => setF((current) => ({ ...current, ...change }));
  const save = useAction(async () => {
    const change = changeOf(site, f);
    // Nothing changed: nothing to send (the server would refuse an empty change, naming its API fields).
    const nothing = Object.keys(change).length === 0;
    setUnchanged(nothing);
    if (nothing) return;
    const corrected = await ok(
      api.PATCH('/api/v1/sites/{siteId}', { params: { path: { siteId: site.id } }, body: change }),
    );
    if (corrected.uncoveredBookings.length) setUncovered(corrected.uncoveredBookings);
    else navigate(`/admin/lokasi/${site.id}?diubah=1`);
  });
  if (uncovered.length) return <Uncovered site={site} bookings={uncovered} />;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      <SitePlace value={f} onChange={merge} />
      <div class="grid">
        <Field label={t('admin.agreement')} hint={t('siteEdit.agreementHint')}>
          <select value={f.agreementId} onChange={(e) => merge({ agreementId: e.currentTarget.value })}>
            {agreements.map((a) => (
              <option key={a.id} value={a.id}>
                {a.number} ({a.validFrom} – {a.validTo})
              </option>
            ))}
          </select>
        </Field>
        <SiteUse value={f} onChange={merge} />
      </div>
      <p class="legal">{t('siteEdit.fixed', { host, zone: `${zoneLabel(site.timezone)} (${site.timezone})` })}</p>
      <ErrorBox error={save.error} labels={siteLabels()} />
      {unchanged ? <p role="status">{t('siteEdit.unchanged')}</p> : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {t('common.save')}
        </button>
        <Link href={`/admin/lokasi/${site.id}`}>{t('common.cancel')}</Link>
      </div>
    </form>
  );
}
