import { createHmac, createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json.js';

/**
 * the chain's hashes are keyed (HMAC-SHA256 with AUDIT_KEY, held outside the database), so whoever can
 * write rows but does not hold the key can't recompute a valid chain after changing or inserting an event.
 */
export function keyedHash(key: string, value: unknown): string {
  return createHmac('sha256', secretKey(key)).update(canonicalJson(value)).digest('hex');
}

/** One change as the trail keeps it, its states already as they are kept (personal fields fingerprinted). */
export interface KeptChange<S = unknown> {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: S | null;
  after: S | null;
}

/**
 * The event a change becomes on `chain` after `prevHash`, and its keyed hash: the one shape the service writes and
 * the national generator writes in bulk, so both hash the same fields.
 */
export function chainedEvent<S>(
  key: string,
  chain: number,
  at: string,
  prevHash: string | null,
  change: KeptChange<S>,
) {
  const event = {
    id: randomUUID(),
    chain,
    at,
    actorId: change.actorId,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: change.before,
    after: change.after,
    prevHash,
  };
  return { ...event, hash: keyedHash(key, event) };
}

/** The key imported once, not once an event (a third of a hash's time when the trail is written in bulk). */
const secretKeys = new Map<string, KeyObject>();
function secretKey(key: string): KeyObject {
  let secret = secretKeys.get(key);
  if (!secret) {
    secret = createSecretKey(key, 'utf8');
    secretKeys.set(key, secret);
  }
  return secret;
}

/**
 * what an audit event keeps of these fields, at any depth, is a keyed fingerprint: it shows that a value
 * changed, not what it is, and nothing in the trail names a person once their record is anonymised.
 */
export const PERSONAL_FIELDS = [
  'nik',
  'fullName',
  'personName',
  'religion',
  'phone',
  'address',
  'home',
  'homeLat',
  'homeLng',
  'birthDate',
] as const;

export function fingerprint(key: string, field: string, value: unknown): string {
  return `fp:${keyedHash(key, { field, value }).slice(0, 24)}`;
}

/** A copy of the state with every personal field fingerprinted (null stays null: "no phone" is not personal). */
export function withPersonalDataFingerprinted(key: string, state: unknown): unknown {
  if (Array.isArray(state)) return state.map((item) => withPersonalDataFingerprinted(key, item));
  if (state === null || typeof state !== 'object') return state;
  return Object.fromEntries(
    Object.entries(state).map(([field, value]) =>
      (PERSONAL_FIELDS as readonly string[]).includes(field) && value !== null && value !== undefined
        ? [field, fingerprint(key, field, value)]
        : [field, withPersonalDataFingerprinted(key, value)],
    ),
  );
}
