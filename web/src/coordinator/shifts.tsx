import { api, ok } from '../api/client.js';
import { allItems } from '../api/pages.js';
import { t } from '../i18n.js';
import { ownAgency } from '../own-agency.js';
import { Link } from '../router.js';
import { addDays, formatDate, formatTime, localToday } from '../time.js';
import { Loading, Page, useLoad } from '../ui.js';
import { WaitingTaps } from './waiting-taps.js';

const DAYS_AHEAD = 6;

/**
 * each site's today and the days after it, in the site's own zone. The office's today (the coordinator's
 * agency's zone) bounds the ask: a day either side of it holds every site's today across WIB, WITA and WIT.
 */
async function load(now: Date) {
  const officeToday = localToday((await ownAgency()).timezone, now);
  const range = { from: addDays(officeToday, -1), to: addDays(officeToday, DAYS_AHEAD + 1) };
  const shifts = await allItems((page) => ok(api.GET('/api/v1/shifts', { params: { query: { ...range, ...page } } })));
  return shifts.filter((shift) => {
    const today = localToday(shift.site.timezone, now);
    return today <= shift.date && shift.date <= addDays(today, DAYS_AHEAD);
  });
}

/** Today and the next days at my sites, with how many are booked on each shift. */
export default function CoordinatorShifts() {
  const loaded = useLoad(() => load(new Date()), []);
  const byDate = new Map<string, NonNullable<typeof loaded.data>>();
  for (const shift of loaded.data ?? []) byDate.set(shift.date, [...(byDate.get(shift.date) ?? []), shift]);
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
