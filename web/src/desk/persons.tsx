import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import { Link, navigate } from '../router.js';
import { serverNow } from '../server-clock.js';
import { localToday } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';
import { detailLabels, homeOf, NO_DETAILS, PersonDetailsFields } from './person-fields.js';
import { WindowsEditor, type Window } from './windows.js';

function Register() {
  const [form, setForm] = useState({
    fullName: '',
    nik: '',
    birthDate: '',
    sex: 'M' as 'M' | 'F',
    phone: '',
    address: '',
    inSchool: false,
  });
  const [windows, setWindows] = useState<Window[]>([]);
  const [details, setDetails] = useState(NO_DETAILS);
  const field = (name: keyof typeof form) => ({
    value: String(form[name]),
    onInput: (e: { currentTarget: HTMLInputElement }) => setForm({ ...form, [name]: e.currentTarget.value }),
  });
  const save = useAction(async () => {
    const home = homeOf(details);
    const person = await ok(
      api.POST('/api/v1/persons', {
        body: {
          fullName: form.fullName,
          nik: form.nik,
          birthDate: form.birthDate,
          sex: form.sex,
          inSchool: form.inSchool,
          unavailable: windows.map((w) => ({ ...w, reason: w.reason || undefined })),
          ...(form.phone ? { phone: form.phone } : {}),
          ...(form.address ? { address: form.address } : {}),
          ...(details.religion ? { religion: details.religion } : {}),
          worshipDefaults: details.worshipDefaults,
          ...(home ? { home } : {}),
          locale: details.locale,
        },
      }),
    );
    navigate(`/pk/orang/${person.id}`);
  });
  return (
    <form
      class="card"
      aria-labelledby="h-register"
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      <h2 id="h-register">{t('person.register')}</h2>
      <Field label={t('person.fullName')}>
        <input required {...field('fullName')} />
      </Field>
      <Field label="NIK" hint={t('person.nikHint')}>
        <input required inputMode="numeric" {...field('nik')} />
      </Field>
      <Field label={t('person.birthDate')} hint={t('person.birthHint')}>
        <input required type="date" max={localToday('Asia/Jayapura', serverNow())} {...field('birthDate')} />
      </Field>
      <Field label={t('person.sex')}>
        <select value={form.sex} onChange={(e) => setForm({ ...form, sex: e.currentTarget.value as 'M' | 'F' })}>
          <option value="M">{t('person.male')}</option>
          <option value="F">{t('person.female')}</option>
        </select>
      </Field>
      <Field label={t('person.phone')}>
        <input type="tel" {...field('phone')} />
      </Field>
      <Field label={t('person.address')}>
        <input {...field('address')} />
      </Field>
      <label class="check">
        <input
          type="checkbox"
          checked={form.inSchool}
          onChange={(e) => setForm({ ...form, inSchool: e.currentTarget.checked })}
        />{' '}
        {t('person.inSchool')}
      </label>
      <PersonDetailsFields details={details} change={setDetails} />
      <WindowsEditor windows={windows} change={setWindows} />
      <ErrorBox
        error={save.error}
        labels={{
          fullName: t('person.fullName'),
          nik: 'NIK',
          birthDate: t('person.birthDate'),
          phone: t('person.phone'),
          address: t('person.address'),
          ...detailLabels(),
        }}
      />
      <button type="submit" class="primary" disabled={save.busy}>
        {t('person.registerSubmit')}
      </button>
    </form>
  );
}

/** Persons of my Bapas: search by name or case number, and register a new one. */
export default function Persons() {
  const [q, setQ] = useState(new URLSearchParams(location.search).get('q') ?? '');
  const [search, setSearch] = useState(q);
  const loaded = useLoad(
    () => ok(api.GET('/api/v1/persons', { params: { query: { q: search || undefined, limit: 100 } } })),
    [search],
  );
  return (
    <Page title={t('person.title')} wide>
      <form
        role="search"
        class="actions"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(q.trim());
        }}
      >
        <label class="grow">
          <span class="label">{t('person.search')}</span>
          <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('common.search')}</button>
      </form>
      <Loading loaded={loaded} />
      {loaded.data ? (
        <ul aria-label={t('person.results', { count: loaded.data.total })} data-testid="persons">
          {loaded.data.items.map((person) => (
            <li key={person.id}>
              <Link href={`/pk/orang/${person.id}`}>{person.fullName}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {loaded.data?.total === 0 ? <p>{t('common.none')}</p> : null}
      <Register />
    </Page>
  );
}
