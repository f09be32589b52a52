import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { DomainError } from '../common/domain-error.js';
import { User } from './user.entity.js';
import { toUserView } from './users.service.js';

@Injectable()
export class AuthService {
  /** Verified against when the username is unknown, so both failures take the same time. */
  private readonly decoyHash = argon2.hash('bakti-decoy-password');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string) {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.username = :username AND user.active', { username: username.toLowerCase() })
      .getOne();
    const valid = await argon2.verify(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user || !valid) throw new DomainError(401, [{ code: 'auth.bad_credentials' }]);
    const { id, fullName, role, agencyId } = toUserView(user);
    return {
      accessToken: await this.jwt.signAsync({ sub: user.id, role }),
      tokenType: 'Bearer' as const,
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: { id, username: user.username, fullName, role, agencyId },
    };
  }
}
