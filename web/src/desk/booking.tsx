import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import { ownAgency } from '../own-agency.js';
import { serverNow } from '../server-clock.js';
import { addDays, formatDate, formatTime, localToday } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';

const DAYS = 14;

/** Booking by hand: a site's shifts over two weeks with their free seats; pick an order and book a seat. */
export default function Booking() {
  const base = useLoad(async () => {
    const [sites, orders, own] = await Promise.all([
      ok(api.GET('/api/v1/sites')),
      ok(api.GET('/api/v1/orders', { params: { query: { status: 'active', limit: 500 } } })),
      ownAgency(),
    ]);
    return { sites: sites.items, orders: orders.items, zone: own.timezone };
  }, []);
  const [siteId, setSiteId] = useState('');
  const [orderId, setOrderId] = useState('');
  const [picked, setFrom] = useState<string | null>(null);
  // until a date is picked, the list starts today in the office's own zone.
  const from = picked ?? (base.data ? localToday(base.data.zone) : '');
  const [booked, setBooked] = useState<string | null>(null);
  const site = base.data?.sites.find((s) => s.id === siteId) ?? base.data?.sites[0];
  const shifts = useLoad(
    async () =>
      site
        ? ok(
            api.GET('/api/v1/sites/{siteId}/shifts', {
              params: { path: { siteId: site.id }, query: { from, to: addDays(from, DAYS - 1), limit: 500 } },
            }),
          )
        : { items: [], total: 0 },
    [site?.id, from],
  );
  // The shifts the chosen order already holds: booking one again is refused (as an overlap or the daily cap).
  const held = useLoad(async () => {
    if (!orderId) return { orderId, shiftIds: new Set<string>() };
    const page = await ok(
      api.GET('/api/v1/orders/{orderId}/assignments', { params: { path: { orderId }, query: { limit: 500 } } }),
    );
    return { orderId, shiftIds: new Set(page.items.filter((a) => a.status !== 'cancelled').map((a) => a.shiftId)) };
  }, [orderId]);
  // Until the newly chosen order's bookings are in, the last order's say nothing about it.
  const heldShifts = held.data?.orderId === orderId ? held.data.shiftIds : null;
  const book = useAction(async (shiftId: string) => {
    await ok(api.POST('/api/v1/assignments', { body: { orderId, shiftId } }));
    setBooked(shiftId);
    shifts.reload();
    held.reload();
  });
  if (!base.data) {
    return (
      <Page title={t('booking.title')}>
        <Loading loaded={base} />
      </Page>
    );
  }
  const zone = site?.timezone ?? base.data.zone;
  return (
    <Page title={t('booking.title')} wide>
      <div class="grid">
        <Field label={t('desk.site')}>
          <select value={site?.id} onChange={(e) => setSiteId(e.currentTarget.value)}>
            {base.data.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('booking.order')}>
          <select value={orderId} onChange={(e) => setOrderId(e.currentTarget.value)}>
            <option value="">—</option>
            {base.data.orders.map((o) => (
              <option key={o.id} value={o.id}>
                {o.personName} · {o.caseNumber}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('booking.from')}>
          <input type="date" value={from} onInput={(e) => e.currentTarget.value && setFrom(e.currentTarget.value)} />
        </Field>
      </div>
      <ErrorBox error={book.error} />
      {booked ? <p role="status">{t('booking.done')}</p> : null}
      <Loading loaded={shifts} />
      <Loading loaded={held} />
      <div class="table-wrap">
        <table>
          <caption class="sub">{t('booking.caption', { days: DAYS })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('desk.date')}</th>
              <th scope="col">{t('desk.time')}</th>
              <th scope="col">{t('booking.free')}</th>
              <th scope="col">{t('desk.action')}</th>
            </tr>
          </thead>
          <tbody>
            {shifts.data?.items.map((s) => {
              const free = s.capacity - s.bookedCount;
              const started = Date.parse(s.startsAt) <= serverNow().getTime();
              return (
                <tr key={s.id}>
                  <td>{formatDate(s.date, 'short')}</td>
                  <td>
                    {formatTime(s.startsAt, zone)}–{formatTime(s.endsAt, zone)}
                  </td>
                  <td>{t('booking.seats', { free, capacity: s.capacity })}</td>
                  <td>
                    {started ? (
                      t('booking.started')
                    ) : heldShifts?.has(s.id) || booked === s.id ? (
                      t('booking.held')
                    ) : (
                      <button
                        type="button"
                        disabled={!orderId || !heldShifts || free <= 0 || book.busy}
                        onClick={() => void book.run(s.id)}
                      >
                        {t('booking.book')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {shifts.data?.items.length === 0 ? <p>{t('booking.none')}</p> : null}
    </Page>
  );
}
