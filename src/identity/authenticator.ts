import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { RequestAuthenticator } from '../common/auth/request-authenticator.js';
import { Clock } from '../common/clock.js';
import { DomainError, tooManyAttempts } from '../common/domain-error.js';
import { SharedCounters } from '../common/throttle/shared-counters.js';
import { SignedInUsers } from '../common/auth/signed-in-users.js';
import { VerifiedTokens } from '../common/auth/verified-tokens.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { User } from './user.entity.js';
import { UserRepository } from './user.repository.js';

/** Who is calling: from a bearer token (the API), a password (login), or Basic credentials (the queue dashboard). */
@Injectable()
export class Authenticator implements RequestAuthenticator {
  /** Verified against when the username is unknown, so both failures take the same time. */
  private readonly decoyHash = argon2.hash('bakti-decoy-password');
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly jwt: JwtService,
    private readonly transactions: Transactions,
    private readonly users: UserRepository,
    private readonly counters: SharedCounters,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly signedIn: SignedInUsers,
  ) {}

  /** The user behind the token, active: a deactivated account's tokens stop working at once (SignedInUsers). */
  async fromBearer(header: string | undefined): Promise<AuthUser> {
    const token = /^Bearer (\S+)$/i.exec(header ?? '')?.[1];
    if (!token) throw new DomainError(401, [{ code: 'auth.missing_token' }]);
    let subject = this.verified.subjectOf(token);
    if (subject === undefined) {
      try {
        const payload = await this.jwt.verifyAsync<{ sub: unknown; exp?: unknown }>(token);
        this.verified.remember(token, payload);
        subject = payload.sub;
      } catch {
        throw new DomainError(401, [{ code: 'auth.bad_token' }]);
      }
    }
    if (typeof subject !== 'string' || !isUUID(subject)) throw new DomainError(401, [{ code: 'auth.bad_token' }]);
    const id = subject;
    const user = await this.signedIn.get(id, () => this.users.signedIn(id));
    if (!user) throw new DomainError(401, [{ code: 'auth.bad_token' }]);
    return user;
  }

  async fromBasic(header: string | undefined, address: string): Promise<AuthUser> {
    const encoded = /^Basic (\S+)$/i.exec(header ?? '')?.[1];
    const [username, password] = Buffer.from(encoded ?? '', 'base64')
      .toString('utf8')
      .split(/:(.*)/s);
    if (!username || !password) throw new DomainError(401, [{ code: 'auth.missing_token' }]);
    return toAuthUser(await this.verifyPassword(username, password, address));
  }

  /**
   * failed attempts are counted per username and per address across replicas (429 past the limit, whatever
   * the password), and a run of wrong passwords locks the account for a while.
   */
  async verifyPassword(username: string, password: string, address: string): Promise<User> {
    const name = username.toLowerCase();
    await this.assertAttemptsLeft(name, address);
    const user = await this.users.forLogin(name);
    const valid = await argon2.verify(user?.passwordHash ?? (await this.decoyHash), password);
    const locked = (user?.lockedUntil?.getTime() ?? 0) > this.clock.now().getTime();
    if (!user || !user.passwordHash || !valid || locked) {
      await this.countFailure(name, address, user && !locked ? user : null);
      throw new DomainError(401, [{ code: locked ? 'auth.account_locked' : 'auth.bad_credentials' }]);
    }
    if (user.failedLogins > 0) await this.users.resetFailedLogins(user.id);
    return user;
  }

  private async assertAttemptsLeft(username: string, address: string): Promise<void> {
    const [byName, byAddress] = await Promise.all([
      this.counters.peek(`login:user:${username}`),
      this.counters.peek(`login:addr:${address}`),
    ]);
    if (byName.hits >= this.config.LOGIN_FAILURES_PER_USERNAME) throw tooManyAttempts(byName.retryAfterSeconds);
    if (byAddress.hits >= this.config.LOGIN_FAILURES_PER_ADDRESS) throw tooManyAttempts(byAddress.retryAfterSeconds);
  }

  private async countFailure(username: string, address: string, user: User | null): Promise<void> {
    const windowMs = this.config.LOGIN_FAILURE_WINDOW_MINUTES * 60_000;
    await Promise.all([
      this.counters.hit(`login:user:${username}`, windowMs, this.config.LOGIN_FAILURES_PER_USERNAME, windowMs),
      this.counters.hit(`login:addr:${address}`, windowMs, this.config.LOGIN_FAILURES_PER_ADDRESS, windowMs),
    ]);
    if (!user) return;
    const lockedUntil = new Date(this.clock.now().getTime() + this.config.LOCKOUT_MINUTES * 60_000);
    await this.transactions.run(async (tx) => {
      const row = await this.users.countFailedLogin(user.id, this.config.LOCKOUT_AFTER_FAILURES, lockedUntil, tx);
      if (!row?.locked) return;
      await this.users.resetFailedLogins(user.id, tx);
      await this.audit.record(tx, {
        actorId: null,
        action: 'user.locked',
        entityType: 'user',
        entityId: user.id,
        after: { lockedUntil, failedLogins: row.failed_logins },
      });
    });
  }
}

function toAuthUser(user: User): AuthUser {
  return { id: user.id, username: user.username, fullName: user.fullName, role: user.role, agencyId: user.agencyId };
}
