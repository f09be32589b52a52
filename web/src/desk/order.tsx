import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { auditAction } from '../audit-action.js';
import { t } from '../i18n.js';
import '../messages-more.js';
import { currentSession } from '../session.js';
import { ownAgency } from '../own-agency.js';
import { serverNow } from '../server-clock.js';
import { formatDate, formatInstant, formatMinutes, formatPeriod, formatTime, zoneLabel } from '../time.js';
import { download } from '../download.js';
import { ErrorBox, Field, Loading, Page, Progress, useAction, useLoad } from '../ui.js';
import { Breaches } from './breaches.js';
import { PlanOrder } from './plan.js';

/** The order with its ledger, bookings (each with its site's name and zone) and audit trail; the office's zone. */
async function loadOrder(id: string) {
  const path = { params: { path: { id } } };
  const [order, ledger, bookings, audit, own] = await Promise.all([
    ok(api.GET('/api/v1/orders/{id}', path)),
    ok(api.GET('/api/v1/orders/{id}/ledger', { params: { path: { id }, query: { limit: 500 } } })),
    ok(api.GET('/api/v1/orders/{orderId}/assignments', { params: { path: { orderId: id }, query: { limit: 500 } } })),
    ok(api.GET('/api/v1/audit-events', { params: { query: { entityType: 'order', entityId: id, limit: 500 } } })),
    ownAgency(),
  ]);
  return { order, ledger, bookings, audit, zone: own.timezone };
}

function SignOff({ assignmentId, done }: { assignmentId: string; done: () => void }) {
  const action = useAction(async () => {
    await ok(api.POST('/api/v1/assignments/{id}/sign-off', { params: { path: { id: assignmentId } }, body: {} }));
    done();
  });
  return (
    <>
      <button type="button" disabled={action.busy} onClick={() => void action.run()}>
        {t('order.signOff')}
      </button>
      <ErrorBox error={action.error} />
    </>
  );
}

/** Cancels a booking before its shift starts (the server refuses it after), with the reason its audit keeps. */
function CancelBooking({ assignmentId, done }: { assignmentId: string; done: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const opener = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);
  const action = useAction(async () => {
    await ok(api.POST('/api/v1/assignments/{id}/cancel', { params: { path: { id: assignmentId } }, body: { reason } }));
    done();
  });
  return (
    <>
      <button type="button" ref={opener} aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('order.cancel')}
      </button>
      {open ? (
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void action.run();
          }}
        >
          <Field label={t('order.cancelReason')}>
            <input required ref={field} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
          <ErrorBox error={action.error} />
          <div class="actions">
            <button type="submit" class="primary" disabled={action.busy}>
              {t('order.cancelConfirm')}
            </button>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                opener.current?.focus();
              }}
            >
              {t('order.cancelKeep')}
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}

/** The berita acara of a completed order, for its supervisor and prosecutor; the download is logged. */
function CompletionReport({ orderId, caseNumber }: { orderId: string; caseNumber: string }) {
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction(async () =>
    setSaved(await download(`/orders/${orderId}/completion-report`, `berita-acara-${caseNumber}.pdf`)),
  );
  return (
    <section aria-labelledby="h-completion">
      <h2 id="h-completion">{t('completion.title')}</h2>
      <p>{t('completion.intro')}</p>
      <button type="button" class="primary" disabled={action.busy} onClick={() => void action.run()}>
        {t('completion.download')}
      </button>
      <ErrorBox error={action.error} />
      <p role="status">{saved ? t('reports.saved', { name: saved }) : ''}</p>
    </section>
  );
}

