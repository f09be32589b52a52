import { RuleViolation } from './rule-violation.js';

/**
 * A refusal the client can act on. The problem+json filter turns it into the answer:
 * 400 for a bad field, 403 for role or scope, 404 for nothing visible, 409 for a clash with the current state.
 */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 429,
    readonly violations: RuleViolation[],
    readonly headers: Record<string, string> = {},
  ) {
    super(violations.map((v) => v.code).join(', '));
  }
}

export const badRequest = (violations: RuleViolation[]) => new DomainError(400, violations);
export const conflict = (...violations: RuleViolation[]) => new DomainError(409, violations);
export const forbidden = (code = 'auth.out_of_scope') => new DomainError(403, [{ code }]);
/** A body field that names something that does not exist (or that the caller can't see). */
export const unknownReference = (field: string, entity: string) =>
  new DomainError(400, [{ field, code: 'reference_not_found', params: { entity } }]);
export const notFound = (entity: string) => new DomainError(404, [{ code: 'not_found', params: { entity } }]);

/** Throws a 400 when there is anything to refuse. */
export function assertValid(violations: RuleViolation[]): void {
  if (violations.length > 0) throw badRequest(violations);
}

/** Throws a 409 when there is anything to refuse. */
export function assertNoConflict(violations: RuleViolation[]): void {
  if (violations.length > 0) throw new DomainError(409, violations);
}

/** Too many attempts: 429 with the seconds to wait in Retry-After. */
export const tooManyAttempts = (retryAfterSeconds: number) =>
  new DomainError(429, [{ code: 'auth.too_many_attempts', params: { seconds: String(retryAfterSeconds) } }], {
    'Retry-After': String(retryAfterSeconds),
  });
