import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Role } from './role.js';
import type { AuthUser } from './auth-user.js';

export const PUBLIC_KEY = 'bakti:public';
export const ROLES_KEY = 'bakti:roles';

/**
 * No token needed (login, health, docs). The OpenAPI document's default is bearer security; a public
 * operation's `security: [{}]` (the empty requirement) says it is served without one.
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiSecurity({}));

/** Only these roles may call the endpoint; the service then checks the scope. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => context.switchToHttp().getRequest().user,
);
