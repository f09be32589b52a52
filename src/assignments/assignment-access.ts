import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { coordinatesSite, relatedToPerson } from '../access/access.conditions.js';
import { AccessPolicy } from '../access/access.policy.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { notFound } from '../common/domain-error.js';
import { Order } from '../orders/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';
import { Assignment } from './assignment.entity.js';

/** An assignment locked for a change, with the person's name its views show. */
export interface LockedAssignment {
  assignment: Assignment;
  personName: string;
}

/** Who may touch an assignment, and loading it locked for a change. */
@Injectable()
export class AssignmentAccess {
  private columns?: string;

  constructor(
    private readonly orders: OrdersService,
    private readonly policy: AccessPolicy,
  ) {}

  async load(manager: EntityManager, id: string, lock: boolean): Promise<Assignment> {
    const assignment = await manager.findOne(Assignment, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!assignment) throw notFound('assignment');
    return assignment;
  }

  /**
   * The site's coordinator records attendance, unless related to the person: the row
   * locked, its person's name and both checks in one statement.
   */
  async asCoordinator(manager: EntityManager, user: AuthUser, id: string): Promise<LockedAssignment> {
    const [row] = await manager.query(
      `SELECT ${this.columnsOf(manager)}, p.full_name AS "personName",
              ${coordinatesSite('a.site_id', '$2')} AS "coordinates", ${relatedToPerson('a.person_id', '$2')} AS "related"
         FROM assignment a JOIN person p ON p.id = a.person_id WHERE a.id = $1 FOR UPDATE OF a`,
      [id, user.id],
    );
    const {
      personName,
      coordinates: _,
      related: __,
      ...assignment
    } = this.policy.requireLoaded(user, 'assignment.record', row);
    return { assignment, personName };
  }

  /**
   * A supervisor of the order's Bapas decides, unless related to the person: the order is locked
   * first (as a booking locks it), then the assignment with its person's name and the checks (R-27: whether
   * its confirmation's author is related to the person, whenever that was declared).
   */
  async asSupervisor(
    manager: EntityManager,
    user: AuthUser,
    id: string,
  ): Promise<LockedAssignment & { order: Order; confirmerRelated: boolean }> {
    const [found] = await manager.query(`SELECT order_id FROM assignment WHERE id = $1`, [id]);
    if (!found) throw notFound('assignment');
    const order = await this.orders.supervised(manager, user, found.order_id, true);
    const [row] = await manager.query(
      `SELECT ${this.columnsOf(manager)}, p.full_name AS "personName",
              ${relatedToPerson('a.person_id', '$2')} AS "related",
              ${relatedToPerson('a.person_id', 'a.confirmed_by')} AS "confirmerRelated"
         FROM assignment a JOIN person p ON p.id = a.person_id WHERE a.id = $1 FOR UPDATE OF a`,
      [id, user.id],
    );
    const { personName, related, confirmerRelated, ...assignment } = row;
    this.policy.requireLoaded(user, 'assignment.decide', { ...order, related });
    return { assignment, personName, order, confirmerRelated };
  }

  /**
   * Writes the fields of the assignment that differ from `before` in one UPDATE, which also runs `alongside`
   * (such as the audit chain's lock, given the number of its first parameter).
   */
  async write(
    manager: EntityManager,
    before: Assignment,
    after: Assignment,
    alongside: (first: number) => { sql: string; params: unknown[] },
  ): Promise<void> {
    const metadata = manager.connection.getMetadata(Assignment);
    const changed = (Object.keys(after) as (keyof Assignment)[]).filter((key) =>
      after[key] instanceof Date
        ? after[key].getTime() !== (before[key] as Date | null)?.getTime()
        : after[key] !== before[key],
    );
    const sets = changed.map((key, i) => `${metadata.findColumnWithPropertyName(key)!.databaseName} = $${i + 2}`);
    const extra = alongside(changed.length + 2);
    await manager.query(
      `WITH changed AS (UPDATE assignment SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1) SELECT ${extra.sql}`,
      [after.id, ...changed.map((key) => after[key]), ...extra.params],
    );
  }

  /** The assignment's columns under their property names: a plain row shaped like the entity. */
  columnsOf(manager: EntityManager): string {
    this.columns ??= manager.connection
      .getMetadata(Assignment)
      .columns.map((column) => `a.${column.databaseName} AS "${column.propertyName}"`)
      .join(', ');
    return this.columns;
  }
}
