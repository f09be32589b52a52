import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import { maySeeSupervisorsWords } from '../access/access.rules.js';
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
    const order = (await this.policy.requireAccessFacts(user, 'assignment.read', [id])).get(id)!;
    const assignment = await this.access.load(undefined, id, false);
    const view = toAssignmentView(assignment, await this.assignments.personName(assignment.personId));
    return maySeeSupervisorsWords(user, order) ? view : forTheSite(view);
  }

  async forOrder(user: AuthUser, orderId: string, query: PageQuery): Promise<Page<AssignmentListItem>> {
    await this.policy.requireAccess(user, 'order.read', [orderId]);
    return this.page({ orderId }, query);
  }

  /** The roll-call of a shift: the site's coordinators and the supervisors who plan there (one statement to check). */
  async roster(user: AuthUser, shiftId: string, query: PageQuery): Promise<Page<AssignmentListItem>> {
    await this.policy.requireAccess(user, 'shift.roster', [shiftId]);
    // A roll-call's readers are the site's coordinators and the supervisors of its parties (mayCallRoll): no
    // prosecutor, so the order's Bapas (its person's) is all that decides.
    return this.page({ shiftId }, query, (bapasId) => maySeeSupervisorsWords(user, { bapasId, kejaksaanId: null }));
  }

  /**
   * Plain rows with their total in one statement (a second only for a page past the end); the supervisor's words
   * only where `words` allows them for the order's Bapas.
   */
  private async page(
    where: { orderId: string } | { shiftId: string },
    query: PageQuery,
    words: (bapasId: string) => boolean = () => true,
  ): Promise<Page<AssignmentListItem>> {
    const { rows, total } = await this.assignments.page(where, query);
    const items = rows.map(({ personName, site, bapasId, ...a }) => {
      const view = { ...toAssignmentView(a, personName), site };
      return words(bapasId) ? view : forTheSite(view);
    });
    return { items, total };
  }
}
