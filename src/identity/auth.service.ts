import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Authenticator } from './authenticator.js';
import { AppConfig } from '../config/app-config.js';
import { ActivateDto } from './dto.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async login(username: string, password: string, address: string) {
    return this.signedIn(await this.authenticator.verifyPassword(username, password, address));
  }

  async activate(dto: ActivateDto) {
    return this.signedIn(await this.users.activate(dto));
  }

  private async signedIn(user: User) {
    const { id, fullName, role, agencyId } = user;
    return {
      accessToken: await this.jwt.signAsync({ sub: id, role }),
      tokenType: 'Bearer' as const,
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: { id, username: user.username, fullName, role, agencyId },
    };
  }
}
