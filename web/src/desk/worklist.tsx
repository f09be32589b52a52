import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import type { components } from '../api/schema.js';
import { t } from '../i18n.js';
import { Link } from '../router.js';
import { currentSession } from '../session.js';
import { formatDate, formatInstant, formatMinutes, formatTime } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';

type ShiftToSignOff = components['schemas']['ShiftToSignOffResponse'];
type Review = components['schemas']['BookingToReviewResponse'];
type AtRisk = components['schemas']['OrderAtRiskResponse'];

function SignOffShift({ shift, done }: { shift: ShiftToSignOff; done: () => void }) {
  const me = currentSession()!.user.fullName;
  const [result, setResult] = useState<components['schemas']['ShiftSignOffResponse'] | null>(null);
  const signOff = useAction(async () => {
    setResult(
      await ok(api.POST('/api/v1/shifts/{shiftId}/sign-off', { params: { path: { shiftId: shift.shiftId } } })),
    );
    done();
  });
  const zone = shift.site.timezone;
  const id = `so-${shift.shiftId}`;
  return (
    <section class="card" aria-labelledby={id} data-testid="sign-off-shift">
      <h3 id={id}>
        {shift.site.name} · {formatDate(shift.date, 'short')} {formatTime(shift.startsAt, zone)}–
        {formatTime(shift.endsAt, zone)}
      </h3>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('desk.person')}</th>
              <th scope="col">{t('desk.presence')}</th>
              <th scope="col">{t('desk.worked')}</th>
              <th scope="col">{t('desk.confirmedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {shift.bookings.map((b) => (
              <tr key={b.assignmentId}>
                <td>
                  <Link href={`/pk/putusan/${b.orderId}`}>{b.personName}</Link>
                </td>
                <td>
                  {formatTime(b.checkInAt, zone)}–{formatTime(b.checkOutAt, zone)}
                  {b.penaltyMinutes ? ` (−${b.penaltyMinutes} m)` : ''}
                  {b.note ? <div class="sub">{b.note}</div> : null}
                </td>
                <td>{formatMinutes(b.workedMinutes)}</td>
                <td>{b.confirmedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="legal">{t('desk.twoSignatures', { me })}</p>
      <ErrorBox error={signOff.error} />
      {result ? (
        <ul role="status">
          {result.items.map((item) => (
            <li key={item.assignmentId}>
              {item.personName}:{' '}
              {item.outcome === 'credited'
                ? t('desk.credited', { minutes: formatMinutes(item.creditedMinutes ?? 0) })
                : item.message}
            </li>
          ))}
        </ul>
      ) : (
        <button type="button" class="primary" disabled={signOff.busy} onClick={() => void signOff.run()}>
          {t('desk.signOffShift', { count: shift.bookings.length })}
        </button>
      )}
    </section>
  );
}

function AbsenceDecision({ absence, done }: { absence: Review; done: () => void }) {
  const [reason, setReason] = useState('');
  const decide = useAction(async (excused: boolean) => {
    await ok(
      api.POST('/api/v1/assignments/{id}/absence-decision', {
        params: { path: { id: absence.assignmentId } },
        body: { excused, reason },
      }),
    );
    done();
  });
  const zone = absence.site.timezone;
  return (
    <li class="card" data-testid="absence">
      <strong>
        <Link href={`/pk/putusan/${absence.orderId}`}>{absence.personName}</Link>
      </strong>{' '}
      · {absence.site.name}, {formatInstant(absence.startsAt, zone)}
      <p>{t('desk.absenceRecorded', { by: absence.recordedBy ?? '—', reason: absence.reason ?? '—' })}</p>
      {absence.notice ? <p class="notice">{t('desk.noticeGiven', { reason: absence.notice })}</p> : null}
      <Field label={t('desk.decisionReason')} hint={t('desk.decisionHint')}>
        <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <ErrorBox error={decide.error} labels={{ reason: t('desk.decisionReason') }} />
      <div class="actions">
        <button type="button" disabled={decide.busy} onClick={() => void decide.run(true)}>
          {t('desk.excused')}
        </button>
        <button type="button" disabled={decide.busy} onClick={() => void decide.run(false)}>
          {t('desk.unexcused')}
        </button>
      </div>
    </li>
  );
}

function Risks({ title, orders }: { title: string; orders: AtRisk[] }) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {orders.length === 0 ? <p>{t('common.none')}</p> : null}
      <ul>
        {orders.map((o) => (
          <li key={o.orderId}>
            <Link href={`/pk/putusan/${o.orderId}`}>{o.personName}</Link> ({o.caseNumber},{' '}
            {t('desk.until', { date: formatDate(o.endDate, 'short') })}): {o.risks.map((r) => r.message).join('; ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The supervisor's desk: what waits for a signature or a decision, and which orders are in trouble. */
export default function Worklist() {
  const loaded = useLoad(() => ok(api.GET('/api/v1/worklist')), []);
  const list = loaded.data;
  return (
    <Page title={t('desk.title')} wide>
      <Loading loaded={loaded} />
      {list ? (
        <>
          <section aria-labelledby="h-sign">
            <h2 id="h-sign">
              {t('desk.toSignOff', { count: list.toSignOff.reduce((n, s) => n + s.bookings.length, 0) })}
            </h2>
            {list.toSignOff.length === 0 ? <p>{t('common.none')}</p> : null}
            <div class="stack">
              {list.toSignOff.map((shift) => (
                <SignOffShift key={shift.shiftId} shift={shift} done={() => undefined} />
              ))}
            </div>
          </section>
          <section aria-labelledby="h-abs">
            <h2 id="h-abs">{t('desk.absences', { count: list.absences.length })}</h2>
            {list.absences.length === 0 ? <p>{t('common.none')}</p> : null}
            <ul class="cards">
              {list.absences.map((absence) => (
                <AbsenceDecision key={absence.assignmentId} absence={absence} done={loaded.reload} />
              ))}
            </ul>
          </section>
          <section aria-labelledby="h-ns">
            <h2 id="h-ns">{t('desk.noShows', { count: list.suspectedNoShows.length })}</h2>
            {list.suspectedNoShows.length === 0 ? <p>{t('common.none')}</p> : null}
            <ul>
              {list.suspectedNoShows.map((b) => (
                <li key={b.assignmentId}>
                  <Link href={`/pk/putusan/${b.orderId}`}>{b.personName}</Link> · {b.site.name},{' '}
                  {formatInstant(b.startsAt, b.site.timezone)}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="h-notices">
            <h2 id="h-notices">{t('desk.notices', { count: list.notices.length })}</h2>
            {list.notices.length === 0 ? <p>{t('common.none')}</p> : null}
            <ul>
              {list.notices.map((b) => (
                <li key={b.assignmentId}>
                  <Link href={`/pk/putusan/${b.orderId}`}>{b.personName}</Link> · {b.site.name},{' '}
                  {formatInstant(b.startsAt, b.site.timezone)}: “{b.notice}”
                </li>
              ))}
            </ul>
          </section>
          <div class="grid">
            <Risks title={t('desk.atRisk', { count: list.atRisk.length })} orders={list.atRisk} />
            <Risks title={t('desk.nothingBooked', { count: list.nothingBooked.length })} orders={list.nothingBooked} />
          </div>
        </>
      ) : null}
    </Page>
  );
}
