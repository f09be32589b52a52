import { personLinkToken, readPersonLink } from './person-link.js';

const secret = 'a-test-secret-of-some-length';
const personId = '5b0a9c1e-2f4d-4a6b-9c8d-7e6f5a4b3c2d';
const now = new Date('2026-12-01T00:00:00Z');
const later = new Date('2026-12-15T00:00:00Z');

describe('person link (the person page: no password, signed, expiring)', () => {
  it('reads back the person until it expires', () => {
    const token = personLinkToken(personId, later, secret);
    expect(readPersonLink(token, now, secret)).toEqual({ personId });
    expect(readPersonLink(token, later, secret)).toEqual({ refused: 'expired' });
  });

  it('refuses a token signed with another key, or changed to name another person', () => {
    const token = personLinkToken(personId, later, secret);
    expect(readPersonLink(token, now, 'another-secret-of-some-length')).toEqual({ refused: 'invalid' });
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(`00000000-0000-4000-8000-000000000000.${later.getTime() / 1000}`).toString('base64url')}.${signature}`;
    expect(readPersonLink(forged, now, secret)).toEqual({ refused: 'invalid' });
    expect(readPersonLink('not-a-token', now, secret)).toEqual({ refused: 'invalid' });
  });
});
