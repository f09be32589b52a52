import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import { Link } from '../router.js';
import { formatMinutes } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';
import { BarChart } from './bar-chart.js';

const hours = (minutes: number) => Math.round(minutes / 60);
/** A figure as `show` writes it, or a dash when there is none. */
const orNone = (value: number | null | undefined, show: (value: number) => string) =>
  value === null || value === undefined ? '–' : show(value);
const percent = (value: number) => `${value}%`;

/** The Kanwil's region over a month: charts first, the same figures in a table, and the workbook. */
export default function RegionalDashboard() {
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const loaded = useLoad(() => ok(api.GET('/api/v1/oversight/summary', { params: { query: { month } } })), [month]);
  const download = useAction(async () => {
    const { data, response } = await api.GET('/api/v1/oversight/summary', {
      params: { query: { month, format: 'xlsx' } },
      parseAs: 'blob',
    });
    if (!response.ok || !data) throw new Error(`HTTP ${response.status}`);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(data as Blob);
    link.download = `ringkasan-wilayah-${month}.xlsx`;
    link.click();
    URL.revokeObjectURL(link.href);
  });
  const bapas = typeof loaded.data === 'object' ? loaded.data.bapas : [];
  const labels = bapas.map((b) => b.name);
  return (
    <Page title={t('kanwil.title')} wide>
      <div class="toolbar">
        <Field label={t('kanwil.month')}>
          <input type="month" value={month} onChange={(e) => setMonth((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="button" onClick={() => download.run()} disabled={download.busy}>
          {t('kanwil.xlsx')}
        </button>
        <Link href="/kanwil/sinyal" class="button">
          {t('kanwil.signals')}
        </Link>
      </div>
      <ErrorBox error={download.error} />
      <Loading loaded={loaded} />
      {bapas.length > 0 ? (
        <>
          <div class="charts">
            <BarChart
              title={t('kanwil.ordersChart')}
              labels={labels}
              series={[
                { label: t('kanwil.started'), values: bapas.map((b) => b.ordersStarted) },
                { label: t('kanwil.completed'), values: bapas.map((b) => b.ordersCompleted) },
                { label: t('kanwil.breached'), values: bapas.map((b) => b.ordersBreached) },
                { label: t('kanwil.closed'), values: bapas.map((b) => b.ordersClosed) },
              ]}
            />
            <BarChart
              title={t('kanwil.hoursChart')}
              labels={labels}
              series={[
                { label: t('kanwil.requiredHours'), values: bapas.map((b) => hours(b.requiredMinutes)) },
                { label: t('kanwil.creditedHours'), values: bapas.map((b) => hours(b.creditedMinutes)) },
              ]}
            />
            <BarChart
              title={t('kanwil.ratesChart')}
              labels={labels}
              series={[
                { label: t('kanwil.onTime'), values: bapas.map((b) => b.completedBeforeEndPercent) },
                { label: t('kanwil.absenceRate'), values: bapas.map((b) => b.absenceRatePercent) },
                { label: t('kanwil.breachRate'), values: bapas.map((b) => b.breachRatePercent) },
              ]}
            />
          </div>
          <h2 id="h-table">{t('kanwil.table')}</h2>
          <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="h-table">
            <table data-testid="summary">
              <thead>
                <tr>
                  <th scope="col">{t('kanwil.bapas')}</th>
                  <th scope="col">{t('kanwil.started')}</th>
                  <th scope="col">{t('kanwil.completed')}</th>
                  <th scope="col">{t('kanwil.breached')}</th>
                  <th scope="col">{t('kanwil.closed')}</th>
                  <th scope="col">{t('kanwil.running')}</th>
                  <th scope="col">{t('kanwil.requiredHours')}</th>
                  <th scope="col">{t('kanwil.creditedHours')}</th>
                  <th scope="col">{t('kanwil.onTime')}</th>
                  <th scope="col">{t('kanwil.absenceRate')}</th>
                  <th scope="col">{t('kanwil.breachRate')}</th>
                  <th scope="col">{t('kanwil.signOff')}</th>
                  <th scope="col">{t('kanwil.open')}</th>
                </tr>
              </thead>
              <tbody>
                {bapas.map((b) => (
                  <tr key={b.bapasId}>
                    <th scope="row">{b.name}</th>
                    <td>{b.ordersStarted}</td>
                    <td>{b.ordersCompleted}</td>
                    <td>{b.ordersBreached}</td>
                    <td>{b.ordersClosed}</td>
                    <td>{b.ordersRunning}</td>
                    <td>{hours(b.requiredMinutes)}</td>
                    <td>{hours(b.creditedMinutes)}</td>
                    <td>{orNone(b.completedBeforeEndPercent, percent)}</td>
                    <td>{orNone(b.absenceRatePercent, percent)}</td>
                    <td>{orNone(b.breachRatePercent, percent)}</td>
                    <td>
                      {orNone(b.signOffMedianMinutes, formatMinutes)} / {orNone(b.signOffP90Minutes, formatMinutes)}
                    </td>
                    <td>
                      {b.openConfirmations} / {b.openAbsences}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Page>
  );
}
