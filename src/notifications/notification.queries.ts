import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Page, PageQuery } from '../common/pagination.js';
import { Transactions } from '../database/transactions.js';
import { NotificationRepository, type NotificationView } from './notification.repository.js';

export type { DeliveryAttempt, NotificationView } from './notification.repository.js';

/** What was sent, with each delivery attempt, oldest first. */
@Injectable()
export class NotificationQueries {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly access: AccessPolicy,
    private readonly transactions: Transactions,
  ) {}

  list(where: { assignmentId?: string; recipientId?: string }, page: PageQuery): Promise<Page<NotificationView>> {
    return this.notifications.list(where, page);
  }

  /** What was sent about an assignment the user may read. */
  aboutAssignment(user: AuthUser, assignmentId: string, page: PageQuery): Promise<Page<NotificationView>> {
    return this.transactions.run(async (tx) => {
      await this.access.requireAccess(user, 'assignment.read', [assignmentId], tx);
      return this.notifications.list({ assignmentId }, page, tx);
    });
  }
}
