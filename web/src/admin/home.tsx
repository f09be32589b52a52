import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { allAgencies } from '../api/pages.js';
import type { components } from '../api/schema.js';
import { t } from '../i18n.js';
import '../messages-more.js';
import { ownAgency } from '../own-agency.js';
import { Pager, usePaged } from '../paged.js';
import { Link } from '../router.js';
import { ROLES, type Role } from '../session.js';
import { formatPeriod, localToday, ZONES, zoneLabel } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';

type Agency = components['schemas']['Agency'];

const KINDS: [Agency['kind'], string][] = [
  ['bapas', 'Bapas'],
  ['kejaksaan', 'Kejaksaan'],
  ['opd', 'OPD'],
  ['kanwil', 'Kanwil'],
];

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
        <ErrorBox error={action.error} labels={Object.fromEntries(fields.map((f) => [f.name, f.label]))} />
        <button type="submit" class="primary" disabled={action.busy}>
          {t('common.save')}
        </button>
      </form>
    </details>
  );
}

/** A table of a list's page, with its column headings. */
function Table({ columns, children }: { columns: string[]; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The search field of a list: the API searches as the administrator types. */
function Search({ label, value, onInput }: { label: string; value: string; onInput: (value: string) => void }) {
  return (
    <Field label={label}>
      <input type="search" value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </Field>
  );
}

/** A filter of a list: one of the choices, or all of them. */
function Choice({
  label,
  all,
  value,
  options,
  onChange,
}: {
  label: string;
  all: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label}>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{all}</option>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The agencies, searched by name or code and filtered by kind, a page at a time. */
function Agencies({ created }: { created: () => void }) {
  const list = usePaged(
    ({ kind, ...page }) =>
      ok(api.GET('/api/v1/agencies', { params: { query: { ...page, kind: kind as Agency['kind'] | undefined } } })),
    { kind: '' },
  );
  const data = list.loaded.data;
  return (
    <section aria-labelledby="h-agencies">
      <h2 id="h-agencies">{t('admin.agencies', { count: data?.total ?? '…' })}</h2>
      <div class="grid">
        <Search label={t('admin.searchAgencies')} value={list.text} onInput={list.setText} />
        <Choice
          label={t('admin.kind')}
          all={t('admin.allKinds')}
          value={list.filters.kind}
          options={KINDS}
          onChange={(kind) => list.filter({ kind })}
        />
      </div>
      <Loading loaded={list.loaded} />
      {data ? (
        <>
          <ul data-testid="agency-list">
            {data.items.map((a) => (
              <li key={a.id}>
                {a.name}{' '}
                <span class="sub">
                  ({a.code}, {a.kind}, {a.region}, {zoneLabel(a.timezone)})
                </span>
              </li>
            ))}
          </ul>
          <Pager label={t('admin.pagesOf', { what: t('admin.agency') })} total={data.total} list={list} />
        </>
      ) : null}
      <CreateForm
        title={t('admin.newAgency')}
        fields={[
          { name: 'code', label: t('admin.code') },
          { name: 'name', label: t('admin.name') },
          { name: 'kind', label: t('admin.kind'), options: KINDS },
          { name: 'region', label: t('admin.region'), hint: 'ID-MA, ID-JA, …' },
          { name: 'timezone', label: t('admin.zone'), options: ZONES.map((z) => [z, `${zoneLabel(z)} (${z})`]) },
        ]}
        submit={(v) => ok(api.POST('/api/v1/agencies', { body: v as never }))}
        done={() => {
          list.loaded.reload();
          created();
        }}
      />
    </section>
  );
}

/** The accounts, searched by username or name and filtered by role, a page at a time; every agency to choose. */
function Users({ agencies }: { agencies: Agency[] }) {
  const list = usePaged(
    ({ role, ...page }) =>
      ok(api.GET('/api/v1/users', { params: { query: { ...page, role: role as Role | undefined } } })),
    { role: '' },
  );
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const data = list.loaded.data;
  return (
    <section aria-labelledby="h-users">
      <h2 id="h-users">{t('admin.users', { count: data?.total ?? '…' })}</h2>
      <div class="grid">
        <Search label={t('admin.searchUsers')} value={list.text} onInput={list.setText} />
        <Choice
          label={t('admin.role')}
          all={t('admin.allRoles')}
          value={list.filters.role}
          options={ROLES.map((r) => [r, t(`role.${r}`)])}
          onChange={(role) => list.filter({ role })}
        />
      </div>
      <Loading loaded={list.loaded} />
      {data ? (
        <>
          <Table columns={[t('login.username'), t('admin.name'), t('admin.role'), t('admin.agency'), t('desk.status')]}>
            {data.items.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link href={`/admin/pengguna/${u.id}`}>{u.username}</Link>
                </td>
                <td>{u.fullName}</td>
                <td>{t(`role.${u.role}` as 'role.admin')}</td>
                <td>{agencyName.get(u.agencyId) ?? '—'}</td>
                <td>{t(`user.status.${u.status}`)}</td>
              </tr>
            ))}
          </Table>
          <Pager label={t('admin.pagesOf', { what: t('login.username') })} total={data.total} list={list} />
        </>
      ) : null}
      <CreateForm
        title={t('admin.newUser')}
        fields={[
          { name: 'username', label: t('login.username') },
          { name: 'fullName', label: t('admin.name') },
          { name: 'role', label: t('admin.role'), options: ROLES.map((r) => [r, t(`role.${r}`)]) },
          { name: 'agencyId', label: t('admin.agency'), options: agencies.map((a) => [a.id, a.name]) },
          { name: 'phone', label: t('person.phone'), hint: t('admin.phoneHint'), type: 'tel' },
        ]}
        submit={(v) => ok(api.POST('/api/v1/users', { body: v as never }))}
        done={list.loaded.reload}
      />
    </section>
  );
}

/** The agreements (PKS), searched by number or title, a page at a time; valid or not today in the office's zone. */
function Agreements({ today }: { today: string }) {
  const list = usePaged((page) => ok(api.GET('/api/v1/agreements', { params: { query: page } })), {});
  const data = list.loaded.data;
  return (
    <section aria-labelledby="h-agreements">
      <h2 id="h-agreements">{t('admin.agreements', { count: data?.total ?? '…' })}</h2>
      <Search label={t('admin.searchAgreements')} value={list.text} onInput={list.setText} />
      <Loading loaded={list.loaded} />
      {data ? (
        <>
          <ul>
            {data.items.map((a) => {
              const period = formatPeriod(a.validFrom, a.validTo);
              return (
                <li key={a.id}>
                  <strong>{a.number}</strong> {a.title} · {period.from} – {period.to}{' '}
                  <span class={a.validFrom <= today && today <= a.validTo ? 'status s-checked_in' : 'status s-absent'}>
                    {a.validFrom <= today && today <= a.validTo ? t('admin.valid') : t('admin.notValid')}
                  </span>
                </li>
              );
            })}
          </ul>
          <Pager label={t('admin.pagesOf', { what: t('admin.agreement') })} total={data.total} list={list} />
        </>
      ) : null}
    </section>
  );
}

/** A page of the sites, with the names of their coordinators (asked for by id). */
async function sitesPage(page: { agencyId?: string; q?: string; limit: number; offset: number }) {
  const sites = await ok(api.GET('/api/v1/sites', { params: { query: page } }));
  const id = [...new Set(sites.items.flatMap((s) => s.coordinatorIds))];
  const users = id.length ? (await ok(api.GET('/api/v1/users', { params: { query: { id, limit: 500 } } }))).items : [];
  return { sites, coordinators: new Map(users.map((u) => [u.id, u.fullName])) };
}

/** The sites, searched by name or address and filtered by host, a page at a time. */
function Sites({ agencies }: { agencies: Agency[] }) {
  const list = usePaged(sitesPage, { agencyId: '' });
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const data = list.loaded.data;
  return (
    <section aria-labelledby="h-sites">
      <h2 id="h-sites">{t('admin.sites', { count: data?.sites.total ?? '…' })}</h2>
      <div class="grid">
        <Search label={t('admin.searchSites')} value={list.text} onInput={list.setText} />
        <Choice
          label={t('admin.host')}
          all={t('admin.allHosts')}
          value={list.filters.agencyId}
          options={agencies.filter((a) => a.kind === 'opd').map((a) => [a.id, a.name])}
          onChange={(agencyId) => list.filter({ agencyId })}
        />
      </div>
      <Loading loaded={list.loaded} />
      {data ? (
        <>
          <Table
            columns={[
              t('desk.site'),
              t('admin.host'),
              t('admin.position'),
              t('admin.capacity'),
              t('admin.coordinators'),
            ]}
          >
            {data.sites.items.map((s) => (
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
                <td>{s.coordinatorIds.map((id) => data.coordinators.get(id) ?? id).join(', ')}</td>
              </tr>
            ))}
          </Table>
          <Pager label={t('admin.pagesOf', { what: t('desk.site') })} total={data.sites.total} list={list} />
        </>
      ) : null}
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

/**
 * The administrator: agencies, users, agreements (PKS) with their validity, sites and opened holidays. At national
 * scale each list is searched and paged by the API; only the select of agencies loads them all.
 */
export default function AdminHome() {
  const agencies = useLoad(allAgencies, []);
  const own = useLoad(ownAgency, []);
  return (
    <Page title={t('admin.title')} wide>
      <Agencies created={agencies.reload} />
      <Loading loaded={agencies} />
      <Users agencies={agencies.data ?? []} />
      {own.data ? <Agreements today={localToday(own.data.timezone)} /> : <Loading loaded={own} />}
      <Sites agencies={agencies.data ?? []} />
    </Page>
  );
}
