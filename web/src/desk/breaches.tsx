import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import '../messages-more.js';
import { currentSession } from '../session.js';
import type { components } from '../api/schema.js';
import { formatDate, formatInstant, formatMinutes } from '../time.js';
import { ErrorBox, Field, Loading, useAction, useLoad } from '../ui.js';

type Outcome = 'repeat' | 'imprisonment' | 'fine' | 'dismissed';
type Breach = components['schemas']['Breach'];
type DecisionRecord = Breach['decisions'][number];

/**
 * The prosecutor's decision form (Art. 85(7)); with `corrects`, a correction of the decision in force: a new
 * decision that names it, prefilled with its terms.
 */
function Decision({ breachId, corrects, done }: { breachId: string; corrects?: DecisionRecord; done: () => void }) {
  const [f, setF] = useState(() => ({
    outcome: (corrects?.outcome ?? 'repeat') as Outcome,
    decisionNumber: corrects?.decisionNumber ?? '',
    decisionDate: corrects?.decisionDate ?? '',
    note: corrects?.note ?? '',
    amount: corrects
      ? String(
          corrects.repeatMinutes
            ? corrects.repeatMinutes / 60
            : (corrects.imprisonmentDays ?? corrects.fineRupiah ?? ''),
        )
      : '',
    newEndDate: corrects?.newEndDate ?? '',
    reason: '',
  }));
  const decide = useAction(async () => {
    const amount = Number(f.amount);
    const extra =
      f.outcome === 'repeat'
        ? { repeatMinutes: Math.round(amount * 60), newEndDate: f.newEndDate }
        : f.outcome === 'imprisonment'
          ? { imprisonmentDays: amount }
          : f.outcome === 'fine'
            ? { fineRupiah: amount }
            : {};
    const body = {
      outcome: f.outcome,
      decisionNumber: f.decisionNumber,
      decisionDate: f.decisionDate,
      note: f.note,
      ...extra,
    };
    const path = { params: { path: { id: breachId } } };
    if (corrects)
      await ok(
        api.POST('/api/v1/breaches/{id}/decision/corrections', {
          ...path,
          body: { ...body, correctsId: corrects.id, reason: f.reason } as never,
        }),
      );
    else await ok(api.POST('/api/v1/breaches/{id}/decision', { ...path, body: body as never }));
    done();
  });
  const amountLabel = {
    repeat: t('breach.repeatHours'),
    imprisonment: t('newOrder.days'),
    fine: t('newOrder.amount'),
    dismissed: '',
  }[f.outcome];
  const heading = `h-decide-${breachId}`;
  return (
    <form
      class="inline-form"
      aria-labelledby={heading}
      onSubmit={(event) => {
        event.preventDefault();
        void decide.run();
      }}
    >
      <h3 id={heading}>{corrects ? t('breach.correctTitle') : t('breach.decideTitle')}</h3>
      <p class="legal">{corrects ? t('breach.correctHint') : t('breach.decisionHint')}</p>
      {corrects ? (
        <Field label={t('breach.correctionReason')}>
          <input required value={f.reason} onInput={(e) => setF({ ...f, reason: e.currentTarget.value })} />
        </Field>
      ) : null}
      <div class="grid">
        <Field label={t('breach.outcome')}>
          <select value={f.outcome} onChange={(e) => setF({ ...f, outcome: e.currentTarget.value as Outcome })}>
            {(['repeat', 'imprisonment', 'fine', 'dismissed'] as const).map((o) => (
              <option key={o} value={o}>
                {t(`breach.${o}`)}
              </option>
            ))}
          </select>
        </Field>
        {f.outcome !== 'dismissed' ? (
          <Field label={amountLabel}>
            <input
              required
              type="number"
              min={1}
              value={f.amount}
              onInput={(e) => setF({ ...f, amount: e.currentTarget.value })}
            />
          </Field>
        ) : null}
        {f.outcome === 'repeat' ? (
          <Field label={t('breach.newEndDate')} hint={t('breach.newEndDateHint')}>
            <input
              required
              type="date"
              value={f.newEndDate}
              onInput={(e) => setF({ ...f, newEndDate: e.currentTarget.value })}
            />
          </Field>
        ) : null}
        <Field label={t('breach.number')}>
          <input
            required
            value={f.decisionNumber}
            onInput={(e) => setF({ ...f, decisionNumber: e.currentTarget.value })}
          />
        </Field>
        <Field label={t('breach.date')}>
          <input
            required
            type="date"
            value={f.decisionDate}
            onInput={(e) => setF({ ...f, decisionDate: e.currentTarget.value })}
          />
        </Field>
      </div>
      <Field label={t('roll.note')}>
        <textarea required value={f.note} onInput={(e) => setF({ ...f, note: e.currentTarget.value })} />
      </Field>
      <ErrorBox error={decide.error} />
      <button type="submit" class="primary" disabled={decide.busy}>
        {corrects ? t('breach.correctSubmit') : t('breach.decide')}
      </button>
    </form>
  );
}