/** An order's page: progress, bookings, ledger, audit trail; the supervisor also signs off and plans here. */
export default function OrderPage({ params }: { params: { orderId: string } }) {
  const loaded = useLoad(() => loadOrder(params.orderId), [params.orderId]);
  const supervisor = currentSession()?.user.role === 'supervisor';
  const data = loaded.data;
  if (!data) {
    return (
      <Page title={t('order.title')}>
        <Loading loaded={loaded} />
      </Page>
    );
  }
  const { order, ledger, bookings, audit, zone } = data;
  const p = order.progress;
  const mainZone = bookings.items[0]?.site.timezone ?? zone;
  return (
    <Page title={`${order.personName} · ${order.caseNumber}`} wide>
      <p class="sub">
        {order.courtName} · {t(`status.${order.status}` as 'status.active')} ·{' '}
        {t('order.period', formatPeriod(order.startDate, order.endDate))} ·{' '}
        {t('order.perDay', { hours: order.maxHoursPerDay })}
        {order.regime === 'child' ? ` · ${t('order.child')}` : ''}
      </p>
      <section aria-labelledby="h-progress">
        <h2 id="h-progress">{t('order.progress')}</h2>
        <Progress required={p.requiredMinutes} scheduled={p.scheduledMinutes} credited={p.creditedMinutes} />
        <dl class="figures" data-testid="progress">
          <div>
            <dt>{t('order.required')}</dt>
            <dd>{formatMinutes(p.requiredMinutes)}</dd>
          </div>
          <div>
            <dt>{t('order.scheduled')}</dt>
            <dd>{formatMinutes(p.scheduledMinutes)}</dd>
          </div>
          <div>
            <dt>{t('order.credited')}</dt>
            <dd data-testid="credited">{formatMinutes(p.creditedMinutes)}</dd>
          </div>
          <div>
            <dt>{t('order.remaining')}</dt>
            <dd>{formatMinutes(p.remainingMinutes)}</dd>
          </div>
        </dl>
      </section>
      {order.status === 'completed' ? <CompletionReport orderId={order.id} caseNumber={order.caseNumber} /> : null}
      {supervisor && order.status === 'active' ? (
        <PlanOrder orderId={order.id} zone={zoneLabel(mainZone)} applied={loaded.reload} />
      ) : null}
      <Breaches orderId={order.id} orderStatus={order.status} zone={mainZone} changed={loaded.reload} />
      <section aria-labelledby="h-bookings">
        <h2 id="h-bookings">{t('order.bookings', { count: bookings.total })}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('desk.date')}</th>
                <th scope="col">{t('desk.site')}</th>
                <th scope="col">{t('desk.time')}</th>
                <th scope="col">{t('desk.status')}</th>
                <th scope="col">{t('desk.worked')}</th>
                {supervisor ? <th scope="col">{t('desk.action')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {bookings.items.map((b) => {
                const zone = b.site.timezone;
                return (
                  <tr key={b.id}>
                    <td>{formatDate(b.date, 'short')}</td>
                    <td>{b.site.name}</td>
                    <td>
                      {formatTime(b.startsAt, zone)}–{formatTime(b.endsAt, zone)}
                    </td>
                    <td>
                      {t(`status.${b.status}` as 'status.scheduled')}
                      {b.absence?.reason ? <div class="sub">{b.absence.reason}</div> : null}
                      {b.cancellation?.reason ? <div class="sub">{b.cancellation.reason}</div> : null}
                    </td>
                    <td>
                      {b.workedMinutes === null || b.workedMinutes === undefined ? '—' : formatMinutes(b.workedMinutes)}
                    </td>
                    {supervisor ? (
                      <td>
                        {b.status === 'checked_out' ? <SignOff assignmentId={b.id} done={loaded.reload} /> : null}
                        {b.status === 'scheduled' && Date.parse(b.startsAt) > serverNow().getTime() ? (
                          <CancelBooking assignmentId={b.id} done={loaded.reload} />
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="h-ledger" data-testid="ledger">
        <h2 id="h-ledger">{t('order.ledger', { count: ledger.total })}</h2>
        <p class="legal">{t('order.ledgerNote')}</p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('order.when')}</th>
                <th scope="col">{t('order.kind')}</th>
                <th scope="col">{t('order.minutes')}</th>
                <th scope="col">{t('order.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {ledger.items.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatInstant(entry.createdAt, mainZone)}</td>
                  <td>{entry.kind === 'credit' ? t('order.credit') : t('order.reversal')}</td>
                  <td>{formatMinutes(entry.minutes)}</td>
                  <td>{entry.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="h-audit">
        <h2 id="h-audit">{t('order.audit')}</h2>
        <ol>
          {audit.items.map((event) => (
            <li key={event.id}>
              {formatInstant(event.at, mainZone)} · {auditAction(event.action)}
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}
