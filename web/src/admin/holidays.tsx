import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import type { components } from '../api/schema.js';
import { t } from '../i18n.js';
import '../messages-more.js';
import { formatDate } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';

type Holiday = components['schemas']['Holiday'];
const KINDS = ['national', 'cuti_bersama', 'regional'] as const;

async function load(year: number, region: string) {
  const [holidays, years, sites] = await Promise.all([
    ok(
      api.GET('/api/v1/holidays', {
        params: { query: { from: `${year}-01-01`, to: `${year}-12-31`, ...(region ? { region } : {}) } },
      }),
    ),
    ok(api.GET('/api/v1/holiday-years')),
    ok(api.GET('/api/v1/sites')),
  ]);
  return { holidays: holidays.items, year: years.items.find((y) => y.year === year), sites: sites.items };
}

/** One holiday's row: move it to another date (by official decision) or remove it; both audited. */
function HolidayRow({ holiday, changed }: { holiday: Holiday; changed: () => void }) {
  const [to, setTo] = useState('');
  const region = holiday.region || undefined;
  const move = useAction(async () => {
    await ok(
      api.POST('/api/v1/holidays/{date}/move', {
        params: { path: { date: holiday.date } },
        body: { to, ...(region ? { region } : {}) },
      }),
    );
    changed();
  });
  const remove = useAction(async () => {
    await ok(
      api.DELETE('/api/v1/holidays/{date}', {
        params: { path: { date: holiday.date }, query: region ? { region } : {} },
      }),
    );
    changed();
  });
  const id = `move-${holiday.date}-${holiday.region}`;
  return (
    <tr data-testid="holiday">
      <td>{formatDate(holiday.date)}</td>
      <td>
        {holiday.name}
        {holiday.provisional ? <div class="sub">{t('holiday.provisional')}</div> : null}
      </td>
      <td>
        {t(`holiday.kind.${holiday.kind}`)}
        {holiday.region ? ` (${holiday.region})` : ''}
      </td>
      <td>
        <form
          class="row-form"
          onSubmit={(event) => {
            event.preventDefault();
            void move.run();
          }}
        >
          <label for={id} class="visually-hidden">
            {t('holiday.moveTo', { name: holiday.name })}
          </label>
          <input id={id} type="date" required value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          <button type="submit" disabled={move.busy}>
            {t('holiday.move')}
          </button>
          <button
            type="button"
            class="danger"
            disabled={remove.busy}
            aria-label={t('holiday.removeNamed', { name: holiday.name })}
            onClick={() => void remove.run()}
          >
            {t('holiday.remove')}
          </button>
        </form>
        <ErrorBox error={move.error ?? remove.error} />
      </td>
    </tr>
  );
}

