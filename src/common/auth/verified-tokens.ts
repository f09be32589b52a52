/** How many verified tokens are remembered before the memory starts over. */
const MAX_ENTRIES = 10_000;

/**
 * Bearer tokens whose signature was already verified, with their subject and expiry: a client sends the same
 * token with each request, and the same string always verifies the same way under our one key, so the HMAC need
 * not be computed again. Expiry is still checked on every request, as `jsonwebtoken` checks it (whole seconds);
 * whether the user may still sign in is not decided here (SignedInUsers, on every request).
 */
export class VerifiedTokens {
  private readonly tokens = new Map<string, { subject: unknown; exp: number }>();

  /** The token's subject when it was verified and has not expired since; undefined otherwise. */
  subjectOf(token: string, nowMs = Date.now()): unknown {
    const known = this.tokens.get(token);
    if (!known) return undefined;
    if (Math.floor(nowMs / 1000) < known.exp) return known.subject;
    this.tokens.delete(token);
    return undefined;
  }

  /** Remember a token just verified; one without a numeric expiry is not remembered. */
  remember(token: string, payload: { sub?: unknown; exp?: unknown }): void {
    if (typeof payload.exp !== 'number') return;
    if (this.tokens.size >= MAX_ENTRIES) this.tokens.clear();
    this.tokens.set(token, { subject: payload.sub, exp: payload.exp });
  }
}
