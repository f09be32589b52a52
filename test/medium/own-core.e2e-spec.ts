import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { Transactions } from '../../src/database/transactions.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { ShiftsService } from '../../src/shifts/shifts.service.js';
import { startTestApp, TestApp } from '../support/test-app.js';
import { World } from '../support/world.js';

/** What the repositories of assignments, orders and shifts guarantee on the real PostgreSQL. */
describe('own-core: shifts, orders and their repositories', () => {
  let t: TestApp;
  let w: World;
  let transactions: Transactions;
  let supervisor: AuthUser;

  beforeAll(async () => {
    t = await startTestApp();
    w = await World.build(t);
    transactions = t.app.get(Transactions);
    supervisor = {
      id: w.ids.supervisor,
      username: 'supervisor',
      fullName: 'Supervisor',
      role: 'supervisor',
      agencyId: w.ids.bapas,
    };
  });
  afterAll(() => t.close());

  const bookedCount = async (shiftId: string): Promise<number> =>
    (await t.db.query(`SELECT booked_count FROM shift WHERE id = $1`, [shiftId]))[0].booked_count;

  const orderRow = async (orderId: string) =>
    (await t.db.query(`SELECT status, completed_at FROM court_order WHERE id = $1`, [orderId]))[0];

  it('R-18: 20 concurrent seat-takings on a shift of capacity 5 take exactly 5 seats', async () => {
    const shifts = t.app.get(ShiftsService);
    const shift = await w.shift('siteA', { date: '2026-12-02', capacity: 5 });

    const taken = await Promise.all(
      Array.from({ length: 20 }, () => transactions.run((tx) => shifts.takeSeats(tx, new Map([[shift.id, 1]])))),
    );

    expect(taken.filter(Boolean)).toHaveLength(5);
    expect(await bookedCount(shift.id)).toBe(5);
  });

  it('R-16, R-14: an order completes and reopens through the orders module, each audited', async () => {
    const orders = t.app.get(OrdersService);
    const orderId = await w.personWithOrder();
    const completedAt = new Date('2026-11-23T02:00:00Z');

    await transactions.run(async (tx) =>
      orders.complete(tx, supervisor.id, await orders.supervised(tx, supervisor, orderId, true), completedAt),
    );
    expect(await orderRow(orderId)).toEqual({ status: 'completed', completed_at: completedAt });

    await transactions.run(async (tx) =>
      orders.reopen(tx, supervisor.id, await orders.supervised(tx, supervisor, orderId, true), 'credit reversed'),
    );
    expect(await orderRow(orderId)).toEqual({ status: 'active', completed_at: null });
    const actions = await t.db.query(
      `SELECT action FROM audit_event WHERE entity_type = 'order' AND entity_id = $1 ORDER BY seq`,
      [orderId],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'order.created',
      'order.completed',
      'order.reopened',
    ]);
  });

  it('a transaction whose work throws leaves neither the seat nor the completion behind', async () => {
    const shifts = t.app.get(ShiftsService);
    const orders = t.app.get(OrdersService);
    const shift = await w.shift('siteA', { date: '2026-12-03', capacity: 2 });
    const orderId = await w.personWithOrder();

    const work = transactions.run(async (tx) => {
      expect(await shifts.takeSeats(tx, new Map([[shift.id, 1]]))).toBe(true);
      await orders.complete(tx, supervisor.id, await orders.supervised(tx, supervisor, orderId, true), new Date());
      throw new Error('the work fails after both writes');
    });

    await expect(work).rejects.toThrow('the work fails after both writes');
    expect(await bookedCount(shift.id)).toBe(0);
    expect(await orderRow(orderId)).toEqual({ status: 'active', completed_at: null });
  });
});
