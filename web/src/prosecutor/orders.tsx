import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import { Link } from '../router.js';
import { formatMinutes, formatPeriod } from '../time.js';
import { Loading, Page, Progress, useLoad } from '../ui.js';

/** The orders of my Kejari, with their progress and status. */
export default function ProsecutorOrders() {
  const loaded = useLoad(() => ok(api.GET('/api/v1/orders', { params: { query: { limit: 500 } } })), []);
  return (
    <Page title={t('jaksa.title')} wide>
      <Loading loaded={loaded} />
      {loaded.data?.items.length === 0 ? <p>{t('common.none')}</p> : null}
      <ul class="cards" aria-label={t('nav.orders')}>
        {loaded.data?.items.map((order) => (
          <li key={order.id} class="card" data-testid="order">
            <Link href={`/jaksa/putusan/${order.id}`} class="card-title">
              {order.personName} · {order.caseNumber}
            </Link>
            <p class="sub">
              {t(`status.${order.status}` as 'status.active')} ·{' '}
              {t('order.period', formatPeriod(order.startDate, order.endDate))}
            </p>
            <Progress
              required={order.progress.requiredMinutes}
              scheduled={order.progress.scheduledMinutes}
              credited={order.progress.creditedMinutes}
            />
            <p class="sub">
              {t('jaksa.credited', {
                credited: formatMinutes(order.progress.creditedMinutes),
                required: formatMinutes(order.progress.requiredMinutes),
              })}
            </p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
