import { useState } from 'preact/hooks';
import { allAgencies } from '../api/pages.js';
import { download } from '../download.js';
import { t } from '../i18n.js';
import '../messages-more.js';
import { ownAgency } from '../own-agency.js';
import { currentSession } from '../session.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';

const FORMATS = ['pdf', 'xlsx', 'csv'] as const;

/** The month before today's, `YYYY-MM`: the last complete month, the one usually asked for. */
function lastMonth(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The monthly report of the user's own agency: a Kejari for a prosecutor, a Bapas for a supervisor, the
 * OPD of a coordinator's sites; an administrator picks any agency. Every download is logged by the service.
 */
export default function MonthlyReports() {
  const user = currentSession()!.user;
  const admin = user.role === 'admin';
  // A user other than an administrator reports on their own agency only: no list of every agency to load.
  const agencies = useLoad(
    async () =>
      admin
        ? (await allAgencies()).filter((a) => a.kind !== 'kanwil')
        : [{ id: user.agencyId, name: (await ownAgency()).name }],
    [],
  );
  const reportable = agencies.data ?? [];
  const [agencyId, setAgencyId] = useState(admin ? '' : user.agencyId);
  const [month, setMonth] = useState(lastMonth());
  const [saved, setSaved] = useState<string | null>(null);
  const chosen = agencyId || reportable[0]?.id || '';
  const fetchReport = useAction(async (format: (typeof FORMATS)[number]) => {
    setSaved(null);
    const query = new URLSearchParams({ agencyId: chosen, month, format });
    setSaved(await download(`/reports/monthly?${query}`, `laporan-${month}.${format}`));
  });
  return (
    <Page title={t('reports.title')}>
      <p>{t('reports.intro')}</p>
      <Loading loaded={agencies} />
      <form class="stack" onSubmit={(event) => event.preventDefault()}>
        {admin ? (
          <Field label={t('admin.agency')}>
            <select value={chosen} onChange={(e) => setAgencyId(e.currentTarget.value)}>
              {reportable.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <p>
            {t('admin.agency')}: <strong>{reportable[0]?.name ?? '…'}</strong>
          </p>
        )}
        <Field label={t('reports.month')} hint={t('reports.monthHint')}>
          <input
            type="month"
            required
            value={month}
            max={new Date().toISOString().slice(0, 7)}
            onInput={(e) => setMonth(e.currentTarget.value)}
          />
        </Field>
        <div class="actions" role="group" aria-label={t('reports.formats')}>
          {FORMATS.map((format) => (
            <button
              key={format}
              type="button"
              class={format === 'pdf' ? 'primary' : undefined}
              disabled={fetchReport.busy || !chosen || !month}
              onClick={() => void fetchReport.run(format)}
            >
              {t(`reports.${format}`)}
            </button>
          ))}
        </div>
      </form>
      <ErrorBox error={fetchReport.error} />
      <p role="status" data-testid="download-status">
        {fetchReport.busy ? t('reports.preparing') : saved ? t('reports.saved', { name: saved }) : ''}
      </p>
    </Page>
  );
}
