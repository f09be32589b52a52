import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { homeOf, saveSession, type SessionUser } from '../session.js';
import { ErrorBox, Field, Page, useAction } from '../ui.js';

/** `next` when it is a path of this app: never another origin (`//host`, `/\host`). */
function pathOfThisApp(next: string | null): string | null {
  if (!next?.startsWith('/')) return null;
  const url = new URL(next, location.origin);
  return url.origin === location.origin ? url.pathname + url.search : null;
}

export default function Login() {
  const query = new URLSearchParams(location.search);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useAction(async () => {
    const answer = await ok(api.POST('/api/v1/auth/login', { body: { username, password } }));
    const user = answer.user as SessionUser;
    saveSession(answer.accessToken, user, answer.expiresIn);
    navigate(pathOfThisApp(query.get('next')) ?? homeOf[user.role], true);
  });
  return (
    <Page title={t('login.title')}>
      {query.has('berakhir') ? (
        <p class="notice" role="status">
          {t('login.sessionEnded')}
        </p>
      ) : null}
      <form
        class="stack narrow"
        onSubmit={(event) => {
          event.preventDefault();
          void login.run();
        }}
      >
        <Field label={t('login.username')}>
          <input
            name="username"
            autocomplete="username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('login.password')}>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <ErrorBox error={login.error} />
        <button type="submit" class="primary" disabled={login.busy}>
          {t('login.submit')}
        </button>
      </form>
    </Page>
  );
}
