import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { allAgencies } from '../api/pages.js';
import { t } from '../i18n.js';
import '../messages-more.js';
import { ownAgency } from '../own-agency.js';
import { PAGE, Pager } from '../paged.js';
import { formatInstant } from '../time.js';
import { Loading, Page, useLoad } from '../ui.js';

/** The export log: every download, newest first, with who, what and how many persons it names. */
export default function ExportLog() {
  const [offset, setOffset] = useState(0);
  const loaded = useLoad(async () => {
    const [exports, agencies, own] = await Promise.all([
      ok(api.GET('/api/v1/exports', { params: { query: { limit: PAGE, offset } } })),
      allAgencies(),
      ownAgency(),
    ]);
    // The office's zone for the times of the downloads.
    return { exports, agencies: new Map(agencies.map((a) => [a.id, a.name])), zone: own.timezone };
  }, [offset]);
  const data = loaded.data;
  return (
    <Page title={t('exports.title')} wide>
      <p>{t('exports.intro')}</p>
      <Loading loaded={loaded} />
      {data ? (
        <>
          <div class="table-wrap">
            <table data-testid="export-log">
              <caption class="sub">{t('exports.count', { total: data.exports.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('order.when')}</th>
                  <th scope="col">{t('login.username')}</th>
                  <th scope="col">{t('exports.kind')}</th>
                  <th scope="col">{t('exports.format')}</th>
                  <th scope="col">{t('exports.subject')}</th>
                  <th scope="col">{t('exports.persons')}</th>
                </tr>
              </thead>
              <tbody>
                {data.exports.items.map((e) => (
                  <tr key={e.id}>
                    <td>{formatInstant(e.at, data.zone)}</td>
                    <td>{e.username}</td>
                    <td>{t(`exports.kind.${e.kind}` as 'exports.kind.monthly_report')}</td>
                    <td>{e.format.toUpperCase()}</td>
                    <td>
                      {e.agencyId ? (data.agencies.get(e.agencyId) ?? e.agencyId) : ''}
                      {e.month ? ` · ${e.month}` : ''}
                      {e.orderId ? <span class="sub"> {t('exports.order', { id: e.orderId.slice(0, 8) })}</span> : null}
                    </td>
                    <td>{e.personCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label={t('exports.pages')}
            total={data.exports.total}
            list={{ offset, setOffset }}
            previous={t('exports.newer')}
            next={t('exports.older')}
          />
        </>
      ) : null}
    </Page>
  );
}
