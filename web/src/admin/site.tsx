import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import '../messages-more.js';
import { Link, useLocation } from '../router.js';
import { formatInstant, zoneLabel } from '../time.js';
import { Loading, Page, useLoad } from '../ui.js';
import { SiteMap } from './site-map.js';

async function load(siteId: string) {
  const site = await ok(api.GET('/api/v1/sites/{siteId}', { params: { path: { siteId } } }));
  const id = site.coordinatorIds;
  const [host, agreement, coordinators] = await Promise.all([
    ok(api.GET('/api/v1/agencies/{id}', { params: { path: { id: site.agencyId } } })),
    ok(api.GET('/api/v1/agreements/{id}', { params: { path: { id: site.agreementId } } })),
    id.length ? ok(api.GET('/api/v1/users', { params: { query: { id, limit: 500 } } })) : { items: [] },
  ]);
  return {
    site,
    host: host.name,
    agreement,
    coordinators: coordinators.items.map((u) => u.fullName),
  };
}

/**
 * A work site: where it is (on the map, with its roll-call radius), who hosts it, its capacity and coordinators;
 * "Ubah lokasi" leads to its correction.
 */
export default function SitePage({ params }: { params: { siteId: string } }) {
  const loaded = useLoad(() => load(params.siteId), [params.siteId]);
  const { query } = useLocation();
  const data = loaded.data;
  if (!data) {
    return (
      <Page title={t('desk.site')}>
        <Loading loaded={loaded} />
      </Page>
    );
  }
  const { site } = data;
  return (
    <Page title={site.name} wide>
      <p>
        <Link href="/admin">{t('user.back')}</Link>
      </p>
      <p role="status">{query.has('diubah') ? t('siteEdit.saved') : ''}</p>
      <p>
        <Link href={`/admin/lokasi/${site.id}/ubah`} class="button">
          {t('siteEdit.edit')}
        </Link>
      </p>
      <div class="split">
        <SiteMap position={site.location} radiusMeters={site.radiusMeters} />
        <dl class="facts">
          <dt>{t('person.address')}</dt>
          <dd>{site.address}</dd>
          <dt>{t('admin.host')}</dt>
          <dd>{data.host}</dd>
          <dt>{t('admin.agreement')}</dt>
          <dd>
            {data.agreement
              ? `${data.agreement.number} (${data.agreement.validFrom} – ${data.agreement.validTo})`
              : '—'}
          </dd>
          <dt>{t('admin.workType')}</dt>
          <dd>{site.workType}</dd>
          <dt>{t('admin.position')}</dt>
          <dd>
            {site.location.lat.toFixed(5)}, {site.location.lng.toFixed(5)} ·{' '}
            {t('admin.radius', { meters: site.radiusMeters, zone: zoneLabel(site.timezone) })}
          </dd>
          <dt>{t('admin.capacity')}</dt>
          <dd>
            {site.defaultCapacity}
            {site.minorsAllowed ? ` · ${t('admin.minors')}` : ''}
          </dd>
          <dt>{t('admin.coordinators')}</dt>
          <dd>{data.coordinators.join(', ') || '—'}</dd>
          <dt>{t('site.since')}</dt>
          <dd>{formatInstant(site.createdAt, site.timezone)}</dd>
        </dl>
      </div>
    </Page>
  );
}