function terms(d: DecisionRecord): string {
  if (d.outcome === 'repeat')
    return t('breach.termsRepeat', {
      hours: formatMinutes(d.repeatMinutes ?? 0),
      end: formatDate(d.newEndDate!, 'short'),
    });
  if (d.outcome === 'imprisonment') return t('breach.termsDays', { days: d.imprisonmentDays ?? 0 });
  if (d.outcome === 'fine') return t('breach.termsRupiah', { amount: (d.fineRupiah ?? 0).toLocaleString('id-ID') });
  return '';
}

/** Every decision of a report, the first first; the last is in force, the earlier ones were corrected. */
function History({ decisions, zone }: { decisions: DecisionRecord[]; zone: string }) {
  if (!decisions.length) return null;
  return (
    <ol class="history" aria-label={t('breach.history')} data-testid="decision-history">
      {decisions.map((d, i) => (
        <li key={d.id} class={i === decisions.length - 1 ? 'in-force' : 'corrected'}>
          <strong>{t(`breach.${d.outcome}` as 'breach.repeat')}</strong> {terms(d)} ·{' '}
          {t('breach.decisionRef', { number: d.decisionNumber, date: formatDate(d.decisionDate, 'short') })} ·{' '}
          <span class="sub">{formatInstant(d.decidedAt, zone)}</span>{' '}
          <span class="status">{i === decisions.length - 1 ? t('breach.inForce') : t('breach.corrected')}</span>
          {d.correctionReason ? (
            <div class="sub">{t('breach.correctionOf', { reason: d.correctionReason })}</div>
          ) : null}
          <div>{d.note}</div>
        </li>
      ))}
    </ol>
  );
}

/** Breach reports of an order: the supervisor reports, the prosecutor decides (Art. 85(7)). */
export function Breaches({
  orderId,
  orderStatus,
  zone,
  changed,
}: {
  orderId: string;
  orderStatus: string;
  zone: string;
  changed: () => void;
}) {
  const role = currentSession()?.user.role;
  const loaded = useLoad(() => ok(api.GET('/api/v1/breaches', { params: { query: { orderId } } })), [orderId]);
  const [reason, setReason] = useState('');
  const report = useAction(async () => {
    await ok(api.POST('/api/v1/orders/{id}/breaches', { params: { path: { id: orderId } }, body: { reason } }));
    setReason('');
    loaded.reload();
    changed();
  });
  const done = () => {
    loaded.reload();
    changed();
  };
  const breaches = loaded.data?.items ?? [];
  return (
    <section aria-labelledby="h-breaches">
      <h2 id="h-breaches">{t('breach.title', { count: breaches.length })}</h2>
      <Loading loaded={loaded} />
      <ul class="cards">
        {breaches.map((b) => (
          <li key={b.id} class="card" data-testid="breach">
            <strong>{t(`breach.grounds.${b.grounds}` as 'breach.grounds.reported_by_supervisor')}</strong> ·{' '}
            {formatInstant(String(b.openedAt), zone)} · {t(`breach.status.${b.status}` as 'breach.status.open')}
            {b.reason ? <p>{b.reason}</p> : null}
            <History decisions={b.decisions} zone={zone} />
            {role === 'prosecutor' && b.status === 'open' ? <Decision breachId={b.id} done={done} /> : null}
            {role === 'prosecutor' && b.decision ? (
              <details class="correction">
                <summary>{t('breach.correct')}</summary>
                <Decision key={b.decision.id} breachId={b.id} corrects={b.decisions.at(-1)} done={done} />
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {role === 'supervisor' && orderStatus === 'active' ? (
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void report.run();
          }}
        >
          <Field label={t('breach.reason')} hint={t('breach.reportHint')}>
            <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
          <ErrorBox error={report.error} />
          <button type="submit" disabled={report.busy}>
            {t('breach.report')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
