import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from './role.js';
import { forbidden } from '../domain-error.js';
import { PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import { RequestAuthenticator } from './request-authenticator.js';

/** Bearer token on every endpoint not marked @Public(), then the role check of @Roles(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest();
    request.user = await this.authenticator.fromBearer(request.headers.authorization);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.user.role)) throw forbidden('auth.role_not_allowed');
    return true;
  }
}
