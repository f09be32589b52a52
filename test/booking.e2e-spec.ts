import { DEFAULT_NOW, TestApp } from './support/test-app.js';
import { codes } from './support/problems.js';
import { World } from './support/world.js';

describe('booking a person on a shift (POST /assignments)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => ({ t, w } = await World.start()));
  afterAll(() => t.close());
  afterEach(() => t.clock.set(DEFAULT_NOW));

  it('R-18: 30 concurrent bookings into a 5-seat shift give exactly 5 successes and 25 answers 409', async () => {
    const shift = await w.shift('siteA', { date: '2026-12-01', capacity: 5 });
    const orders: string[] = [];
    for (let i = 0; i < 30; i++) orders.push(await w.personWithOrder());

    const responses = await Promise.all(orders.map((orderId) => w.book(orderId, shift.id)));

    expect(responses.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = responses.filter((r) => r.status === 409);
    expect(refused).toHaveLength(25);
    expect(refused.every((r) => codes(r.body).includes('booking.shift_full'))).toBe(true);
    const [{ booked, rows }] = await t.db.query(
      `SELECT s.booked_count AS booked, (SELECT count(*)::int FROM assignment a WHERE a.shift_id = s.id) AS rows FROM shift s WHERE s.id = $1`,
      [shift.id],
    );
    expect({ booked, rows }).toEqual({ booked: 5, rows: 5 });
  });

  it('R-17: one person booked at the same moment on two overlapping shifts gets exactly one booking', async () => {
    const orderId = await w.personWithOrder();
    const morning = await w.shift('siteA', { date: '2026-12-02', start: '08:00', end: '12:00' });
    const late = await w.shift('siteB', { date: '2026-12-02', start: '10:00', end: '14:00' });

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => w.book(orderId, i % 2 === 0 ? morning.id : late.id)),
    );

    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(9);
    const [{ count }] = await t.db.query(`SELECT count(*)::int FROM assignment WHERE order_id = $1`, [orderId]);
    expect(count).toBe(1);
  });

  it('R-03/R-17: the daily cap is summed over two sites on one local day', async () => {
    const orderId = await w.personWithOrder({}, { maxHoursPerDay: 6 });
    const morning = await w.shift('siteA', { date: '2026-12-03', start: '07:00', end: '11:00' });
    const afternoon3h = await w.shift('siteB', { date: '2026-12-03', start: '13:00', end: '16:00' });
    const afternoon2h = await w.shift('siteB', { date: '2026-12-03', start: '13:00', end: '15:00' });

    expect((await w.book(orderId, morning.id)).status).toBe(201);
    const over = await w.book(orderId, afternoon3h.id);
    expect(over.status).toBe(409);
    expect(over.body.errors).toContainEqual(expect.objectContaining({ code: 'booking.daily_cap' }));
    expect((await w.book(orderId, afternoon2h.id)).status).toBe(201);
  });

  it("R-22: shifts are stored in UTC from the site's zone, and a day is the site's local day (WIT differs from WIB)", async () => {
    const wit = await w.shift('siteA', { date: '2026-12-09', start: '08:00', end: '10:00' });
    const wib = await w.shift('siteWib', { date: '2026-12-09', start: '08:00', end: '10:00' });
    expect(wit.startsAt).toBe('2026-12-08T23:00:00.000Z');
    expect(wib.startsAt).toBe('2026-12-09T01:00:00.000Z');

    // 22:00-23:30 WIB on 10 December is 00:00-01:30 WIT on 11 December: it counts on the WIB site's own day.
    const orderId = await w.personWithOrder({}, { maxHoursPerDay: 4 });
    const witMorning = await w.shift('siteA', { date: '2026-12-11', start: '06:00', end: '09:00' });
    const wibLateEvening = await w.shift('siteWib', { date: '2026-12-10', start: '22:00', end: '23:30' });
    expect((await w.book(orderId, witMorning.id)).status).toBe(201);
    const evening = await w.book(orderId, wibLateEvening.id);
    expect(evening.status).toBe(201);
    expect(evening.body.date).toBe('2026-12-10');
  });

  it('R-23: no shift on a national holiday or cuti bersama, unless an administrator opens the date for the site', async () => {
    for (const date of ['2026-12-25', '2026-12-24']) {
      const refused = await w.post('supervisor', `/sites/${w.ids.siteA}/shifts`, {
        date,
        start: '08:00',
        end: '12:00',
      });
      expect(refused.status).toBe(409);
      expect(codes(refused.body)).toEqual(['shift.holiday']);
    }
    const opened = await w.post('admin', `/sites/${w.ids.siteA}/open-dates`, {
      date: '2026-12-24',
      reason: 'Kerja bakti Natal',
    });
    expect(opened.status).toBe(201);
    const listed = await w.get('admin', `/sites/${w.ids.siteA}/open-dates`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ siteId: w.ids.siteA, date: '2026-12-24', reason: 'Kerja bakti Natal' }),
    ]);
    const shift = await w.shift('siteA', { date: '2026-12-24' });
    expect((await w.book(await w.personWithOrder(), shift.id)).status).toBe(201);
    const otherSite = await w.post('supervisor', `/sites/${w.ids.siteB}/shifts`, {
      date: '2026-12-24',
      start: '08:00',
      end: '12:00',
    });
    expect(otherSite.status).toBe(409);
  });

  it('R-05: a site whose agreement has expired takes no shift after the expiry', async () => {
    const lastDay = await w.shift('siteExpiring', { date: '2026-11-30' });
    expect((await w.book(await w.personWithOrder(), lastDay.id)).status).toBe(201);
    const expired = await w.post('supervisor', `/sites/${w.ids.siteExpiring}/shifts`, {
      date: '2026-12-01',
      start: '08:00',
      end: '12:00',
    });
    expect(expired.status).toBe(409);
    expect(codes(expired.body)).toEqual(['shift.agreement_not_valid']);
  });

  it('R-11: a child works only at sites for minors and not in school hours', async () => {
    const child = await w.personWithOrder(
      { birthDate: '2010-03-01', inSchool: true },
      { totalHours: 20, maxHoursPerDay: 3 },
    );
    expect((await w.get('supervisor', `/orders/${child}`)).body.regime).toBe('child');
    const adultsOnly = await w.shift('siteA', { date: '2026-12-02', start: '15:00', end: '17:00' });
    const schoolHours = await w.shift('siteB', { date: '2026-12-02', start: '09:00', end: '11:00' });
    const afternoon = await w.shift('siteB', { date: '2026-12-02', start: '15:00', end: '17:00' });

    expect(codes((await w.book(child, adultsOnly.id)).body)).toEqual(['booking.site_not_for_minors']);
    expect(codes((await w.book(child, schoolHours.id)).body)).toEqual(['booking.child_school_hours']);
    expect((await w.book(child, afternoon.id)).status).toBe(201);
  });

  it("R-24/R-06: worship windows and the person's own unavailable windows are honoured", async () => {
    const muslim = await w.personWithOrder({ religion: 'islam' });
    const fridayNoon = await w.shift('siteA', { date: '2026-12-04', start: '10:00', end: '12:00' });
    const refused = await w.book(muslim, fridayNoon.id);
    expect(refused.status).toBe(409);
    expect(codes(refused.body)).toEqual(['booking.worship_window']);

    const trader = await w.personWithOrder({ unavailable: [{ weekday: 2, from: '05:00', to: '12:00' }] });
    const tuesdayMorning = await w.shift('siteB', { date: '2026-12-08', start: '08:00', end: '12:00' });
    expect(codes((await w.book(trader, tuesdayMorning.id)).body)).toEqual(['booking.unavailable_window']);
    const tuesdayAfternoon = await w.shift('siteB', { date: '2026-12-08', start: '13:00', end: '16:00' });
    expect((await w.book(trader, tuesdayAfternoon.id)).status).toBe(201);
  });

  it("a person's phone and windows can change; bookings the new windows would refuse are listed for review", async () => {
    const personId = await w.person();
    const orderId = await w.order(personId);
    const thursday = await w.shift('siteA', { date: '2026-12-17', start: '08:00', end: '12:00' });
    const booking = await w.book(orderId, thursday.id);

    const changed = await w.t
      .http()
      .patch(`/api/v1/persons/${personId}`)
      .set('authorization', w.authorization('supervisor'))
      .send({
        phone: '0812-9999-0001',
        unavailable: [{ weekday: 4, from: '07:00', to: '10:00', reason: 'kerja pagi' }],
      });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual(
      expect.objectContaining({ phone: '+6281299990001', bookingsToReview: [booking.body.id] }),
    );
    const stored = (await w.get('supervisor', `/persons/${personId}`)).body;
    const { phone: _, unavailable: __, ...untouched } = stored;
    expect(changed.body).toEqual(expect.objectContaining(untouched));
    const renamed = await w.t
      .http()
      .patch(`/api/v1/persons/${personId}`)
      .set('authorization', w.authorization('supervisor'))
      .send({ nik: '1234567890123456' });
    expect(renamed.status).toBe(400);
    const other = await w.t
      .http()
      .patch(`/api/v1/persons/${personId}`)
      .set('authorization', w.authorization('otherBapasSupervisor'))
      .send({ inSchool: true });
    expect(other.status).toBe(403);
    const trail = await w.get('supervisor', `/audit-events?entityType=person&entityId=${personId}`);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['person.created', 'person.updated']);
  });

  it('R-04: no shift outside the period of the order', async () => {
    const orderId = await w.personWithOrder({}, { startDate: '2026-12-10', endDate: '2027-06-10' });
    const early = await w.shift('siteA', { date: '2026-12-07' });
    const refused = await w.book(orderId, early.id);
    expect(refused.status).toBe(409);
    expect(codes(refused.body)).toEqual(['booking.outside_order_period']);
  });

  it('cancelling before the start gives the seat back; after the start it is refused', async () => {
    const shift = await w.shift('siteA', { date: '2026-12-14', capacity: 1 });
    const first = await w.book(await w.personWithOrder(), shift.id);
    const second = await w.personWithOrder();
    expect((await w.book(second, shift.id)).status).toBe(409);

    const cancelled = await w.post('supervisor', `/assignments/${first.body.id}/cancel`, { reason: 'Pindah jadwal' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const rebooked = await w.book(second, shift.id);
    expect(rebooked.status).toBe(201);

    t.clock.set(shift.startsAt);
    const late = await w.post('supervisor', `/assignments/${rebooked.body.id}/cancel`, { reason: 'Terlambat' });
    expect(late.status).toBe(409);
    expect(codes(late.body)).toEqual(['assignment.already_started']);
  });
});
