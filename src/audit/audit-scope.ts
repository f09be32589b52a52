import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user.js';
import { orderInScope } from '../orders/order-scope.js';
import { AuditEventRepository } from './audit-event.repository.js';

/** Which order an audited entity belongs to, so that R-26 scope applies to its trail too. */
@Injectable()
export class AuditScope {
  constructor(private readonly events: AuditEventRepository) {}

  async allows(user: AuthUser, entityType: string | undefined, entityId: string | undefined): Promise<boolean> {
    if (!entityType || !entityId) return false;
    const owner = await this.events.ownerOf(entityType, entityId);
    return owner !== null && orderInScope(user, owner);
  }
}
