import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { User } from '../../identity/user.entity.js';
import { DomainError } from '../domain-error.js';
import type { AuthUser } from './auth-user.js';

/** Who is calling: from a bearer token (the API), a password (login), or Basic credentials (the queue dashboard). */
@Injectable()
export class Authenticator {
  /** Verified against when the username is unknown, so both failures take the same time. */
  private readonly decoyHash = argon2.hash('bakti-decoy-password');

  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async fromBearer(header: string | undefined): Promise<AuthUser> {
    const token = /^Bearer (\S+)$/i.exec(header ?? '')?.[1];
    if (!token) throw new DomainError(401, [{ code: 'auth.missing_token' }]);
    let subject: string;
    try {
      subject = (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch {
      throw new DomainError(401, [{ code: 'auth.bad_token' }]);
    }
    if (typeof subject !== 'string' || !isUUID(subject)) throw new DomainError(401, [{ code: 'auth.bad_token' }]);
    const user = await this.dataSource.getRepository(User).findOneBy({ id: subject, active: true });
    if (!user) throw new DomainError(401, [{ code: 'auth.bad_token' }]);
    return toAuthUser(user);
  }

  async fromBasic(header: string | undefined): Promise<AuthUser> {
    const encoded = /^Basic (\S+)$/i.exec(header ?? '')?.[1];
    const [username, password] = Buffer.from(encoded ?? '', 'base64').toString('utf8').split(/:(.*)/s);
    if (!username || !password) throw new DomainError(401, [{ code: 'auth.missing_token' }]);
    return toAuthUser(await this.verifyPassword(username, password));
  }

  async verifyPassword(username: string, password: string): Promise<User> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.username = :username AND user.active', { username: username.toLowerCase() })
      .getOne();
    const valid = await argon2.verify(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user || !valid) throw new DomainError(401, [{ code: 'auth.bad_credentials' }]);
    return user;
  }
}

function toAuthUser(user: User): AuthUser {
  return { id: user.id, username: user.username, fullName: user.fullName, role: user.role, agencyId: user.agencyId };
}
