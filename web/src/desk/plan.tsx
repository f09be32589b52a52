import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import type { components } from '../api/schema.js';
import { t } from '../i18n.js';
import { formatClock, formatDate, formatKilometres, formatMinutes } from '../time.js';
import { ErrorBox, useAction } from '../ui.js';

type Plan = components['schemas']['Plan'];

/** The planner for one order: a preview first (nothing booked), then applied from here through the booking rules. */
export function PlanOrder({ orderId, zone, applied }: { orderId: string; zone: string; applied: () => void }) {
  const [plan, setPlan] = useState<Plan | null>(null);
  const preview = useAction(async () => {
    setPlan(await ok(api.POST('/api/v1/orders/{id}/plan', { params: { path: { id: orderId } }, body: {} })));
  });
  const apply = useAction(async () => {
    setPlan(await ok(api.POST('/api/v1/plans/{id}/apply', { params: { path: { id: plan!.id } } })));
    applied();
  });
  const outcome = plan?.orders.find((o) => o.orderId === orderId);
  return (
    <section aria-labelledby="h-plan" data-testid="planner">
      <h2 id="h-plan">{t('plan.title')}</h2>
      {!plan ? (
        <button type="button" class="primary" disabled={preview.busy} onClick={() => void preview.run()}>
          {t('plan.preview')}
        </button>
      ) : null}
      <ErrorBox error={preview.error ?? apply.error} />
      {plan && outcome ? (
        <>
          <p>
            {t('plan.summary', {
              planned: formatMinutes(outcome.plannedMinutes),
              need: formatMinutes(outcome.needMinutes),
              bookings: outcome.bookings,
            })}
          </p>
          {outcome.explanation ? <p class="notice">{outcome.explanation}</p> : null}
          <div class="table-wrap">
            <table>
              <caption class="sub">{t('plan.proposals')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('desk.date')}</th>
                  <th scope="col">{t('desk.site')}</th>
                  <th scope="col">{t('desk.time')}</th>
                  <th scope="col">{t('plan.travel')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.bookings
                  .filter((b) => b.orderId === orderId)
                  .map((b) => (
                    <tr key={b.shiftId}>
                      <td>{formatDate(b.date, 'short')}</td>
                      <td>{b.siteName}</td>
                      <td>
                        {formatClock(b.start)}–{formatClock(b.end)} {zone}
                      </td>
                      <td>{formatKilometres(b.travelMeters)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          {plan.status === 'preview' ? (
            <button type="button" class="primary" disabled={apply.busy} onClick={() => void apply.run()}>
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
        </>
      ) : null}
    </section>
  );
}
