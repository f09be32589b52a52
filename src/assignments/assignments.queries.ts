import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { Page, PageQuery } from '../common/pagination.js';
import { OrdersService } from '../orders/orders.service.js';
import { Shift } from '../shifts/shift.entity.js';
import { Site } from '../sites/site.entity.js';
import { SitesService } from '../sites/sites.service.js';
import { AssignmentAccess } from './assignment-access.js';
import { Assignment } from './assignment.entity.js';
import { readAssignmentView, toAssignmentView, type AssignmentView } from './assignment.view.js';

@Injectable()
export class AssignmentsQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AssignmentAccess,
    private readonly orders: OrdersService,
    private readonly sites: SitesService,
  ) {}

  async get(user: AuthUser, id: string): Promise<AssignmentView> {
    const manager = this.dataSource.manager;
    const assignment = await this.access.load(manager, id, false);
    if (!(await this.access.canRead(manager, user, assignment))) throw forbidden();
    return readAssignmentView(manager, assignment);
  }

  async forOrder(user: AuthUser, orderId: string, query: PageQuery): Promise<Page<AssignmentView>> {
    await this.orders.readable(this.dataSource.manager, user, orderId);
    return this.page({ orderId }, query);
  }

  /** The roll-call of a shift: the site's coordinators and the supervisors who plan there. */
  async roster(user: AuthUser, shiftId: string, query: PageQuery): Promise<Page<AssignmentView>> {
    const manager = this.dataSource.manager;
    const shift = await manager.findOneBy(Shift, { id: shiftId });
    if (!shift) throw notFound('shift');
    const site = await manager.findOneByOrFail(Site, { id: shift.siteId });
    const allowed =
      (await this.sites.coordinates(manager, user.id, site.id)) ||
      (user.role === 'supervisor' && (await this.sites.usableBy(manager, user.agencyId, site)));
    if (!allowed) throw forbidden();
    return this.page({ shiftId }, query);
  }

  private async page(where: { orderId?: string; shiftId?: string }, query: PageQuery): Promise<Page<AssignmentView>> {
    const builder = this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .innerJoin('person', 'p', 'p.id = a.person_id')
      .addSelect('p.full_name', 'person_name')
      .orderBy('a.starts_at', 'ASC')
      .addOrderBy('p.full_name', 'ASC')
      .limit(query.limit)
      .offset(query.offset);
    if (where.orderId) builder.where('a.order_id = :orderId', where);
    if (where.shiftId) builder.where('a.shift_id = :shiftId', where);
    const { entities, raw } = await builder.getRawAndEntities();
    const total = await builder.getCount();
    return { items: entities.map((a, i) => toAssignmentView(a, raw[i].person_name)), total };
  }
}
