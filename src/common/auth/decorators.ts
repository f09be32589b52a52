import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../identity/user.entity.js';
import type { AuthUser } from './auth-user.js';

export const PUBLIC_KEY = 'bakti:public';
export const ROLES_KEY = 'bakti:roles';

/** No token needed (login, health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the endpoint; the service then checks the scope. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => context.switchToHttp().getRequest().user,
);
