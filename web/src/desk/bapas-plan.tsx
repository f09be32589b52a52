import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import type { components } from '../api/schema.js';
import { t } from '../i18n.js';
import '../messages-more.js';
import { Link } from '../router.js';
import { ownAgency } from '../own-agency.js';
import { addDays, formatClock, formatDate, formatKilometres, formatMinutes, localToday, zoneLabel } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';

type Plan = components['schemas']['Plan'];
type PlanOrder = components['schemas']['PlanOrder'];
function OrderProposal({ order, plan, zoneOf }: { order: PlanOrder; plan: Plan; zoneOf: (siteId: string) => string }) {
  const bookings = plan.bookings.filter((b) => b.orderId === order.orderId);
  const done = order.needMinutes <= order.plannedMinutes;
  return (
    <li class="card" data-testid="plan-order">
      <div class="card-title">
        <Link href={`/pk/putusan/${order.orderId}`}>{order.personName}</Link>{' '}
        <span class="sub">
          {order.caseNumber} · {t('desk.until', { date: formatDate(order.endDate, 'short') })}
        </span>
      </div>
      <p>
        {t('plan.summary', {
          planned: formatMinutes(order.plannedMinutes),
          need: formatMinutes(order.needMinutes),
          bookings: order.bookings,
        })}{' '}
        <span class={done ? 'status s-checked_in' : 'status s-absent'}>
          {done ? t('bapasPlan.covered') : t('bapasPlan.short')}
        </span>
      </p>
      {order.explanation ? (
        <p class="notice" data-testid="plan-why">
          {order.explanation}
        </p>
      ) : null}
      {bookings.length ? (
        <details>
          <summary>{t('bapasPlan.shifts', { count: bookings.length })}</summary>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('desk.date')}</th>
                  <th scope="col">{t('desk.site')}</th>
                  <th scope="col">{t('desk.time')}</th>
                  <th scope="col">{t('plan.travel')}</th>
                </tr>
              </thead>
              <tbody>
                {bookings.map((b) => (
                  <tr key={b.shiftId}>
                    <td>{formatDate(b.date, 'short')}</td>
                    <td>{b.siteName}</td>
                    <td>
                      {formatClock(b.start)}–{formatClock(b.end)} {zoneLabel(zoneOf(b.siteId))}
                    </td>
                    <td>{formatKilometres(b.travelMeters)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </li>
  );
}

/**
 * The planner for the whole Bapas: a preview of bookings for every active order over a period (who, where, when,
 * how far from home, and why an order can't finish), applied from here through the booking rules. The period
 * starts tomorrow in the Bapas's own zone.
 */
export default function BapasPlan() {
  const own = useLoad(ownAgency, []);
  const zone = own.data?.timezone;
  return (
    <Page title={t('bapasPlan.title')} wide>
      <p>{t('bapasPlan.intro')}</p>
      <Loading loaded={own} />
      {zone ? <Planner zone={zone} /> : null}
    </Page>
  );
}

function Planner({ zone }: { zone: string }) {
  const today = localToday(zone);
  const [from, setFrom] = useState(addDays(today, 1));
  const [to, setTo] = useState(addDays(today, 28));
  const [plan, setPlan] = useState<Plan | null>(null);
  const sites = useLoad(() => ok(api.GET('/api/v1/sites')), []);
  const zoneOf = (siteId: string) => sites.data?.items.find((s) => s.id === siteId)?.timezone ?? zone;
  const preview = useAction(async () => setPlan(await ok(api.POST('/api/v1/plans', { body: { from, to } }))));
  const apply = useAction(async () =>
    setPlan(await ok(api.POST('/api/v1/plans/{id}/apply', { params: { path: { id: plan!.id } } }))),
  );
  const s = plan?.summary;
  return (
    <>
      <form
        class="grid"
        onSubmit={(event) => {
          event.preventDefault();
          setPlan(null);
          void preview.run();
        }}
      >
        <Field label={t('bapasPlan.from')}>
          <input type="date" required value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </Field>
        <Field label={t('bapasPlan.to')}>
          <input type="date" required value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </Field>
        <div>
          <button type="submit" class="primary" disabled={preview.busy}>
            {t('bapasPlan.preview')}
          </button>
        </div>
      </form>
      <ErrorBox error={preview.error ?? apply.error} />
      {preview.busy ? <p aria-live="polite">{t('bapasPlan.planning')}</p> : null}
      {plan && s ? (
        <section aria-labelledby="h-proposal" data-testid="bapas-plan">
          <h2 id="h-proposal">{t('bapasPlan.proposal')}</h2>
          <p data-testid="plan-summary">
            {t('bapasPlan.summary', {
              orders: s.orders,
              complete: s.ordersComplete,
              bookings: s.bookings,
              planned: formatMinutes(s.plannedMinutes),
              need: formatMinutes(s.needMinutes),
              travel: formatKilometres(s.maxTravelMeters),
            })}
            {plan.moves.length ? ` ${t('bapasPlan.moves', { count: plan.moves.length })}` : ''}
          </p>
          {plan.warnings.map((w) => (
            <p key={w.code} class="notice flag">
              {w.message}
            </p>
          ))}
          {plan.status === 'preview' ? (
            <button
              type="button"
              class="primary"
              disabled={apply.busy || plan.bookings.length === 0}
              onClick={() => void apply.run()}
            >
              {t('plan.apply', { count: plan.bookings.length })}
            </button>
          ) : (
            <p role="status" data-testid="plan-applied">
              {t('plan.applied', {
                booked: plan.result?.booked.length ?? 0,
                refused: plan.result?.refused.length ?? 0,
              })}
            </p>
          )}
          <ul class="cards">
            {plan.orders.map((order) => (
              <OrderProposal key={order.orderId} order={order} plan={plan} zoneOf={zoneOf} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
