import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import type { components } from '../api/schema.js';
import { t } from '../i18n.js';
import type { MessageKey } from '../messages.js';
import { Link } from '../router.js';
import { formatInstant } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';

type Kind = components['schemas']['MisuseSignal']['kind'];

/** Every kind the API documents, in the filter's order: a kind added or dropped there fails the build here. */
const KIND_ORDER: Record<Kind, true> = {
  outside_radius: true,
  late_record: true,
  pair_share: true,
  holiday_opened: true,
  new_account_sign_off: true,
  sign_off_burst: true,
  reversal: true,
  coordinator_off_duty: true,
};
const KINDS = Object.keys(KIND_ORDER) as Kind[];

export const kindLabel = (kind: string) => t(`signal.${kind}` as MessageKey);

/** The region's misuse signals, open first, filtered by status and kind. Nobody is named here. */
export default function Signals() {
  const [status, setStatus] = useState<'' | 'open' | 'reviewed'>('open');
  const [kind, setKind] = useState<'' | Kind>('');
  const [scanned, setScanned] = useState<number | null>(null);
  const loaded = useLoad(
    () =>
      ok(
        api.GET('/api/v1/oversight/signals', {
          params: { query: { limit: 500, ...(status ? { status } : {}), ...(kind ? { kind } : {}) } },
        }),
      ),
    [status, kind],
  );
  const scan = useAction(async () => {
    const result = await ok(api.POST('/api/v1/oversight/signals/scan'));
    setScanned(result.opened);
    loaded.reload();
  });
  return (
    <Page title={t('kanwil.signals')} wide>
      <div class="toolbar">
        <Field label={t('kanwil.status')}>
          <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as typeof status)}>
            <option value="">{t('kanwil.all')}</option>
            <option value="open">{t('kanwil.statusOpen')}</option>
            <option value="reviewed">{t('kanwil.statusReviewed')}</option>
          </select>
        </Field>
        <Field label={t('kanwil.kind')}>
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as typeof kind)}>
            <option value="">{t('kanwil.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" onClick={() => scan.run()} disabled={scan.busy}>
          {t('kanwil.scan')}
        </button>
        {scanned !== null ? <p aria-live="polite">{t('kanwil.scanned', { opened: scanned })}</p> : null}
      </div>
      <ErrorBox error={scan.error} />
      <Loading loaded={loaded} />
      {loaded.data?.items.length === 0 ? <p>{t('common.none')}</p> : null}
      <ul class="cards" aria-label={t('kanwil.signals')}>
        {loaded.data?.items.map((signal) => (
          <li key={signal.id} class="card" data-testid="signal" data-kind={signal.kind}>
            <Link href={`/kanwil/sinyal/${signal.id}`} class="card-title">
              {kindLabel(signal.kind)}
            </Link>
            <p class="sub">
              {signal.rule} · {signal.bapasName} ·{' '}
              {t('kanwil.occurred', { at: formatInstant(signal.occurredAt, signal.bapasTimezone) })} ·{' '}
              {signal.status === 'open' ? t('kanwil.statusOpen') : t('kanwil.statusReviewed')}
            </p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
