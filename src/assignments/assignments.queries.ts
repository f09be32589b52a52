import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../access/access.policy.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Page, PageQuery } from '../common/pagination.js';
import { AssignmentAccess } from './assignment-access.js';
import { Assignment } from './assignment.entity.js';
import { readAssignmentView, toAssignmentView, type AssignmentView } from './assignment.view.js';

@Injectable()
export class AssignmentsQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AssignmentAccess,
    private readonly policy: AccessPolicy,
  ) {}

  async get(user: AuthUser, id: string): Promise<AssignmentView> {
    await this.policy.requireAccess(user, 'assignment.read', [id]);
    const manager = this.dataSource.manager;
    return readAssignmentView(manager, await this.access.load(manager, id, false));
  }

  async forOrder(user: AuthUser, orderId: string, query: PageQuery): Promise<Page<AssignmentView>> {
    await this.policy.requireAccess(user, 'order.read', [orderId]);
    return this.page({ orderId }, query);
  }

  /** The roll-call of a shift: the site's coordinators and the supervisors who plan there (one statement to check). */
  async roster(user: AuthUser, shiftId: string, query: PageQuery): Promise<Page<AssignmentView>> {
    await this.policy.requireAccess(user, 'shift.roster', [shiftId]);
    return this.page({ shiftId }, query);
  }

  /** Plain rows with their total in one statement (a second only for a page past the end). */
  private async page(where: { orderId?: string; shiftId?: string }, query: PageQuery): Promise<Page<AssignmentView>> {
    const [column, id] = where.orderId ? ['order_id', where.orderId] : ['shift_id', where.shiftId];
    const rows: (Assignment & { personName: string; total: number })[] = await this.dataSource.query(
      `SELECT ${this.access.columnsOf(this.dataSource.manager)}, p.full_name AS "personName", count(*) OVER ()::int AS total
         FROM assignment a JOIN person p ON p.id = a.person_id
        WHERE a.${column} = $1 ORDER BY a.starts_at, p.full_name LIMIT $2 OFFSET $3`,
      [id, query.limit, query.offset],
    );
    const total =
      rows[0]?.total ??
      (await this.dataSource.query(`SELECT count(*)::int AS n FROM assignment WHERE ${column} = $1`, [id]))[0].n;
    return { items: rows.map(({ personName, total: _, ...a }) => toAssignmentView(a, personName)), total };
  }
}
