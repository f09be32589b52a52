import { DataSource } from 'typeorm';
import { DEFAULT_NOW, TestApp } from './support/test-app.js';
import { minutesAfter } from './support/problems.js';
import { World } from './support/world.js';

/**
 * booking_totals (each order's scheduled minutes, first scheduled day and start, and bookings awaiting review, kept
 * by triggers on assignment for the risk scan and the worklist) always equal the totals recounted from the bookings.
 */
describe("an order's booking totals", () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => ({ t, w } = await World.start()));
  afterAll(() => t.close());
  afterEach(() => t.clock.set(DEFAULT_NOW));

  /** The orders whose totals differ from the recount of their bookings (an order never booked has no row: nothing). */
  const drifted = () =>
    t.db.query(
      `SELECT o.id, t.*, r.*
         FROM court_order o LEFT JOIN booking_totals t ON t.order_id = o.id
        CROSS JOIN LATERAL (
          SELECT coalesce(sum(a.planned_minutes) FILTER (WHERE a.status = 'scheduled'), 0)::int AS minutes,
                 min(a.local_date) FILTER (WHERE a.status = 'scheduled') AS first_date,
                 min(a.starts_at) FILTER (WHERE a.status = 'scheduled') AS first_at,
                 count(*) FILTER (WHERE a.status IN ('checked_out', 'absent'))::int AS review
            FROM assignment a WHERE a.order_id = o.id) r
        WHERE (coalesce(t.bapas_id, o.bapas_id), coalesce(t.scheduled_minutes, 0), t.first_scheduled_date,
               t.first_scheduled_at, coalesce(t.awaiting_review, 0))
              IS DISTINCT FROM (o.bapas_id, r.minutes, r.first_date, r.first_at, r.review)`,
    );
  const total = async (orderId: string) =>
    (
      await t.db.query(
        `SELECT scheduled_minutes AS minutes, first_scheduled_date AS "firstDate", awaiting_review AS review
           FROM booking_totals WHERE order_id = $1`,
        [orderId],
      )
    )[0];

  it('follows booking, cancellation, check-in, absence, its decision, sign-off and the credit that completes the order', async () => {
    const orderId = await w.personWithOrder({}, { totalHours: 8 });
    const [a1, a2, a3] = [await w.booked(orderId), await w.booked(orderId), await w.booked(orderId)];
    expect(await total(orderId)).toEqual({ minutes: 720, firstDate: a1.date, review: 0 });
    expect(await drifted()).toEqual([]);

    expect((await w.act('supervisor', a3.id, 'cancel', { reason: 'Jadwal diubah' })).status).toBe(200);
    expect((await total(orderId)).minutes).toBe(480);

    t.clock.set(minutesAfter(a1.shift.endsAt, 5));
    expect((await w.act('coordinatorA', a1.id, 'check-in', { at: a1.shift.startsAt })).status).toBe(200);
    expect(await total(orderId)).toEqual({ minutes: 240, firstDate: a2.date, review: 0 });
    expect((await w.act('coordinatorA', a1.id, 'check-out', { at: a1.shift.endsAt })).status).toBe(200);
    expect((await total(orderId)).review).toBe(1);
    expect((await w.act('supervisor', a1.id, 'sign-off')).status).toBe(200);
    expect((await total(orderId)).review).toBe(0);
    expect(await drifted()).toEqual([]);

    t.clock.set(minutesAfter(a2.shift.startsAt, 30));
    const a4 = await w.booked(orderId);
    expect((await w.act('coordinatorA', a2.id, 'absence', { reason: 'Tidak datang' })).status).toBe(200);
    expect(await total(orderId)).toEqual({ minutes: 240, firstDate: a4.date, review: 1 });
    expect((await w.act('supervisor', a2.id, 'absence-decision', { excused: true, reason: 'Sakit' })).status).toBe(200);
    expect((await total(orderId)).review).toBe(0);

    const a5 = await w.booked(orderId);
    t.clock.set(minutesAfter(a4.shift.endsAt, 5));
    expect((await w.act('coordinatorA', a4.id, 'check-in', { at: a4.shift.startsAt })).status).toBe(200);
    expect((await w.act('coordinatorA', a4.id, 'check-out', { at: a4.shift.endsAt })).status).toBe(200);
    expect((await w.act('supervisor', a4.id, 'sign-off')).status).toBe(200);
    // The credit completed the order: its last booking was released.
    expect((await w.get('supervisor', `/assignments/${a5.id}`)).body.status).toBe('cancelled');
    expect(await total(orderId)).toEqual({ minutes: 0, firstDate: null, review: 0 });
    expect(await drifted()).toEqual([]);
  });

  it('stays equal to the recount when check-ins, absences, cancellations and bookings of one order arrive at once', async () => {
    for (let round = 0; round < 3; round++) {
      const orderId = await w.personWithOrder({}, { totalHours: 200 });
      const first = w.nextDay();
      const morning = await w.booked(orderId, { date: first, start: '08:00', end: '12:00' });
      const afternoon = await w.booked(orderId, { date: first, start: '13:00', end: '17:00' });
      const later = [await w.booked(orderId), await w.booked(orderId), await w.booked(orderId)];
      const shifts = [await w.shift('siteA', { date: w.nextDay() }), await w.shift('siteA', { date: w.nextDay() })];
      t.clock.set(minutesAfter(afternoon.shift.startsAt, 45));

      const answers = await Promise.all([
        w.act('coordinatorA', morning.id, 'check-in', { at: morning.shift.startsAt }),
        w.act('coordinatorA', afternoon.id, 'absence', { reason: 'Tidak datang' }),
        w.act('supervisor', later[0].id, 'cancel', { reason: 'Jadwal diubah' }),
        w.act('supervisor', later[2].id, 'cancel', { reason: 'Jadwal diubah' }),
        ...shifts.map((shift) => w.book(orderId, shift.id)),
      ]);

      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 201, 201]);
      expect(await total(orderId)).toEqual({
        minutes: 3 * 240,
        firstDate: later[1].date,
        review: 1,
      });
      expect(await drifted()).toEqual([]);
      t.clock.set(DEFAULT_NOW);
    }
  });

  it("is the database's to keep: the service's role can't write it, and its Bapas is its order's", async () => {
    const orderId = await w.personWithOrder();
    await w.booked(orderId);
    const service = t.app.get(DataSource);
    await expect(service.query(`UPDATE booking_totals SET scheduled_minutes = 0`)).rejects.toThrow(/permission denied/);
    await expect(service.query(`DELETE FROM booking_totals`)).rejects.toThrow(/permission denied/);
    await expect(
      t.db.query(`UPDATE booking_totals SET bapas_id = $2 WHERE order_id = $1`, [orderId, w.ids.otherBapas]),
    ).rejects.toThrow(/foreign key/);
  });
});
