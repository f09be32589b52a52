import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { Page, PageQuery } from '../common/pagination.js';
import { OrdersService } from '../orders/orders.service.js';
import { AssignmentAccess } from './assignment-access.js';
import { AssignmentRepository } from './assignment.repository.js';
import { toAssignmentView, type AssignmentView } from './assignment.view.js';

@Injectable()
export class AssignmentsQueries {
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly access: AssignmentAccess,
    private readonly orders: OrdersService,
  ) {}

  async get(user: AuthUser, id: string): Promise<AssignmentView> {
    const assignment = await this.access.load(undefined, id, false);
    if (!(await this.access.canRead(undefined, user, assignment))) throw forbidden();
    return toAssignmentView(assignment, await this.assignments.personName(assignment.personId));
  }

  async forOrder(user: AuthUser, orderId: string, query: PageQuery): Promise<Page<AssignmentView>> {
    await this.orders.readable(undefined, user, orderId);
    return this.page({ orderId }, query);
  }

  /** The roll-call of a shift: the site's coordinators and the supervisors who plan there (one statement to check). */
  async roster(user: AuthUser, shiftId: string, query: PageQuery): Promise<Page<AssignmentView>> {
    const allowed = await this.assignments.rosterReadable(shiftId, {
      id: user.id,
      agencyId: user.agencyId,
      supervisor: user.role === 'supervisor',
    });
    if (allowed === undefined) throw notFound('shift');
    if (!allowed) throw forbidden();
    return this.page({ shiftId }, query);
  }

  /** Plain rows with their total in one statement (a second only for a page past the end). */
  private async page(
    where: { orderId: string } | { shiftId: string },
    query: PageQuery,
  ): Promise<Page<AssignmentView>> {
    const { rows, total } = await this.assignments.page(where, query);
    return { items: rows.map(({ personName, ...a }) => toAssignmentView(a, personName)), total };
  }
}
