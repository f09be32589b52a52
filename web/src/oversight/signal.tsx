import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { auditAction } from '../audit-action.js';
import { t } from '../i18n.js';
import { Link } from '../router.js';
import { formatInstant } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';
import { factLabel, factValue, recordLabel } from './facts.js';
import { kindLabel } from './signals.js';

/**
 * One signal: the rule, what was measured against its threshold, the records it points at, and the
 * compliance officer's review. Opening it, and following its evidence to the audit trail, is audited.
 */
export default function SignalPage({ params }: { params: { signalId: string } }) {
  const path = { params: { path: { id: params.signalId } } };
  const loaded = useLoad(() => ok(api.GET('/api/v1/oversight/signals/{id}', path)), [params.signalId]);
  const [trail, setTrail] = useState<
    { id: string; at: string; actorName: string | null; action: string; entityType: string }[] | null
  >(null);
  const follow = useAction(async () =>
    setTrail((await ok(api.GET('/api/v1/oversight/signals/{id}/trail', path))).items),
  );
  const [note, setNote] = useState('');
  const review = useAction(async () => {
    await ok(api.POST('/api/v1/oversight/signals/{id}/review', { ...path, body: { note } }));
    loaded.reload();
  });
  const signal = loaded.data;
  return (
    <Page title={signal ? kindLabel(signal.kind) : t('kanwil.signals')} wide>
      <p>
        <Link href="/kanwil/sinyal">{t('kanwil.back')}</Link>
      </p>
      <Loading loaded={loaded} />
      {signal ? (
        <>
          <p class="sub" data-testid="signal-head">
            {signal.rule} · {signal.bapasName} ·{' '}
            {t('kanwil.occurred', { at: formatInstant(signal.occurredAt, signal.bapasTimezone) })}
          </p>
          {signal.caseNumber ? (
            <p>{t('kanwil.about', { caseNumber: signal.caseNumber, personName: signal.personName ?? '' })}</p>
          ) : null}
          <h2>{t('kanwil.facts')}</h2>
          <dl class="facts">
            {signal.facts.map((fact) => (
              <div key={fact.name}>
                <dt>{factLabel(fact.name)}</dt>
                <dd>{factValue(fact.value, signal.bapasTimezone)}</dd>
              </div>
            ))}
          </dl>
          <h2>{t('kanwil.evidence')}</h2>
          <ul data-testid="evidence">
            {signal.evidence.map((record) => (
              <li key={`${record.type}:${record.id}`}>
                <span class="sub">{recordLabel(record.type)}</span> {record.label}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => follow.run()} disabled={follow.busy}>
            {t('kanwil.trail')}
          </button>
          <ErrorBox error={follow.error} />
          {trail ? (
            <section aria-labelledby="h-trail">
              <h2 id="h-trail">{t('kanwil.trailTitle')}</h2>
              <ol data-testid="trail">
                {[...trail]
                  .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
                  .map((event) => (
                    <li key={event.id}>
                      {formatInstant(event.at, signal.bapasTimezone)} · {auditAction(event.action)} ·{' '}
                      {event.actorName ?? '—'}
                    </li>
                  ))}
              </ol>
            </section>
          ) : null}
          <h2>{t('kanwil.review')}</h2>
          {signal.status === 'reviewed' ? (
            <div data-testid="review">
              <p>{signal.reviewNote}</p>
              <p class="sub">
                {t('kanwil.reviewedBy', {
                  name: signal.reviewedBy ?? '',
                  at: formatInstant(signal.reviewedAt!, signal.bapasTimezone),
                })}
              </p>
            </div>
          ) : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                review.run();
              }}
            >
              <Field label={t('kanwil.note')}>
                <textarea value={note} required onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
              </Field>
              <ErrorBox error={review.error} />
              <button type="submit" class="primary" disabled={review.busy}>
                {t('kanwil.markReviewed')}
              </button>
            </form>
          )}
        </>
      ) : null}
    </Page>
  );
}
