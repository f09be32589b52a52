import { VerifiedTokens } from './verified-tokens.js';

describe('VerifiedTokens', () => {
  const exp = 1_800_000_000;

  it('gives the subject of a remembered token until its expiry second, as jsonwebtoken counts it', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('t', { sub: 'u', exp });
    expect(tokens.subjectOf('t', exp * 1000 - 1)).toBe('u');
    expect(tokens.subjectOf('t', exp * 1000)).toBeUndefined();
    expect(tokens.subjectOf('t', exp * 1000 - 1)).toBeUndefined();
  });

  it('does not remember a token without a numeric expiry, nor know one never verified', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('t', { sub: 'u' });
    expect(tokens.subjectOf('t', 0)).toBeUndefined();
    expect(tokens.subjectOf('other', 0)).toBeUndefined();
  });
});
