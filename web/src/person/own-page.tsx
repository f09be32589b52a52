import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import type { components } from '../api/schema.js';
import { t } from '../i18n.js';
import { formatDate, formatMinutes, formatTime } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';

type OwnShift = components['schemas']['OwnShiftResponse'];

function Notice({ token, shift, done }: { token: string; shift: OwnShift; done: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const send = useAction(async () => {
    await ok(
      api.POST('/api/v1/person-page/{token}/notices', {
        params: { path: { token } },
        body: { assignmentId: shift.assignmentId, reason },
      }),
    );
    done();
  });
  if (shift.notice) return <p class="notice">{t('own.noticeSent', { reason: shift.notice })}</p>;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('own.cannotCome')}
      </button>
    );
  }
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        void send.run();
      }}
    >
      <Field label={t('own.reason')} hint={t('own.reasonHint')}>
        <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <ErrorBox error={send.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={send.busy}>
          {t('own.send')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The person's own page, from the link in a reminder: their next shifts and hours; nothing about anyone else. */
export default function OwnPage({ params }: { params: { token: string } }) {
  const loaded = useLoad(
    () => ok(api.GET('/api/v1/person-page/{token}', { params: { path: { token: params.token } } })),
    [params.token],
  );
  const me = loaded.data;
  return (
    <Page title={me ? t('own.title', { name: me.fullName }) : t('own.titlePlain')}>
      <Loading loaded={loaded} />
      {me ? (
        <>
          {me.hours ? (
            <dl class="figures" data-testid="hours">
              <div>
                <dt>{t('own.done')}</dt>
                <dd>{formatMinutes(me.hours.creditedMinutes)}</dd>
              </div>
              <div>
                <dt>{t('own.owed')}</dt>
                <dd>{formatMinutes(me.hours.remainingMinutes)}</dd>
              </div>
              <div>
                <dt>{t('own.until')}</dt>
                <dd>{formatDate(me.hours.endDate, 'short')}</dd>
              </div>
            </dl>
          ) : null}
          <h2>{t('own.next')}</h2>
          {me.nextShifts.length === 0 ? <p>{t('own.noShifts')}</p> : null}
          <ul class="cards">
            {me.nextShifts.map((shift) => (
              <li key={shift.assignmentId} class="card" data-testid="own-shift">
                <strong>{formatDate(shift.date)}</strong>
                <p>
                  {formatTime(shift.startsAt, shift.site.timezone)}–{formatTime(shift.endsAt, shift.site.timezone)} ·{' '}
                  {shift.site.name}
                  <br />
                  {shift.site.address}
                </p>
                {shift.coordinator ? (
                  <p>
                    {t('own.coordinator', { name: shift.coordinator.fullName })}
                    {shift.coordinator.phone ? (
                      <>
                        {' '}
                        · <a href={`tel:${shift.coordinator.phone}`}>{shift.coordinator.phone}</a>
                      </>
                    ) : null}
                  </p>
                ) : null}
                <Notice token={params.token} shift={shift} done={loaded.reload} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}
