import { useLayoutEffect, useState } from 'preact/hooks';
import { ApiError, api, ok } from '../api/client.js';
import { allAgencies } from '../api/pages.js';
import type { components } from '../api/schema.js';
import { Link } from '../router.js';
import { t } from '../i18n.js';
import '../messages-more.js';
import { ownAgency } from '../own-agency.js';
import { ROLES } from '../session.js';
import { formatInstant } from '../time.js';
import { ErrorBox, Field, Loading, Page, useAction, useLoad } from '../ui.js';

type User = components['schemas']['User'];

/** The account (null when there is none), every agency to choose from, and the office's zone for its times. */
async function load(userId: string) {
  const [user, agencies, own] = await Promise.all([
    ok(api.GET('/api/v1/users/{id}', { params: { path: { id: userId } } })).catch((error: unknown) => {
      if (error instanceof ApiError && error.problem.status === 404) return null;
      throw error;
    }),
    allAgencies(),
    ownAgency(),
  ]);
  return { user, agencies, zone: own.timezone };
}

/** One account's page: edit it, deactivate or reactivate it, lift a lock, start a password reset. */
export default function UserPage({ params }: { params: { userId: string } }) {
  const loaded = useLoad(() => load(params.userId), [params.userId]);
  const user = loaded.data?.user;
  const zone = loaded.data?.zone ?? '';
  const [f, setF] = useState({ fullName: '', role: 'supervisor', agencyId: '', phone: '' });
  const [said, setSaid] = useState('');
  // Before the page is painted: filled after it, the form would overwrite what somebody typed at once.
  useLayoutEffect(() => {
    if (user) setF({ fullName: user.fullName, role: user.role, agencyId: user.agencyId, phone: user.phone ?? '' });
  }, [user?.id, user?.fullName, user?.role, user?.agencyId, user?.phone]);
  const done = (message: string) => {
    setSaid(message);
    loaded.reload();
  };
  const save = useAction(async () => {
    await ok(
      api.PATCH('/api/v1/users/{id}', {
        params: { path: { id: params.userId } },
        body: { fullName: f.fullName, role: f.role as User['role'], agencyId: f.agencyId, phone: f.phone || null },
      }),
    );
    done(t('user.saved'));
  });
  const act = useAction(async (what: 'deactivate' | 'reactivate' | 'unlock' | 'password-reset') => {
    const path = { params: { path: { id: params.userId } } };
    if (what === 'deactivate') await ok(api.POST('/api/v1/users/{id}/deactivate', path));
    if (what === 'reactivate') await ok(api.POST('/api/v1/users/{id}/reactivate', path));
    if (what === 'unlock') await ok(api.POST('/api/v1/users/{id}/unlock', path));
    if (what === 'password-reset') await ok(api.POST('/api/v1/users/{id}/password-reset', path));
    done(t(`user.done.${what}`));
  });
  if (!user) {
    return (
      <Page title={t('user.title')}>
        <Loading loaded={loaded} />
        {loaded.data ? <p>{t('common.notFound')}</p> : null}
      </Page>
    );
  }
  const locked = user.lockedUntil && Date.parse(user.lockedUntil) > Date.now();
  return (
    <Page title={`${user.fullName} (${user.username})`}>
      <p>
        <Link href="/admin">{t('user.back')}</Link>
      </p>
      <p data-testid="user-status">
        <span class={user.status === 'active' ? 'status s-checked_in' : 'status s-absent'}>
          {t(`user.status.${user.status}`)}
        </span>
        {user.status === 'pending_activation' && user.activationExpiresAt ? (
          <span class="sub"> {t('user.codeUntil', { when: formatInstant(user.activationExpiresAt, zone) })}</span>
        ) : null}
        {locked ? (
          <span class="sub"> {t('user.lockedUntil', { when: formatInstant(user.lockedUntil!, zone) })}</span>
        ) : null}
      </p>
      <p role="status">{said}</p>
      <form
        class="stack"
        aria-labelledby="h-edit"
        onSubmit={(event) => {
          event.preventDefault();
          void save.run();
        }}
      >
        <h2 id="h-edit">{t('user.edit')}</h2>
        <Field label={t('admin.name')}>
          <input required value={f.fullName} onInput={(e) => setF({ ...f, fullName: e.currentTarget.value })} />
        </Field>
        <Field label={t('admin.role')}>
          <select value={f.role} onChange={(e) => setF({ ...f, role: e.currentTarget.value })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('admin.agency')}>
          <select value={f.agencyId} onChange={(e) => setF({ ...f, agencyId: e.currentTarget.value })}>
            {loaded.data!.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('person.phone')} hint={t('admin.phoneHint')}>
          <input type="tel" value={f.phone} onInput={(e) => setF({ ...f, phone: e.currentTarget.value })} />
        </Field>
        <ErrorBox
          error={save.error}
          labels={{
            fullName: t('admin.name'),
            role: t('admin.role'),
            agencyId: t('admin.agency'),
            phone: t('person.phone'),
          }}
        />
        <button type="submit" class="primary" disabled={save.busy}>
          {t('common.save')}
        </button>
      </form>
      <section aria-labelledby="h-account">
        <h2 id="h-account">{t('user.account')}</h2>
        <div class="actions">
          {user.status === 'deactivated' ? (
            <button type="button" disabled={act.busy} onClick={() => void act.run('reactivate')}>
              {t('user.reactivate')}
            </button>
          ) : (
            <button type="button" class="danger" disabled={act.busy} onClick={() => void act.run('deactivate')}>
              {t('user.deactivate')}
            </button>
          )}
          {locked ? (
            <button type="button" disabled={act.busy} onClick={() => void act.run('unlock')}>
              {t('user.unlock')}
            </button>
          ) : null}
          <button type="button" disabled={act.busy} onClick={() => void act.run('password-reset')}>
            {t('user.reset')}
          </button>
        </div>
        <p class="legal">{t('user.resetHint')}</p>
        <ErrorBox error={act.error} />
      </section>
    </Page>
  );
}
