import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Authenticator } from '../common/auth/authenticator.js';
import { AppConfig } from '../config/app-config.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string) {
    const user = await this.authenticator.verifyPassword(username, password);
    const { id, fullName, role, agencyId } = user;
    return {
      accessToken: await this.jwt.signAsync({ sub: id, role }),
      tokenType: 'Bearer' as const,
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: { id, username: user.username, fullName, role, agencyId },
    };
  }
}
