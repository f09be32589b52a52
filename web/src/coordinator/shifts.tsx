import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import { Link } from '../router.js';
import { addDays, formatDate, formatTime, localToday } from '../time.js';
import { Loading, Page, useLoad } from '../ui.js';
import { WaitingTaps } from './waiting-taps.js';

const DAYS_AHEAD = 6;

/** Today and the next days at my sites, with how many are booked on each shift. */
export default function CoordinatorShifts() {
  // WIB is the westernmost zone: its today is never after a site's today.
  const from = localToday('Asia/Jakarta');
  const loaded = useLoad(
    () => ok(api.GET('/api/v1/shifts', { params: { query: { from, to: addDays(from, DAYS_AHEAD + 1), limit: 500 } } })),
    [from],
  );
  const byDate = new Map<string, NonNullable<typeof loaded.data>['items']>();
  for (const shift of loaded.data?.items ?? []) {
    if (shift.date < localToday(shift.site.timezone)) continue;
    byDate.set(shift.date, [...(byDate.get(shift.date) ?? []), shift]);
  }
  return (
    <Page title={t('coord.title')}>
      <WaitingTaps />
      <Loading loaded={loaded} />
      {loaded.data && byDate.size === 0 ? <p>{t('coord.none')}</p> : null}
      {[...byDate].map(([date, shifts]) => (
        <section key={date} aria-labelledby={`d-${date}`}>
          <h2 id={`d-${date}`}>
            {date === localToday(shifts[0].site.timezone) ? `${t('coord.today')}, ` : ''}
            {formatDate(date)}
          </h2>
          <ul class="cards">
            {shifts.map((shift) => (
              <li key={shift.id} class="card">
                <Link href={`/koordinator/sesi/${shift.id}`} class="card-link">
                  <span class="card-title">{shift.site.name}</span>
                  <span>
                    {formatTime(shift.startsAt, shift.site.timezone)}–{formatTime(shift.endsAt, shift.site.timezone)}
                  </span>
                  <span class="badge">
                    {t('coord.booked', { booked: shift.bookedCount, capacity: shift.capacity })}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Page>
  );
}
