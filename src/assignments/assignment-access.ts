import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { notFound } from '../common/domain-error.js';
import type { Tx } from '../database/transactions.js';
import { OrdersService, type OrderRecord } from '../orders/orders.service.js';
import { Assignment } from './assignment.entity.js';
import { AssignmentRepository, type Workplace } from './assignment.repository.js';

/** An assignment locked for a change, with the person's name its views show. */
export interface LockedAssignment {
  assignment: Assignment;
  personName: string;
}

/** Who may touch an assignment, and loading it locked for a change. */
@Injectable()
export class AssignmentAccess {
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly orders: OrdersService,
    private readonly policy: AccessPolicy,
  ) {}

  async load(tx: Tx | undefined, id: string, lock: boolean): Promise<Assignment> {
    const assignment = await this.assignments.find(id, lock, tx);
    if (!assignment) throw notFound('assignment');
    return assignment;
  }

  /**
   * The site's coordinator records attendance, unless related to the person: the row
   * locked, its person's name, both checks and where it is worked in one statement.
   */
  async asCoordinator(tx: Tx, user: AuthUser, id: string): Promise<LockedAssignment & { workplace: Workplace }> {
    const row = await this.assignments.lockForCoordinator(id, user.id, tx);
    const {
      personName,
      workplace,
      coordinates: _,
      related: __,
      ...assignment
    } = this.policy.requireLoaded(user, 'assignment.record', row);
    return { assignment, personName, workplace };
  }

  /**
   * A supervisor of the order's Bapas decides, unless related to the person: the order is locked
   * first (as a booking locks it), then the assignment with its person's name and the checks (R-27: whether
   * its confirmation's author is related to the person, whenever that was declared).
   */
  async asSupervisor(
    tx: Tx,
    user: AuthUser,
    id: string,
  ): Promise<LockedAssignment & { order: OrderRecord; confirmerRelated: boolean }> {
    const orderId = await this.assignments.orderOf(id, tx);
    if (!orderId) throw notFound('assignment');
    const order = await this.orders.supervised(tx, user, orderId, true);
    const { personName, related, confirmerRelated, ...assignment } = await this.assignments.lockForSupervisor(
      id,
      user.id,
      tx,
    );
    this.policy.requireLoaded(user, 'assignment.decide', { ...order, related });
    return { assignment, personName, order, confirmerRelated };
  }
}
