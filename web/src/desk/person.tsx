import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import { Link } from '../router.js';
import { currentSession } from '../session.js';
import { ownAgency } from '../own-agency.js';
import { formatInstant, formatMinutes } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';
import { detailLabels, detailsOf, homeOf, NO_DETAILS, PersonDetailsFields } from './person-fields.js';
import { WindowsEditor, type Window } from './windows.js';

/** A field of the update only when it differs from what the person has: null clears it. */
function changed<K extends string, V>(name: K, value: V, before: V): Partial<Record<K, V>> {
  return value === before ? {} : ({ [name]: value } as Record<K, V>);
}

async function loadPerson(id: string) {
  const [person, orders, agency] = await Promise.all([
    ok(api.GET('/api/v1/persons/{id}', { params: { path: { id } } })),
    ok(api.GET('/api/v1/orders', { params: { query: { personId: id, limit: 100 } } })),
    ownAgency(),
  ]);
  return { person, orders, agency };
}

/** One person: their orders, what changes in their life (windows, phone, address), a conflict, their own link. */
export default function PersonPage({ params }: { params: { personId: string } }) {
  const loaded = useLoad(() => loadPerson(params.personId), [params.personId]);
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [windows, setWindows] = useState<Window[]>([]);
  const [details, setDetails] = useState(NO_DETAILS);
  const [relation, setRelation] = useState('');
  const [declared, setDeclared] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const linkInput = useRef<HTMLInputElement>(null);
  const [saved, setSaved] = useState<string[] | null>(null);
  const [link, setLink] = useState<{ path: string; expiresAt: string } | null>(null);
  const person = loaded.data?.person;
  useEffect(() => {
    if (!person) return;
    setPhone(person.phone ?? '');
    setAddress(person.address ?? '');
    setWindows(person.unavailable ?? []);
    setDetails(detailsOf(person));
  }, [person?.id]);
  const save = useAction(async () => {
    const before = loaded.data!.person;
    const home = homeOf(details);
    const answer = await ok(
      api.PATCH('/api/v1/persons/{id}', {
        params: { path: { id: params.personId } },
        body: {
          ...changed('phone', phone.trim() || null, before.phone),
          ...changed('address', address.trim() || null, before.address),
          ...changed('religion', details.religion || null, before.religion),
          ...changed('worshipDefaults', details.worshipDefaults, before.worshipDefaults),
          ...changed('locale', details.locale, before.locale),
          ...(JSON.stringify(home) !== JSON.stringify(before.home) ? { home } : {}),
          unavailable: windows.map((w) => ({ ...w, reason: w.reason || undefined })),
        },
      }),
    );
    setSaved(answer.bookingsToReview ?? []);
    loaded.reload();
  });
  const declare = useAction(async () => {
    setDeclared(null);
    await ok(
      api.POST('/api/v1/persons/{id}/conflicts', {
        params: { path: { id: params.personId } },
        body: { userId: currentSession()!.user.id, relation },
      }),
    );
    setDeclared(relation);
    setRelation('');
  });
  const makeLink = useAction(async () => {
    const answer = await ok(api.POST('/api/v1/persons/{id}/link', { params: { path: { id: params.personId } } }));
    setLink({ path: answer.path, expiresAt: String(answer.expiresAt) });
  });
  if (!loaded.data || !person) {
    return (
      <Page title={t('person.title')}>
        <Loading loaded={loaded} />
      </Page>
    );
  }
  return (
    <Page title={person.fullName} wide>
      <section aria-labelledby="h-orders">
        <h2 id="h-orders">{t('nav.orders')}</h2>
        <ul>
          {loaded.data.orders.items.map((order) => (
            <li key={order.id}>
              <Link href={`/pk/putusan/${order.id}`}>{order.caseNumber}</Link> ·{' '}
              {t(`status.${order.status}` as 'status.active')} ·{' '}
              {t('jaksa.credited', {
                credited: formatMinutes(order.progress.creditedMinutes),
                required: formatMinutes(order.progress.requiredMinutes),
              })}
            </li>
          ))}
        </ul>
        <Link href={`/pk/putusan/baru?person=${person.id}`}>{t('nav.newOrder')}</Link>
      </section>
      <form
        class="card"
        aria-labelledby="h-edit"
        onSubmit={(event) => {
          event.preventDefault();
          void save.run();
        }}
      >
        <h2 id="h-edit">{t('person.edit')}</h2>
        <Field label={t('person.phone')}>
          <input type="tel" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
        </Field>
        <Field label={t('person.address')}>
          <input value={address} onInput={(e) => setAddress(e.currentTarget.value)} />
        </Field>
        <PersonDetailsFields details={details} change={setDetails} />
        <WindowsEditor windows={windows} change={setWindows} />
        <ErrorBox
          error={save.error}
          labels={{ phone: t('person.phone'), address: t('person.address'), ...detailLabels() }}
        />
        {saved ? (
          <p role="status">{saved.length ? t('person.review', { count: saved.length }) : t('common.done')}</p>
        ) : null}
        <button type="submit" class="primary" disabled={save.busy}>
          {t('common.save')}
        </button>
      </form>
      <form
        class="card"
        aria-labelledby="h-conflict"
        onSubmit={(event) => {
          event.preventDefault();
          void declare.run();
        }}
      >
        <h2 id="h-conflict">{t('person.conflict')}</h2>
        <p class="legal">{t('person.conflictHint')}</p>
        <Field label={t('person.relation')}>
          <input required value={relation} onInput={(e) => setRelation(e.currentTarget.value)} />
        </Field>
        <ErrorBox error={declare.error} labels={{ relation: t('person.relation') }} />
        {declared ? (
          <p role="status" data-testid="conflict-declared">
            {t('person.declared', { relation: declared })}
          </p>
        ) : null}
        <button type="submit" disabled={declare.busy}>
          {t('person.declare')}
        </button>
      </form>
      <section class="card" aria-labelledby="h-link">
        <h2 id="h-link">{t('person.link')}</h2>
        <p class="legal">{t('person.linkHint')}</p>
        <ErrorBox error={makeLink.error} />
        {link ? (
          <div class="stack">
            <Field label={t('person.linkAddress')}>
              <input
                readOnly
                ref={linkInput}
                data-testid="person-link"
                value={location.origin + link.path}
                onFocus={(e) => e.currentTarget.select()}
              />
            </Field>
            <p>{t('person.linkValid', { until: formatInstant(link.expiresAt, loaded.data.agency.timezone) })}</p>
            <div class="actions">
              <button
                type="button"
                onClick={() => {
                  // Without a clipboard (no HTTPS) or leave to use it, the address is selected to copy by hand.
                  const copy = navigator.clipboard?.writeText(location.origin + link.path);
                  (copy ?? Promise.reject()).then(
                    () => setCopied(true),
                    () => linkInput.current?.select(),
                  );
                }}
              >
                {t('person.copyLink')}
              </button>
              {copied ? <span role="status">{t('person.linkCopied')}</span> : null}
            </div>
          </div>
        ) : (
          <button type="button" disabled={makeLink.busy} onClick={() => void makeLink.run()}>
            {t('person.makeLink')}
          </button>
        )}
      </section>
    </Page>
  );
}
