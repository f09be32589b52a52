import {
  accountStatus,
  activationCodeHash,
  activationRefusal,
  ACTIVATION_ATTEMPTS,
  newActivationCode,
} from './account.rules.js';

describe('account rules (R-28)', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const later = new Date('2026-12-02T00:00:00Z');
  const hash = activationCodeHash('u1', '12345678');

  it('codes are eight digits and stored only as a hash bound to the account', () => {
    expect(newActivationCode()).toMatch(/^\d{8}$/);
    expect(hash).not.toContain('12345678');
    expect(activationCodeHash('u2', '12345678')).not.toBe(hash);
  });

  it('a new account has no usable password until its owner activates it', () => {
    expect(accountStatus({ active: true, hasPassword: false })).toBe('pending_activation');
    expect(accountStatus({ active: true, hasPassword: true })).toBe('active');
    expect(accountStatus({ active: false, hasPassword: true })).toBe('deactivated');
  });

  it('the right code before it expires opens the account; a wrong, late or exhausted one does not', () => {
    const stored = { codeHash: hash, expiresAt: later, attempts: 0 };
    expect(activationRefusal(stored, hash, now)).toBeNull();
    expect(activationRefusal(stored, activationCodeHash('u1', '00000000'), now)).toBe('account.activation_code_wrong');
    expect(activationRefusal(stored, hash, later)).toBe('account.activation_expired');
    expect(activationRefusal({ ...stored, attempts: ACTIVATION_ATTEMPTS }, hash, now)).toBe(
      'account.activation_not_pending',
    );
    expect(activationRefusal({ codeHash: null, expiresAt: null, attempts: 0 }, hash, now)).toBe(
      'account.activation_not_pending',
    );
  });
});
