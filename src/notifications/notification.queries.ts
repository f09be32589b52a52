import { Injectable } from '@nestjs/common';
import { AssignmentAccess } from '../assignments/assignment-access.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { forbidden } from '../common/domain-error.js';
import { Page, PageQuery } from '../common/pagination.js';
import { Transactions } from '../database/transactions.js';
import { NotificationRepository, type NotificationView } from './notification.repository.js';

export type { DeliveryAttempt, NotificationView } from './notification.repository.js';

/** What was sent, with each delivery attempt, oldest first. */
@Injectable()
export class NotificationQueries {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly assignments: AssignmentAccess,
    private readonly transactions: Transactions,
  ) {}

  list(where: { assignmentId?: string; recipientId?: string }, page: PageQuery): Promise<Page<NotificationView>> {
    return this.notifications.list(where, page);
  }

  /** What was sent about an assignment the user may read. */
  aboutAssignment(user: AuthUser, assignmentId: string, page: PageQuery): Promise<Page<NotificationView>> {
    return this.transactions.run(async (tx) => {
      const assignment = await this.assignments.load(tx, assignmentId, false);
      if (!(await this.assignments.canRead(tx, user, assignment))) throw forbidden();
      return this.notifications.list({ assignmentId }, page, tx);
    });
  }
}
