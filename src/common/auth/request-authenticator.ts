import type { AuthUser } from './auth-user.js';

/**
 * Who is calling, for the guard and the queue dashboard. The identity module implements it (users live there);
 * the plumbing depends on this contract only.
 */
export abstract class RequestAuthenticator {
  /** From `Authorization: Bearer <token>`; a 401 DomainError when missing, invalid or the user is inactive. */
  abstract fromBearer(header: string | undefined): Promise<AuthUser>;
  /** From `Authorization: Basic …` (the queue dashboard in a browser); counted against sign-in attempts. */
  abstract fromBasic(header: string | undefined, address: string): Promise<AuthUser>;
}
