import { createHmac, timingSafeEqual } from 'node:crypto';

/** POLICY: a person's link works this long after it was made (a reminder carries a fresh one). */
export const PERSON_LINK_DAYS = 14;

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const key = (secret: string) => createHmac('sha256', secret).update('bakti person link').digest();
const sign = (payload: string, secret: string) => createHmac('sha256', key(secret)).update(payload).digest();

/** `<personId.expiry, base64url>.<HMAC>`: no password, nothing to look up, useless after `expiresAt`. */
export function personLinkToken(personId: string, expiresAt: Date, secret: string): string {
  const payload = b64(`${personId}.${Math.floor(expiresAt.getTime() / 1000)}`);
  return `${payload}.${b64(sign(payload, secret))}`;
}

export type LinkCheck = { personId: string } | { refused: 'invalid' | 'expired' };

export function readPersonLink(token: string, now: Date, secret: string): LinkCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { refused: 'invalid' };
  const expected = sign(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { refused: 'invalid' };
  const [personId, expiry] = Buffer.from(payload, 'base64url').toString().split('.');
  if (Number(expiry) * 1000 <= now.getTime()) return { refused: 'expired' };
  return { personId };
}
