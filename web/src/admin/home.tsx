import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import '../messages-more.js';
import { Link } from '../router.js';
import { formatDate, localToday, zoneLabel } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';

const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

async function loadAll() {
  const [agencies, users, agreements, sites] = await Promise.all([
    ok(api.GET('/api/v1/agencies', { params: { query: { limit: 500 } } })),
    ok(api.GET('/api/v1/users', { params: { query: { limit: 500 } } })),
    ok(api.GET('/api/v1/agreements', { params: { query: { limit: 500 } } })),
    ok(api.GET('/api/v1/sites')),
  ]);
  return { agencies: agencies.items, users: users.items, agreements: agreements.items, sites: sites.items };
}

type Data = Awaited<ReturnType<typeof loadAll>>;

/** A small create form: fields as strings, the body built by the caller. */
function CreateForm({
  title,
  fields,
  submit,
  done,
}: {
  title: string;
  fields: { name: string; label: string; hint?: string; type?: string; options?: [string, string][] }[];
  submit: (values: Record<string, string>) => Promise<unknown>;
  done: () => void;
}) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, f.options?.[0]?.[0] ?? ''])),
  );
  const action = useAction(async () => {
    await submit(values);
    done();
  });
  const id = `f-${title.replace(/\W+/g, '-')}`;
  return (
    <details class="card">
      <summary id={id}>{title}</summary>
      <form
        aria-labelledby={id}
        onSubmit={(event) => {
          event.preventDefault();
          void action.run();
        }}
      >
        <div class="grid">
          {fields.map((f) => (
            <Field key={f.name} label={f.label} hint={f.hint}>
              {f.options ? (
                <select
                  value={values[f.name]}
                  onChange={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
                >
                  {f.options.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  required={f.type !== 'optional'}
                  type={f.type === 'optional' ? 'text' : (f.type ?? 'text')}
                  value={values[f.name]}
                  onInput={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
                />
              )}
            </Field>
          ))}
        </div>
        <ErrorBox error={action.error} />
        <button type="submit" class="primary" disabled={action.busy}>
          {t('common.save')}
        </button>
      </form>
    </details>
  );
}

function Sites({ data }: { data: Data }) {
  const agencyName = new Map(data.agencies.map((a) => [a.id, a.name]));
  const userName = new Map(data.users.map((u) => [u.id, u.fullName]));
  return (
    <section aria-labelledby="h-sites">
      <h2 id="h-sites">{t('admin.sites', { count: data.sites.length })}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('desk.site')}</th>
              <th scope="col">{t('admin.host')}</th>
              <th scope="col">{t('admin.position')}</th>
              <th scope="col">{t('admin.capacity')}</th>
              <th scope="col">{t('admin.coordinators')}</th>
            </tr>
          </thead>
          <tbody>
            {data.sites.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/admin/lokasi/${s.id}`}>{s.name}</Link>
                  <div class="sub">{s.address}</div>
                </td>
                <td>{agencyName.get(s.agencyId) ?? '—'}</td>
                <td>
                  <a
                    href={`https://www.openstreetmap.org/?mlat=${s.location.lat}&mlon=${s.location.lng}#map=17/${s.location.lat}/${s.location.lng}`}
                    rel="noreferrer"
                    target="_blank"
                  >
                    {s.location.lat.toFixed(4)}, {s.location.lng.toFixed(4)}
                  </a>
                  <div class="sub">{t('admin.radius', { meters: s.radiusMeters, zone: zoneLabel(s.timezone) })}</div>
                </td>
                <td>
                  {s.defaultCapacity}
                  {s.minorsAllowed ? <div class="sub">{t('admin.minors')}</div> : null}
                </td>
                <td>{s.coordinatorIds.map((id) => userName.get(id) ?? id).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="actions">
        <Link class="button" href="/admin/lokasi-baru">
          {t('admin.newSite')}
        </Link>
        <Link class="button" href="/admin/libur">
          {t('admin.openDate')}
        </Link>
      </p>
    </section>
  );
}

/** The administrator: agencies, users, agreements (PKS) with their validity, sites and opened holidays. */
export default function AdminHome() {
  const loaded = useLoad(loadAll, []);
  const data = loaded.data;
  const today = localToday('Asia/Jakarta');
  return (
    <Page title={t('admin.title')} wide>
      <Loading loaded={loaded} />
      {data ? (
        <>
          <section aria-labelledby="h-agencies">
            <h2 id="h-agencies">{t('admin.agencies', { count: data.agencies.length })}</h2>
            <ul>
              {data.agencies.map((a) => (
                <li key={a.id}>
                  {a.name}{' '}
                  <span class="sub">
                    ({a.code}, {a.kind}, {a.region}, {zoneLabel(a.timezone)})
                  </span>
                </li>
              ))}
            </ul>
            <CreateForm
              title={t('admin.newAgency')}
              fields={[
                { name: 'code', label: t('admin.code') },
                { name: 'name', label: t('admin.name') },
                {
                  name: 'kind',
                  label: t('admin.kind'),
                  options: [
                    ['bapas', 'Bapas'],
                    ['kejaksaan', 'Kejaksaan'],
                    ['opd', 'OPD'],
                    ['kanwil', 'Kanwil'],
                  ],
                },
                { name: 'region', label: t('admin.region'), hint: 'ID-MA, ID-JA, …' },
                { name: 'timezone', label: t('admin.zone'), options: ZONES.map((z) => [z, `${zoneLabel(z)} (${z})`]) },
              ]}
              submit={(v) => ok(api.POST('/api/v1/agencies', { body: v as never }))}
              done={loaded.reload}
            />
          </section>
          <section aria-labelledby="h-users">
            <h2 id="h-users">{t('admin.users', { count: data.users.length })}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('login.username')}</th>
                    <th scope="col">{t('admin.name')}</th>
                    <th scope="col">{t('admin.role')}</th>
                    <th scope="col">{t('admin.agency')}</th>
                    <th scope="col">{t('desk.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.users.map((u) => (
                    <tr key={u.id}>
                      <td>
                        <Link href={`/admin/pengguna/${u.id}`}>{u.username}</Link>
                      </td>
                      <td>{u.fullName}</td>
                      <td>{t(`role.${u.role}` as 'role.admin')}</td>
                      <td>{data.agencies.find((a) => a.id === u.agencyId)?.name ?? '—'}</td>
                      <td>{t(`user.status.${u.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <CreateForm
              title={t('admin.newUser')}
              fields={[
                { name: 'username', label: t('login.username') },
                { name: 'fullName', label: t('admin.name') },
                {
                  name: 'role',
                  label: t('admin.role'),
                  options: (['supervisor', 'coordinator', 'prosecutor', 'oversight', 'admin'] as const).map((r) => [
                    r,
                    t(`role.${r}`),
                  ]),
                },
                { name: 'agencyId', label: t('admin.agency'), options: data.agencies.map((a) => [a.id, a.name]) },
                { name: 'phone', label: t('person.phone'), hint: t('admin.phoneHint'), type: 'tel' },
              ]}
              submit={(v) => ok(api.POST('/api/v1/users', { body: v as never }))}
              done={loaded.reload}
            />
          </section>
          <section aria-labelledby="h-agreements">
            <h2 id="h-agreements">{t('admin.agreements', { count: data.agreements.length })}</h2>
            <ul>
              {data.agreements.map((a) => (
                <li key={a.id}>
                  <strong>{a.number}</strong> {a.title} · {formatDate(a.validFrom, 'short')} –{' '}
                  {formatDate(a.validTo, 'short')}{' '}
                  <span class={a.validFrom <= today && today <= a.validTo ? 'status s-checked_in' : 'status s-absent'}>
                    {a.validFrom <= today && today <= a.validTo ? t('admin.valid') : t('admin.notValid')}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <Sites data={data} />
        </>
      ) : null}
    </Page>
  );
}
