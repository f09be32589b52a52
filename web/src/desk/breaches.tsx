import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import { currentSession } from '../session.js';
import { formatInstant } from '../time.js';
import { ErrorBox, Field, Loading, useAction, useLoad } from '../ui.js';

type Outcome = 'repeat' | 'imprisonment' | 'fine' | 'dismissed';

function Decision({ breachId, done }: { breachId: string; done: () => void }) {
  const [f, setF] = useState({
    outcome: 'repeat' as Outcome,
    decisionNumber: '',
    decisionDate: '',
    note: '',
    amount: '',
  });
  const decide = useAction(async () => {
    const amount = Number(f.amount);
    const extra =
      f.outcome === 'repeat'
        ? { repeatMinutes: amount * 60 }
        : f.outcome === 'imprisonment'
          ? { imprisonmentDays: amount }
          : f.outcome === 'fine'
            ? { fineRupiah: amount }
            : {};
    await ok(
      api.POST('/api/v1/breaches/{id}/decision', {
        params: { path: { id: breachId } },
        body: {
          outcome: f.outcome,
          decisionNumber: f.decisionNumber,
          decisionDate: f.decisionDate,
          note: f.note,
          ...extra,
        } as never,
      }),
    );
    done();
  });
  const amountLabel = {
    repeat: t('breach.repeatHours'),
    imprisonment: t('newOrder.days'),
    fine: t('newOrder.amount'),
    dismissed: '',
  }[f.outcome];
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        void decide.run();
      }}
    >
      <p class="legal">{t('breach.decisionHint')}</p>
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
        {t('breach.decide')}
      </button>
    </form>
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
            {role === 'prosecutor' && b.status === 'open' ? <Decision breachId={b.id} done={done} /> : null}
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
