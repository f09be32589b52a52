import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { homeOf, saveSession, type SessionUser } from '../session.js';
import { ErrorBox, Field, Page, useAction } from '../ui.js';

export default function Login() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useAction(async () => {
    const answer = await ok(api.POST('/api/v1/auth/login', { body: { username, password } }));
    const user = answer.user as SessionUser;
    saveSession(answer.accessToken, user, answer.expiresIn);
    const next = new URLSearchParams(location.search).get('next');
    navigate(next?.startsWith('/') && !next.startsWith('//') ? next : homeOf[user.role], true);
  });
  return (
    <Page title={t('login.title')}>
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