/** The holidays already opened for one site, reloaded after each opening. */
function OpenedDates({ siteId, version }: { siteId: string; version: string }) {
  const loaded = useLoad(
    () => ok(api.GET('/api/v1/sites/{siteId}/open-dates', { params: { path: { siteId } } })),
    [siteId, version],
  );
  if (!loaded.data) return <Loading loaded={loaded} />;
  if (loaded.data.items.length === 0) return <p>{t('holiday.noneOpened')}</p>;
  return (
    <table data-testid="opened-dates">
      <caption>{t('holiday.openedList')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('desk.date')}</th>
          <th scope="col">{t('order.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {loaded.data.items.map((item) => (
          <tr key={item.date}>
            <td>{formatDate(item.date)}</td>
            <td>{item.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The holiday calendar: a year's holidays (with a region's own when asked), adding, moving and removing
 * them, and opening a holiday for one site that works on it.
 */
export default function Holidays() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [region, setRegion] = useState('');
  const loaded = useLoad(() => load(year, region), [year, region]);
  const [f, setF] = useState({ date: '', kind: 'national', name: '', region: '' });
  const add = useAction(async () => {
    await ok(
      api.POST('/api/v1/holidays', {
        body: {
          date: f.date,
          kind: f.kind as Holiday['kind'],
          name: f.name,
          ...(f.kind === 'regional' ? { region: f.region } : {}),
        },
      }),
    );
    setF({ ...f, date: '', name: '' });
    loaded.reload();
  });
  const [open, setOpen] = useState({ siteId: '', date: '', reason: '' });
  const [opened, setOpened] = useState('');
  const openDate = useAction(async () => {
    const siteId = open.siteId || loaded.data!.sites[0].id;
    await ok(
      api.POST('/api/v1/sites/{siteId}/open-dates', {
        params: { path: { siteId } },
        body: { date: open.date, reason: open.reason },
      }),
    );
    setOpened(
      t('holiday.opened', {
        date: formatDate(open.date),
        site: loaded.data!.sites.find((s) => s.id === siteId)?.name ?? '',
      }),
    );
  });
  const data = loaded.data;
  return (
    <Page title={t('holiday.title')} wide>
      <div class="grid">
        <Field label={t('holiday.year')}>
          <select value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
            {[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('holiday.region')} hint={t('holiday.regionHint')}>
          <input value={region} pattern="ID-[A-Z]{2}" onChange={(e) => setRegion(e.currentTarget.value.trim())} />
        </Field>
      </div>
      <Loading loaded={loaded} />
      {data ? (
        <>
          <p class={data.year?.official ? 'notice' : 'notice flag'} data-testid="calendar-year">
            {data.year?.official
              ? t('holiday.official', { year, source: data.year.source })
              : t('holiday.notOfficial', { year })}
          </p>
          <section aria-labelledby="h-holidays">
            <h2 id="h-holidays">{t('holiday.list', { year, count: data.holidays.length })}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('desk.date')}</th>
                    <th scope="col">{t('admin.name')}</th>
                    <th scope="col">{t('admin.kind')}</th>
                    <th scope="col">{t('desk.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.holidays.map((h) => (
                    <HolidayRow key={`${h.date}-${h.region}`} holiday={h} changed={loaded.reload} />
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="h-add-holiday">
            <h2 id="h-add-holiday">{t('holiday.add')}</h2>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void add.run();
              }}
            >
              <div class="grid">
                <Field label={t('desk.date')}>
                  <input
                    type="date"
                    required
                    value={f.date}
                    onInput={(e) => setF({ ...f, date: e.currentTarget.value })}
                  />
                </Field>
                <Field label={t('admin.name')}>
                  <input required value={f.name} onInput={(e) => setF({ ...f, name: e.currentTarget.value })} />
                </Field>
                <Field label={t('admin.kind')}>
                  <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.currentTarget.value })}>
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`holiday.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                {f.kind === 'regional' ? (
                  <Field label={t('holiday.region')}>
                    <input
                      required
                      pattern="ID-[A-Z]{2}"
                      value={f.region}
                      onInput={(e) => setF({ ...f, region: e.currentTarget.value })}
                    />
                  </Field>
                ) : null}
              </div>
              <ErrorBox error={add.error} />
              <button type="submit" class="primary" disabled={add.busy}>
                {t('holiday.addSubmit')}
              </button>
            </form>
          </section>
          <section aria-labelledby="h-open-date">
            <h2 id="h-open-date">{t('admin.openDate')}</h2>
            <p class="legal">{t('admin.openDateHint')}</p>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void openDate.run();
              }}
            >
              <div class="grid">
                <Field label={t('desk.site')}>
                  <select value={open.siteId} onChange={(e) => setOpen({ ...open, siteId: e.currentTarget.value })}>
                    {data.sites.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label={t('desk.date')}>
                  <input
                    type="date"
                    required
                    value={open.date}
                    onInput={(e) => setOpen({ ...open, date: e.currentTarget.value })}
                  />
                </Field>
                <Field label={t('order.reason')}>
                  <input
                    required
                    value={open.reason}
                    onInput={(e) => setOpen({ ...open, reason: e.currentTarget.value })}
                  />
                </Field>
              </div>
              <ErrorBox error={openDate.error} />
              <button type="submit" disabled={openDate.busy}>
                {t('holiday.openSubmit')}
              </button>
              <p role="status">{opened}</p>
            </form>
            {data.sites.length > 0 ? <OpenedDates siteId={open.siteId || data.sites[0].id} version={opened} /> : null}
          </section>
        </>
      ) : null}
    </Page>
  );
}
