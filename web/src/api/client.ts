import createClient, { type Middleware } from 'openapi-fetch';
import { currentLang } from '../i18n.js';
import { navigate } from '../router.js';
import { currentSession, endSession } from '../session.js';
import { noteServerDate } from '../server-clock.js';
import type { paths } from './schema.js';

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { field?: string; message: string }[];
}

/** A refused request, with the server's problem+json (already in the user's language). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

/** Requests that answer 401 for their own reasons: a wrong password, a person's expired link. */
const OWN_REFUSALS = ['/api/v1/auth/login', '/api/v1/person-page/'];

/**
 * A token the server no longer takes (expired, the user deactivated): the session ends and the user signs in again,
 * told why, then comes back to this page.
 */
function sessionRefused(): void {
  if (location.pathname === '/masuk') return;
  endSession();
  navigate(`/masuk?berakhir=1&next=${encodeURIComponent(location.pathname + location.search)}`);
}

const headers: Middleware = {
  onRequest({ request }) {
    const session = currentSession();
    if (session && !request.headers.has('authorization'))
      request.headers.set('authorization', `Bearer ${session.token}`);
    request.headers.set('accept-language', currentLang());
    return request;
  },
  onResponse({ request, response }) {
    noteServerDate(response.headers.get('date'));
    if (response.status === 401) unauthorized(request);
    return response;
  },
};

/**
 * After a 401, the user signs in again when it was a page's read (a download too) with the session's current token.
 * Not after a request with 401s of its own, nor a write (its form keeps what was typed, and ErrorBox offers to sign
 * in in another tab; the roll-call's queued taps wait for the next session), nor an answer to a token another
 * sign-in has replaced.
 */
export function unauthorized(request: Request): void {
  const path = new URL(request.url).pathname;
  if (request.method !== 'GET' || OWN_REFUSALS.some((own) => path.startsWith(own))) return;
  const session = currentSession();
  if (!session || request.headers.get('authorization') === `Bearer ${session.token}`) sessionRefused();
}

export const api = createClient<paths>({ baseUrl: location.origin });
api.use(headers);

/** The answer's data, or an ApiError carrying the server's message. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<NonNullable<T>> {
  const { data, error, response } = await call;
  if (response.ok) return data as NonNullable<T>;
  const problem = (error && typeof error === 'object' ? error : {}) as Partial<Problem>;
  throw new ApiError({ ...problem, status: response.status });
}
