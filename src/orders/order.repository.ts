import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { entityColumns } from '../database/entity-columns.js';
import { prepared, preparedRows } from '../database/prepared.js';
import type { Tx } from '../database/transactions.js';
import { Order } from './order.entity.js';

/** Statuses whose planned minutes still count as booked for the order. */
const PENDING_STATUSES = `('scheduled', 'checked_in', 'checked_out')`;

/** The columns the order lists filter on. */
const ORDER_FILTERS = {
  bapasId: 'bapas_id',
  kejaksaanId: 'kejaksaan_id',
  status: 'status',
  personId: 'person_id',
} as const;

export type NewOrder = Omit<
  Order,
  'id' | 'createdAt' | 'repeatMinutes' | 'repeatFrom' | 'requiredMinutes' | 'creditedMinutes' | 'completedAt'
>;

/** The court orders (court_order) and the read models of their progress. */
@Injectable()
export class OrderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(order: NewOrder, tx: Tx = this.dataSource.manager): Promise<Order> {
    const { id } = await tx.save(tx.create(Order, order));
    return tx.findOneByOrFail(Order, { id });
  }

  /** The order (locked FOR UPDATE when `lock`): a plain row shaped like the entity, by a named statement. */
  async find(id: string, lock: boolean, tx: Tx = this.dataSource.manager): Promise<Order | null> {
    const [row] = await tx.query(
      prepared(
        lock ? 'order-locked' : 'order',
        `SELECT ${this.columns()} FROM court_order o WHERE o.id = $1${lock ? ' FOR UPDATE' : ''}`,
      ),
      [id],
    );
    return row ? orderOf(row) : null;
  }

  caseRegistered(personId: string, caseNumber: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(Order, { personId, caseNumber });
  }

  async update(id: string, change: Partial<Order>, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.update(Order, { id }, change);
  }

  async completedSince(since: Date, tx: Tx = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM court_order WHERE status = 'completed' AND completed_at > $1`,
      [since],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Read model: the order's row with its person's name (person) and its scheduled minutes (assignment), in one
   * statement, a prepared one: `GET /orders/{id}` is the hottest read.
   */
  async withProgress(id: string): Promise<{ order: Order; personName: string; scheduledMinutes: number } | null> {
    const [row] = await preparedRows<Record<string, unknown>>(
      this.dataSource,
      'order-with-progress',
      `SELECT ${this.columns()}, (SELECT full_name FROM person WHERE id = o.person_id) AS "personName",
              (SELECT coalesce(sum(planned_minutes), 0)::int FROM assignment
                WHERE order_id = o.id AND status IN ${PENDING_STATUSES}) AS "scheduledMinutes"
         FROM court_order o WHERE o.id = $1`,
      [id],
    );
    return row ? withProgressOf(row) : null;
  }

  /**
   * Read model: a page of orders, newest first, each with its person's name and scheduled minutes as
   * `withProgress` gives them, and the number of orders matching: two statements, whatever the page's size.
   */
  async pageWithProgress(
    where: Partial<Pick<Order, 'bapasId' | 'kejaksaanId' | 'status' | 'personId'>>,
    page: { limit: number; offset: number },
    tx: Tx = this.dataSource.manager,
  ): Promise<{ items: { order: Order; personName: string; scheduledMinutes: number }[]; total: number }> {
    const filters = Object.entries(where).filter(([, value]) => value !== undefined);
    const condition = filters.length
      ? `WHERE ${filters.map(([field], i) => `o.${ORDER_FILTERS[field as keyof typeof where]} = $${i + 1}`).join(' AND ')}`
      : '';
    const values = filters.map(([, value]) => value);
    const rows: Record<string, unknown>[] = await tx.query(
      `SELECT ${this.columns()}, p.full_name AS "personName",
              (SELECT coalesce(sum(planned_minutes), 0)::int FROM assignment
                WHERE order_id = o.id AND status IN ${PENDING_STATUSES}) AS "scheduledMinutes"
         FROM court_order o JOIN person p ON p.id = o.person_id ${condition}
        ORDER BY o.created_at DESC, o.id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, page.limit, page.offset],
    );
    const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM court_order o ${condition}`, values);
    return { items: rows.map(withProgressOf), total };
  }

  /** Read model: an order's scheduled minutes (assignment) and its person's name (person). */
  async progressOf(
    order: Pick<Order, 'id' | 'personId'>,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ scheduledMinutes: number; personName: string }> {
    const [row] = await tx.query(
      `SELECT (SELECT coalesce(sum(planned_minutes), 0)::int FROM assignment
                WHERE order_id = $1 AND status IN ${PENDING_STATUSES}) AS "scheduledMinutes",
              (SELECT full_name FROM person WHERE id = $2) AS "personName"`,
      [order.id, order.personId],
    );
    return row;
  }

  /** Read model: what an order needs of its person (person). */
  async person(
    id: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ id: string; bapasId: string; birthDate: string } | null> {
    const [row] = await tx.query(
      `SELECT id, bapas_id AS "bapasId", birth_date::text AS "birthDate" FROM person WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Read model: a user's role and agency (app_user). */
  async user(id: string, tx: Tx = this.dataSource.manager): Promise<{ role: string; agencyId: string } | null> {
    const [row] = await tx.query(`SELECT role, agency_id AS "agencyId" FROM app_user WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Read model: an agency's kind (agency). */
  async agencyKind(id: string, tx: Tx = this.dataSource.manager): Promise<string | null> {
    const [row] = await tx.query(`SELECT kind FROM agency WHERE id = $1`, [id]);
    return row?.kind ?? null;
  }

  /** Read model: the Kejari in the region of a Bapas (agency). */
  async kejaksaanNear(bapasId: string, tx: Tx = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT k.id FROM agency k JOIN agency b ON b.region = k.region WHERE b.id = $1 AND k.kind = 'kejaksaan'`,
      [bapasId],
    );
    return rows.map((row) => row.id);
  }

  /** Read model: the active prosecutors of a Kejari (app_user). */
  async prosecutorsOf(kejaksaanId: string, tx: Tx = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM app_user WHERE role = 'prosecutor' AND active AND agency_id = $1`,
      [kejaksaanId],
    );
    return rows.map((row) => row.id);
  }

  private columns(): string {
    return entityColumns(this.dataSource, Order, 'o');
  }
}

/** A plain row of court_order with its person's name and scheduled minutes (the amount read as a number). */
function withProgressOf(row: Record<string, unknown>): { order: Order; personName: string; scheduledMinutes: number } {
  const { personName, scheduledMinutes, ...order } = row;
  return { order: orderOf(order), personName: personName as string, scheduledMinutes: scheduledMinutes as number };
}

/** A plain row of court_order as the entity reads it (the amount, a bigint, as a number). */
function orderOf(row: Record<string, unknown>): Order {
  const amount = row.replacedAmountRupiah as string | null;
  return { ...(row as unknown as Order), replacedAmountRupiah: amount === null ? null : Number(amount) };
}
