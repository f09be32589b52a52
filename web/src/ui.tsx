import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api/client.js';
import { t, useLang } from './i18n.js';

/** A page: its title in the tab and as the one h1, focused on arrival so a screen reader hears where it is. */
export function Page({ title, children, wide }: { title: string; children: ComponentChildren; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Bakti`;
    heading.current?.focus();
  }, [title]);
  return (
    <main id="main" class={wide ? 'page wide' : 'page'}>
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </main>
  );
}

/**
 * A refused request in the server's words. Errors about fields are listed one by one under the form's own labels
 * (`labels`: the API's field name → the label): the API's field names mean nothing to the user, so a field
 * without a label shows only its message.
 */
export function ErrorBox({ error, labels = {} }: { error: unknown; labels?: Record<string, string> }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : null;
  const errors = problem?.errors ?? [];
  const line = ({ field, message }: { field?: string; message: string }) =>
    field && labels[field] ? `${labels[field]}: ${message}` : message;
  return (
    <div class="error" role="alert">
      {problem?.status === 401 ? (
        <p>
          {problem.detail ?? problem.title}{' '}
          <a
            href={`/masuk?next=${encodeURIComponent(location.pathname + location.search)}`}
            target="_blank"
            rel="noopener"
          >
            {t('error.signInAgain')}
          </a>
        </p>
      ) : !problem ? (
        <p>{t('error.network')}</p>
      ) : !errors.some((e) => e.field) ? (
        <p>{problem.detail ?? problem.title}</p>
      ) : errors.length === 1 ? (
        <p>{line(errors[0])}</p>
      ) : (
        <>
          <p>{t('error.check')}</p>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{line(e)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads once per `deps` (and again on reload or a change of language, since the server's texts are translated). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const lang = useLang();
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => void (live = false);
  }, [...deps, tick, lang]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function Loading({ loaded }: { loaded: Loaded<unknown> }) {
  if (loaded.error) return <ErrorBox error={loaded.error} />;
  return loaded.loading && loaded.data === undefined ? <p aria-live="polite">{t('common.loading')}</p> : null;
}

/** Runs an action, keeping its error and busy state for the button that started it. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (...args: A) => {
    setBusy(true);
    setError(null);
    try {
      await action(...args);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error };
}

export function Progress({ required, scheduled, credited }: { required: number; scheduled: number; credited: number }) {
  const pct = (n: number) => (required ? Math.min(100, Math.round((n / required) * 100)) : 0);
  return (
    <div
      class="progress"
      role="img"
      aria-label={t('order.progressLabel', { credited: pct(credited), scheduled: pct(scheduled) })}
    >
      <div class="progress-scheduled" style={{ width: `${pct(credited + scheduled)}%` }} />
      <div class="progress-credited" style={{ width: `${pct(credited)}%` }} />
    </div>
  );
}

export function Field({ label, hint, children }: { label: string; hint?: string; children: ComponentChildren }) {
  return (
    <label class="field">
      <span class="label">{label}</span>
      {hint ? <span class="hint">{hint}</span> : null}
      {children}
    </label>
  );
}
