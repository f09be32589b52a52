import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { Order } from '../orders/order.entity.js';
import { orderInScope } from '../orders/order-scope.js';
import { OrdersService } from '../orders/orders.service.js';
import { hasConflict } from '../persons/persons.service.js';
import { SitesService } from '../sites/sites.service.js';
import { Assignment } from './assignment.entity.js';

/** Who may touch an assignment, and loading it locked for a change. */
@Injectable()
export class AssignmentAccess {
  constructor(
    private readonly orders: OrdersService,
    private readonly sites: SitesService,
  ) {}

  async load(manager: EntityManager, id: string, lock: boolean): Promise<Assignment> {
    const assignment = await manager.findOne(Assignment, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!assignment) throw notFound('assignment');
    return assignment;
  }

  /** The site's coordinator records attendance, unless related to the person. */
  async asCoordinator(manager: EntityManager, user: AuthUser, id: string): Promise<Assignment> {
    const assignment = await this.load(manager, id, true);
    if (!(await this.sites.coordinates(manager, user.id, assignment.siteId))) throw forbidden();
    await this.refuseRelated(manager, user, assignment);
    return assignment;
  }

  /** A supervisor of the order's Bapas decides, unless related to the person. */
  async asSupervisor(
    manager: EntityManager,
    user: AuthUser,
    id: string,
  ): Promise<{ assignment: Assignment; order: Order }> {
    const unlocked = await this.load(manager, id, false);
    const order = await this.orders.supervised(manager, user, unlocked.orderId, true);
    const assignment = await this.load(manager, id, true);
    await this.refuseRelated(manager, user, assignment);
    return { assignment, order };
  }

  async canRead(manager: EntityManager, user: AuthUser, assignment: Assignment): Promise<boolean> {
    if (await this.sites.coordinates(manager, user.id, assignment.siteId)) return true;
    return orderInScope(user, await manager.findOneByOrFail(Order, { id: assignment.orderId }));
  }

  private async refuseRelated(manager: EntityManager, user: AuthUser, assignment: Assignment): Promise<void> {
    if (await hasConflict(manager, user.id, assignment.personId)) throw forbidden('attendance.conflict_of_interest');
  }
}
