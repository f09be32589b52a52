import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Page, PageQuery } from '../common/pagination.js';
import { AssignmentAccess } from './assignment-access.js';
import { AssignmentRepository } from './assignment.repository.js';
import { forTheSite, toAssignmentView, type AssignmentListItem, type AssignmentView } from './assignment.view.js';

@Injectable()
export class AssignmentsQueries {
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly access: AssignmentAccess,
    private readonly policy: AccessPolicy,
  ) {}

  async get(user: AuthUser, id: string): Promise<AssignmentView> {
    await this.policy.requireAccess(user, 'assignment.read', [id]);
    const assignment = await this.access.load(undefined, id, false);
    const view = toAssignmentView(assignment, await this.assignments.personName(assignment.personId));
    return user.role === 'coordinator' ? forTheSite(view) : view;
  }

  async forOrder(user: AuthUser, orderId: string, query: PageQuery): Promise<Page<AssignmentListItem>> {
    await this.policy.requireAccess(user, 'order.read', [orderId]);
    return this.page({ orderId }, query);
  }

  /** The roll-call of a shift: the site's coordinators and the supervisors who plan there (one statement to check). */
  async roster(user: AuthUser, shiftId: string, query: PageQuery): Promise<Page<AssignmentListItem>> {
    await this.policy.requireAccess(user, 'shift.roster', [shiftId]);
    const page = await this.page({ shiftId }, query);
    return user.role === 'coordinator' ? { ...page, items: page.items.map(forTheSite) } : page;
  }

  /** Plain rows with their total in one statement (a second only for a page past the end). */
  private async page(
    where: { orderId: string } | { shiftId: string },
    query: PageQuery,
  ): Promise<Page<AssignmentListItem>> {
    const { rows, total } = await this.assignments.page(where, query);
    return { items: rows.map(({ personName, site, ...a }) => ({ ...toAssignmentView(a, personName), site })), total };
  }
}
