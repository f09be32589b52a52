import { createHash, randomInt } from 'node:crypto';

/** R-28 POLICY: wrong activation codes before a code is void and a new one must be issued. */
export const ACTIVATION_ATTEMPTS = 5;

/** Eight digits: typed from an SMS on a phone; expiring, tried at most ACTIVATION_ATTEMPTS times. */
export function newActivationCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}

/** Only the hash is stored, bound to the account, so a database reader can't use it elsewhere either. */
export function activationCodeHash(userId: string, code: string): string {
  return createHash('sha256').update(`bakti.activation:${userId}:${code}`).digest('hex');
}

export type AccountStatus = 'pending_activation' | 'active' | 'deactivated';

export function accountStatus(user: { active: boolean; hasPassword: boolean }): AccountStatus {
  if (!user.active) return 'deactivated';
  return user.hasPassword ? 'active' : 'pending_activation';
}

/** Why a code is refused, or null when it opens the account. */
export function activationRefusal(
  stored: { codeHash: string | null; expiresAt: Date | null; attempts: number },
  presentedHash: string,
  now: Date,
): 'account.activation_not_pending' | 'account.activation_expired' | 'account.activation_code_wrong' | null {
  if (!stored.codeHash || !stored.expiresAt || stored.attempts >= ACTIVATION_ATTEMPTS)
    return 'account.activation_not_pending';
  if (stored.expiresAt.getTime() <= now.getTime()) return 'account.activation_expired';
  return stored.codeHash === presentedHash ? null : 'account.activation_code_wrong';
}
