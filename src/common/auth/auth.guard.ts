import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { User, type Role } from '../../identity/user.entity.js';
import { DomainError, forbidden } from '../domain-error.js';
import type { AuthUser } from './auth-user.js';
import { PUBLIC_KEY, ROLES_KEY } from './decorators.js';

interface TokenClaims {
  sub: string;
}

/** Bearer token on every endpoint not marked @Public(), then the role check of @Roles(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const user = await this.authenticate(request.headers.authorization);
    request.user = user;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) throw forbidden('auth.role_not_allowed');
    return true;
  }

  private async authenticate(header: string | undefined): Promise<AuthUser> {
    const token = /^Bearer (\S+)$/i.exec(header ?? '')?.[1];
    if (!token) throw new DomainError(401, [{ code: 'auth.missing_token' }]);
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(token);
    } catch {
      throw new DomainError(401, [{ code: 'auth.bad_token' }]);
    }
    const user = await this.dataSource.getRepository(User).findOneBy({ id: claims.sub, active: true });
    if (!user) throw new DomainError(401, [{ code: 'auth.bad_token' }]);
    return { id: user.id, username: user.username, fullName: user.fullName, role: user.role, agencyId: user.agencyId };
  }
}
