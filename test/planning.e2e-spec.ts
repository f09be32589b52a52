import { AppConfig } from '../src/config/app-config.js';
import { DEFAULT_NOW, TestApp } from './support/test-app.js';
import { codes, fields } from './support/problems.js';
import { World } from './support/world.js';

/** Near the World's sites in Ambon (about 1 km away). */
const HOME = { lat: -3.702, lng: 128.1842 };
const FAR_HOME = { lat: -3.3, lng: 128.9 };

describe('planning: preview, apply, re-plan (POST /orders/{id}/plan, POST /plans, POST /plans/{id}/apply)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => ({ t, w } = await World.start()));
  afterAll(() => t.close());
  afterEach(() => t.clock.set(DEFAULT_NOW));

  const planOrder = (orderId: string, body: object = {}, headers: Record<string, string> = {}) =>
    w.post('supervisor', `/orders/${orderId}/plan`, body, headers);
  const bookedRows = async (orderId: string) =>
    (
      await t.db.query(`SELECT count(*)::int AS n FROM assignment WHERE order_id = $1 AND status <> 'cancelled'`, [
        orderId,
      ])
    )[0].n;

  it('previews the bookings that complete an order, nearest and earliest first, and books nothing yet', async () => {
    const orderId = await w.personWithOrder({ home: HOME }, { totalHours: 16 });
    const dates = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'];
    const shifts: { id: string }[] = [];
    for (const date of dates) shifts.push(await w.shift('siteB', { date, start: '08:00', end: '16:00', capacity: 3 }));

    const preview = await planOrder(orderId, { from: '2026-12-07', to: '2026-12-13' });

    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({
      status: 'preview',
      orderId,
      summary: { orders: 1, bookings: 2, needMinutes: 960, plannedMinutes: 960, ordersComplete: 1 },
    });
    expect(preview.body.bookings.map((b: { date: string }) => b.date)).toEqual(['2026-12-07', '2026-12-08']);
    expect(preview.body.bookings[0]).toMatchObject({
      siteId: w.ids.siteB,
      plannedMinutes: 480,
      start: '08:00',
      end: '16:00',
    });
    expect(preview.body.orders[0]).toMatchObject({
      orderId,
      needMinutes: 960,
      plannedMinutes: 960,
      shortfall: null,
      explanation: null,
    });
    expect(await bookedRows(orderId)).toBe(0);
    const [{ booked }] = await t.db.query(`SELECT sum(booked_count)::int AS booked FROM shift WHERE id = ANY($1)`, [
      shifts.map((s) => s.id),
    ]);
    expect(booked).toBe(0);
  });

  it('applies a preview once: every proposal is booked through the booking rules; a second apply is 409', async () => {
    const orderId = await w.personWithOrder({ home: HOME }, { totalHours: 8, maxHoursPerDay: 4 });
    for (const date of ['2026-12-14', '2026-12-15', '2026-12-16'])
      await w.shift('siteB', { date, start: '13:00', end: '17:00' });
    const preview = await planOrder(orderId, { from: '2026-12-14', to: '2026-12-20' });
    expect(preview.body.bookings).toHaveLength(2);

    const applied = await w.post('supervisor', `/plans/${preview.body.id}/apply`);

    expect(applied.status).toBe(200);
    expect(applied.body.status).toBe('applied');
    expect(applied.body.result.booked).toHaveLength(2);
    expect(applied.body.result.refused).toEqual([]);
    expect(await bookedRows(orderId)).toBe(2);
    expect((await w.get('supervisor', `/orders/${orderId}`)).body.progress).toMatchObject({
      scheduledMinutes: 480,
      remainingMinutes: 480,
    });
    const again = await w.post('supervisor', `/plans/${preview.body.id}/apply`);
    expect(again.status).toBe(409);
    expect(codes(again.body)).toEqual(['plan.already_applied']);
    expect(await bookedRows(orderId)).toBe(2);
    const audit = await t.db.query(`SELECT action FROM audit_event WHERE entity_type = 'plan' AND entity_id = $1`, [
      preview.body.id,
    ]);
    expect(audit).toEqual([{ action: 'plan.applied' }]);
  });

  it('refuses to apply a preview older than PLAN_PREVIEW_TTL_MINUTES (24 h): the situation may have changed', async () => {
    const orderId = await w.personWithOrder({ home: HOME }, { totalHours: 8, maxHoursPerDay: 4 });
    await w.shift('siteB', { date: '2027-02-15', start: '13:00', end: '17:00' });
    const preview = await planOrder(orderId, { from: '2027-02-15', to: '2027-02-21' });
    expect(preview.body.bookings).toHaveLength(1);
    t.clock.set(new Date(Date.parse(DEFAULT_NOW) + 24 * 3600_000 + 1000).toISOString());

    const late = await w.post('supervisor', `/plans/${preview.body.id}/apply`);

    expect(late.status).toBe(409);
    expect(codes(late.body)).toEqual(['plan.expired']);
    expect(await bookedRows(orderId)).toBe(0);
    expect((await w.get('supervisor', `/plans/${preview.body.id}`)).body.status).toBe('preview');
  });

  it('R-18: a plan applied while others book by hand never overfills a shift; what it lost is listed with the reason', async () => {
    const dates = ['2026-12-21', '2026-12-22', '2026-12-23'];
    const shifts: { id: string }[] = [];
    for (const date of dates) shifts.push(await w.shift('siteB', { date, capacity: 1 }));
    const planned = await w.personWithOrder({ home: HOME }, { totalHours: 12, maxHoursPerDay: 4 });
    const preview = await planOrder(planned, { from: '2026-12-21', to: '2026-12-23' });
    expect(preview.body.bookings).toHaveLength(3);
    const others = [await w.personWithOrder(), await w.personWithOrder(), await w.personWithOrder()];

    const [applied, ...manual] = await Promise.all([
      w.post('supervisor', `/plans/${preview.body.id}/apply`),
      ...others.map((orderId, i) => w.book(orderId, shifts[i].id)),
    ]);

    const rows = await t.db.query(
      `SELECT s.booked_count AS booked, (SELECT count(*)::int FROM assignment a WHERE a.shift_id = s.id AND a.status <> 'cancelled') AS rows
         FROM shift s WHERE s.id = ANY($1)`,
      [shifts.map((s) => s.id)],
    );
    expect(rows).toEqual([
      { booked: 1, rows: 1 },
      { booked: 1, rows: 1 },
      { booked: 1, rows: 1 },
    ]);
    const { booked, refused } = applied.body.result;
    expect(booked.length + manual.filter((r) => r.status === 201).length).toBe(3);
    expect(booked.length + refused.length).toBe(3);
    expect(refused.every((r: { code: string }) => r.code === 'booking.shift_full')).toBe(true);
  });

  it("plans the Bapas's orders over a horizon and explains who cannot finish: the bound, or the seats they compete for", async () => {
    const from = '2027-01-04';
    const to = '2027-01-10';
    await w.shift('siteB', { date: '2027-01-05', capacity: 1 });
    const first = await w.personWithOrder({ home: HOME }, { totalHours: 8, maxHoursPerDay: 4 });
    const second = await w.personWithOrder({ home: HOME }, { totalHours: 8, maxHoursPerDay: 4 });
    const faraway = await w.personWithOrder({ home: FAR_HOME }, { totalHours: 8 });

    const plan = await w.post('supervisor', '/plans', { from, to, orderIds: [first, second, faraway] });

    expect(plan.status).toBe(201);
    expect(plan.body.summary).toMatchObject({ orders: 3, bookings: 1, plannedMinutes: 240, ordersComplete: 0 });
    const byOrder = new Map(plan.body.orders.map((o: { orderId: string }) => [o.orderId, o]));
    const far = byOrder.get(faraway) as { shortfall: unknown; explanation: string };
    expect(far.shortfall).toEqual({ kind: 'bound', reachableMinutes: 0 });
    expect(far.explanation).toContain('Tidak dapat selesai');
    const competing = [byOrder.get(first), byOrder.get(second)] as {
      plannedMinutes: number;
      shortfall: { kind: string; siteIds?: string[] } | null;
      explanation: string;
    }[];
    expect(competing.map((o) => o.plannedMinutes).sort()).toEqual([0, 240]);
    const loser = competing.find((o) => o.plannedMinutes === 0)!;
    expect(loser.shortfall).toEqual({ kind: 'bound', reachableMinutes: 240 });

    const english = await w.t
      .http()
      .get(`/api/v1/plans/${plan.body.id}`)
      .set({ authorization: w.authorization('supervisor'), 'accept-language': 'en' });
    expect(english.status).toBe(200);
    expect(english.body.orders.find((o: { orderId: string }) => o.orderId === faraway).explanation).toContain(
      'Cannot finish',
    );
  });

  it('names the site an order competes for when alone it could finish', async () => {
    await w.shift('siteB', { date: '2027-01-12', capacity: 1 });
    await w.shift('siteB', { date: '2027-01-13', capacity: 1 });
    const a = await w.personWithOrder({ home: HOME }, { totalHours: 8, maxHoursPerDay: 4 });
    const b = await w.personWithOrder({ home: HOME }, { totalHours: 8, maxHoursPerDay: 4 });

    const plan = await w.post('supervisor', '/plans', { from: '2027-01-11', to: '2027-01-17', orderIds: [a, b] });

    expect(plan.body.summary).toMatchObject({ plannedMinutes: 480, bookings: 2 });
    const short = plan.body.orders.filter((o: { shortfall: unknown }) => o.shortfall);
    expect(short.length).toBeGreaterThan(0);
    for (const order of short) {
      expect(order.shortfall).toEqual({ kind: 'shared_capacity', reachableMinutes: 480, siteIds: [w.ids.siteB] });
      expect(order.explanation).toContain(`B ${w.tag}`);
    }
  });

  it('re-plans an order after a no-show: the missed minutes are owed again and nobody else is moved', async () => {
    const orderId = await w.personWithOrder({ home: HOME }, { totalHours: 8, maxHoursPerDay: 4 });
    const missed = await w.shift('siteB', { date: '2027-01-18', capacity: 2 });
    const later = await w.shift('siteB', { date: '2027-01-19', capacity: 1 });
    const spare = await w.shift('siteB', { date: '2027-01-20', capacity: 1 });
    const a = await w.book(orderId, missed.id);
    const b = await w.book(orderId, later.id);
    expect([a.status, b.status]).toEqual([201, 201]);
    const other = await w.personWithOrder();
    expect((await w.book(other, spare.id)).status).toBe(201);
    await w.shift('siteB', { date: '2027-01-21', capacity: 1 });
    t.clock.set(new Date(new Date(missed.startsAt).getTime() + 31 * 60_000).toISOString());
    expect((await w.post('coordinatorB', `/assignments/${a.body.id}/absence`, { reason: 'Tidak datang' })).status).toBe(
      200,
    );

    const replan = await planOrder(orderId, { to: '2027-01-24' });

    expect(replan.status).toBe(201);
    expect(replan.body.summary).toMatchObject({ needMinutes: 240, plannedMinutes: 240, bookings: 1 });
    expect(replan.body.bookings[0].date).toBe('2027-01-21');
    const [{ status }] = await t.db.query(`SELECT status FROM assignment WHERE order_id = $1 AND shift_id = $2`, [
      other,
      spare.id,
    ]);
    expect(status).toBe('scheduled');
  });

  it('with allowMoves, moves another person of the Bapas to a shift they can take to free the only seat the order can use', async () => {
    const monday = await w.shift('siteB', { date: '2027-02-01', start: '08:00', end: '16:00', capacity: 1 });
    const tuesday = await w.shift('siteB', { date: '2027-02-02', start: '08:00', end: '16:00', capacity: 1 });
    const noTuesdays = [{ weekday: 2, from: '00:00', to: '23:59' }];
    const target = await w.personWithOrder({ home: HOME, unavailable: noTuesdays }, { totalHours: 8 });
    const other = await w.personWithOrder({ home: HOME });
    const booked = await w.book(other, monday.id);
    expect(booked.status).toBe(201);
    const window = { from: '2027-02-01', to: '2027-02-07' };

    const still = await planOrder(target, window);
    expect(still.body).toMatchObject({ moves: [], bookings: [], summary: { plannedMinutes: 0 } });
    expect(still.body.orders[0].shortfall).toEqual({
      kind: 'shared_capacity',
      reachableMinutes: 480,
      siteIds: [w.ids.siteB],
    });

    const moving = await planOrder(target, { ...window, allowMoves: true });
    expect(moving.status).toBe(201);
    expect(moving.body.moves).toEqual([
      {
        assignmentId: booked.body.id,
        orderId: other,
        from: { shiftId: monday.id, siteId: w.ids.siteB, date: '2027-02-01' },
        to: {
          shiftId: tuesday.id,
          siteId: w.ids.siteB,
          siteName: `B ${w.tag}`,
          date: '2027-02-02',
          start: '08:00',
          end: '16:00',
        },
      },
    ]);
    expect(moving.body.bookings).toMatchObject([{ orderId: target, shiftId: monday.id }]);
    expect(moving.body.orders[0]).toMatchObject({ plannedMinutes: 480, shortfall: null });

    const applied = await w.post('supervisor', `/plans/${moving.body.id}/apply`);

    expect(applied.body.result).toMatchObject({
      moved: [{ assignmentId: booked.body.id }],
      booked: [{ orderId: target, shiftId: monday.id }],
      refused: [],
    });
    const rows = await t.db.query(
      `SELECT order_id, shift_id, status FROM assignment WHERE shift_id = ANY($1) ORDER BY status, order_id`,
      [[monday.id, tuesday.id]],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { order_id: other, shift_id: monday.id, status: 'cancelled' },
        { order_id: other, shift_id: tuesday.id, status: 'scheduled' },
        { order_id: target, shift_id: monday.id, status: 'scheduled' },
      ]),
    );
    expect(rows).toHaveLength(3);
    const counts = await t.db.query(`SELECT booked_count FROM shift WHERE id = ANY($1)`, [[monday.id, tuesday.id]]);
    expect(counts).toEqual([{ booked_count: 1 }, { booked_count: 1 }]);
  });

  it("R-22: a plan starts on the sites' local today, not the UTC date (the Bapas's sites are in WIT and in WIB)", async () => {
    const orderId = await w.personWithOrder({ home: HOME });
    // 08:30 WIT and 06:30 WIB on Tuesday 8 December, still Monday the 7th in UTC.
    t.clock.set('2026-12-07T23:30:00Z');
    const morning = await planOrder(orderId, { to: '2026-12-20' });
    expect({ status: morning.status, from: morning.body.from }).toEqual({ status: 201, from: '2026-12-08' });
    const bapas = await w.post('supervisor', '/plans', { from: '2026-12-01', to: '2026-12-20', orderIds: [orderId] });
    expect({ status: bapas.status, from: bapas.body.from }).toEqual({ status: 201, from: '2026-12-08' });
    // 01:30 WIT on the 9th, but 23:30 WIB on the 8th: a shift at the WIB site may still start on the 8th.
    t.clock.set('2026-12-08T16:30:00Z');
    expect((await planOrder(orderId, { to: '2026-12-20' })).body.from).toBe('2026-12-08');
  });

  it('refuses bad input with 400 naming the field; another Bapas or a prosecutor with 403 (order) or 404 (plan)', async () => {
    const orderId = await w.personWithOrder({ home: HOME });
    const cases: [object, string][] = [
      [{ to: '2027-01-10' }, 'from'],
      [{ from: '2027-01-10', to: '2027-01-01' }, 'to'],
      [{ from: '2027-01-01', to: '2028-06-01' }, 'to'],
      [{ from: '2027-01-01', to: '2027-01-10', orderIds: ['nope'] }, 'orderIds'],
      [{ from: '2027-01-01', to: '2027-01-10', orderIds: [] }, 'orderIds'],
      [{ from: '2027-01-01', to: '2027-01-10', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const response = await w.post('supervisor', '/plans', body);
      expect({ field, status: response.status, fields: fields(response.body) }).toEqual({
        field,
        status: 400,
        fields: expect.arrayContaining([field]),
      });
    }
    expect((await w.post('supervisor', '/orders/not-a-uuid/plan')).status).toBe(400);
    expect((await planOrder(orderId, { from: '01-01-2027' })).status).toBe(400);
    expect(fields((await planOrder(orderId, { allowMoves: 'yes' })).body)).toEqual(['allowMoves']);
    const count = (await t.db.query(`SELECT count(*)::int AS n FROM plan`))[0].n;
    expect((await w.post('otherBapasSupervisor', `/orders/${orderId}/plan`)).status).toBe(403);
    expect((await w.post('prosecutor', `/orders/${orderId}/plan`)).status).toBe(403);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM plan`))[0].n).toBe(count);
    const mine = await planOrder(orderId, { to: '2026-12-01' });
    expect((await w.get('otherBapasSupervisor', `/plans/${mine.body.id}`)).status).toBe(404);
    expect((await w.post('otherBapasSupervisor', `/plans/${mine.body.id}/apply`)).status).toBe(404);
  });
  it('POLICY PLANNER_SAME_DAY: both shifts of one site on one day by default (one trip, within the daily cap), one under one_shift', async () => {
    const orderId = await w.personWithOrder({ home: HOME }, { totalHours: 8, maxHoursPerDay: 8 });
    const date = '2027-03-03';
    const morning = await w.shift('siteB', { date, start: '08:00', end: '12:00', capacity: 1 });
    const afternoon = await w.shift('siteB', { date, start: '13:00', end: '17:00', capacity: 1 });
    const shiftIds = (preview: { body: { bookings: { shiftId: string }[] } }) =>
      preview.body.bookings.map((b) => b.shiftId).sort();

    const sameSite = await planOrder(orderId, { from: date, to: date });
    expect(shiftIds(sameSite)).toEqual([morning.id, afternoon.id].sort());
    expect(sameSite.body.summary).toMatchObject({ plannedMinutes: 480, ordersComplete: 1 });

    const config = t.app.get(AppConfig);
    config.PLANNER_SAME_DAY = 'one_shift';
    try {
      const oneShift = await planOrder(orderId, { from: date, to: date });
      expect(shiftIds(oneShift)).toHaveLength(1);
      expect(oneShift.body.summary).toMatchObject({ plannedMinutes: 240, ordersComplete: 0 });
    } finally {
      config.PLANNER_SAME_DAY = 'same_site';
    }

    const applied = await w.post('supervisor', `/plans/${sameSite.body.id}/apply`);
    expect(applied.body.result.booked).toHaveLength(2);
    expect(applied.body.result.refused).toEqual([]);
    expect(await bookedRows(orderId)).toBe(2);
  });
});
