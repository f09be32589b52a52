import { AssignmentRepository } from '../src/assignments/assignment.repository.js';
import type { EntityManager } from 'typeorm';
import { codes, fields } from './support/problems.js';
import { DEFAULT_NOW, TestApp } from './support/test-app.js';
import { waitForLockWait } from './support/wait.js';
import { type Actor, World } from './support/world.js';

type ShiftBody = {
  id: string;
  siteId: string;
  date: string;
  startsAt: string;
  endsAt: string;
  plannedMinutes: number;
};

/** PATCH /sites/{siteId}: an administrator corrects a site, audited, within. */
describe('correcting a work site', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => ({ t, w } = await World.start()));
  afterAll(() => t.close());
  afterEach(() => t.clock.set(DEFAULT_NOW));

  const patch = (actor: Actor, siteId: string, body: object) =>
    t.http().patch(`/api/v1/sites/${siteId}`).set('authorization', w.authorization(actor)).send(body);

  /** A booking's first statement (BookingService.book): its order locked, and its site's key. */
  async function inFlightBooking(manager: EntityManager, orderId: string, shiftId: string) {
    const order = await t.app.get(AssignmentRepository).lockOrderForBooking(orderId, shiftId, manager);
    expect(order).toBeDefined();
    return order!;
  }

  /** The rest of a booking in flight: its row, written as the booking writes it (the seat aside). */
  async function writeBooking(manager: EntityManager, order: { id: string; personId: string }, shift: ShiftBody) {
    const [row] = await manager.query(
      `INSERT INTO assignment (order_id, person_id, shift_id, site_id, local_date, starts_at, ends_at,
                               planned_minutes, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'scheduled', $9) RETURNING id`,
      [
        order.id,
        order.personId,
        shift.id,
        shift.siteId,
        shift.date,
        shift.startsAt,
        shift.endsAt,
        shift.plannedMinutes,
        w.ids.supervisor,
      ],
    );
    return row.id as string;
  }

  it('R-25: changes only the fields given, answers the site, and writes one audit event with before and after', async () => {
    const siteId = await w.ownSite();
    const before = (await w.get('admin', `/sites/${siteId}`)).body;
    const change = {
      address: 'Jl. Sultan Hairun, Ambon',
      location: { lat: -3.6955, lng: 128.1781 },
      radiusMeters: 250,
      agreementId: await w.agreement('PKS-RENEWED', '2027-01-01', '2028-12-31'),
    };

    const changed = await patch('admin', siteId, change);
    expect(changed.status).toBe(200);
    const { uncoveredBookings, ...site } = changed.body;
    expect(site).toEqual({ ...before, ...change });
    expect(uncoveredBookings).toEqual([]);
    expect((await w.get('admin', `/sites/${siteId}`)).body).toEqual(site);

    const events = await t.db.query(
      `SELECT action, actor_id, before, after FROM audit_event WHERE entity_type = 'site' AND entity_id = $1 ORDER BY seq`,
      [siteId],
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual(['site.created', 'site.updated']);
    const updated = events[1];
    expect(updated.actor_id).toBe(w.ids.admin);
    // The audit trail keeps a fingerprint of an address, not the address (as for every address it records).
    const fingerprint = expect.stringMatching(/^fp:/);
    expect(updated.before).toEqual({ ...before, address: fingerprint, createdAt: expect.any(String) });
    expect(updated.after).toEqual({ ...before, ...change, address: fingerprint, createdAt: expect.any(String) });
    const differs = (key: string) => JSON.stringify(updated.before[key]) !== JSON.stringify(updated.after[key]);
    expect(Object.keys(updated.after).filter(differs).sort()).toEqual([
      'address',
      'agreementId',
      'location',
      'radiusMeters',
    ]);
  });

  it('R-26: only an administrator corrects a site (403 for a supervisor and a coordinator); an unknown site is 404', async () => {
    const siteId = await w.ownSite();
    for (const actor of ['supervisor', 'coordinatorA', 'prosecutor'] as const) {
      expect((await patch(actor, siteId, { radiusMeters: 300 })).status).toBe(403);
    }
    expect((await patch('admin', w.ids.bapas, { radiusMeters: 300 })).status).toBe(404);
    expect((await w.get('admin', `/sites/${siteId}`)).body.radiusMeters).toBe(200);
  });

  it('400 naming the field: a bad latitude, a radius of 5, an empty body, the host agency or the zone in the body', async () => {
    const siteId = await w.ownSite();
    const refused = async (body: object) => {
      const response = await patch('admin', siteId, body);
      expect(response.status).toBe(400);
      return response.body;
    };
    expect(fields(await refused({ location: { lat: 95, lng: 128.18 } }))).toEqual(['location.lat']);
    expect(fields(await refused({ radiusMeters: 5 }))).toEqual(['radiusMeters']);
    expect(fields(await refused({ name: null }))).toEqual(['name']);
    expect(fields(await refused({ agencyId: w.ids.otherBapas }))).toEqual(['agencyId']);
    expect(fields(await refused({ radiusMeters: 300, timezone: 'Asia/Jakarta' }))).toEqual(['timezone']);
    const empty = await refused({});
    expect(codes(empty)).toEqual(['site.nothing_to_change']);
    expect(empty.detail).toContain('radiusMeters');
    expect(empty.detail).not.toContain('agencyId');
    expect(fields(await refused({ agreementId: w.ids.bapas }))).toEqual(['agreementId']);
    expect((await w.get('admin', `/sites/${siteId}`)).body.radiusMeters).toBe(200);
  });

  it("R-05: 409 when the new agreement does not cover the site's host agency", async () => {
    const siteId = await w.ownSite();
    const withoutOpd = await w.agreement('PKS-NO-OPD', '2026-01-02', '2027-12-31', [w.ids.bapas, w.ids.kejari]);
    const refused = await patch('admin', siteId, { agreementId: withoutOpd, radiusMeters: 300 });
    expect(refused.status).toBe(409);
    expect(codes(refused.body)).toEqual(['site.agreement_not_covering_agency']);
    expect((await w.get('admin', `/sites/${siteId}`)).body).toMatchObject({
      agreementId: w.ids.agreement,
      radiusMeters: 200,
    });
  });

  it('R-05: a renewed PKS that ends sooner is taken; the answer lists the bookings not over it no longer covers, and none is taken there any more', async () => {
    const siteId = await w.ownSite();
    const shiftOn = async (date: string) =>
      (await w.post('supervisor', `/sites/${siteId}/shifts`, { date, start: '08:00', end: '12:00' })).body;
    const [covered, uncovered, cancelled] = [
      await shiftOn('2026-12-10'),
      await shiftOn('2027-01-07'),
      await shiftOn('2027-01-14'),
    ];
    const [first, second, third] = [await w.personWithOrder(), await w.personWithOrder(), await w.personWithOrder()];
    expect((await w.book(first, covered.id)).status).toBe(201);
    const kept = await w.book(first, uncovered.id);
    expect(kept.status).toBe(201);
    const dropped = await w.book(second, cancelled.id);
    expect((await w.post('supervisor', `/assignments/${dropped.body.id}/cancel`, { reason: 'Pindah' })).status).toBe(
      200,
    );
    const shorter = await w.agreement('PKS-SHORTER', '2026-01-02', '2026-12-31');

    const renewed = await patch('admin', siteId, { agreementId: shorter });
    expect(renewed.status).toBe(200);
    expect(renewed.body.agreementId).toBe(shorter);
    expect(renewed.body.uncoveredBookings).toEqual([
      {
        assignmentId: kept.body.id,
        orderId: first,
        shiftId: uncovered.id,
        date: '2027-01-07',
        startsAt: uncovered.startsAt,
        status: 'scheduled',
      },
    ]);
    // Not cancelled: its supervisor moves it. A new booking on such a date is refused.
    expect((await w.get('supervisor', `/assignments/${kept.body.id}`)).body.status).toBe('scheduled');
    expect(codes((await w.book(third, uncovered.id)).body)).toEqual(['booking.agreement_not_valid']);
    expect((await w.book(third, covered.id)).status).toBe(201);
    expect((await patch('admin', siteId, { radiusMeters: 300 })).body.uncoveredBookings).toHaveLength(1);
  });

  it('R-05: a correction waits for a booking in flight at the site and lists it; a booking after it waits for it and is refused', async () => {
    const siteId = await w.ownSite();
    const shiftOn = async (date: string): Promise<ShiftBody> =>
      (await w.post('supervisor', `/sites/${siteId}/shifts`, { date, start: '08:00', end: '12:00' })).body;
    const [early, late] = [await shiftOn('2027-01-12'), await shiftOn('2027-01-13')];
    const [first, second] = [await w.personWithOrder(), await w.personWithOrder()];
    const shorter = await w.agreement('PKS-RACE-1', '2026-01-02', '2026-12-31');

    // The booking has read the site under the old agreement and has not written yet.
    const booking = t.db.createQueryRunner();
    await booking.connect();
    await booking.startTransaction();
    let listed: { assignmentId: string }[];
    let assignmentId: string;
    try {
      const order = await inFlightBooking(booking.manager, first, early.id);
      const correcting = patch('admin', siteId, { agreementId: shorter }).then((response) => response);
      await waitForLockWait(t.db, '%"site"%FOR UPDATE%', 'the correction to wait for the booking');
      assignmentId = await writeBooking(booking.manager, order, early);
      await booking.commitTransaction();
      const corrected = await correcting;
      expect(corrected.status).toBe(200);
      listed = corrected.body.uncoveredBookings;
    } finally {
      await booking.release();
    }
    expect(listed.map((b) => b.assignmentId)).toEqual([assignmentId]);

    // Renewed for longer; then a correction back to the shorter PKS in flight (the site locked, the agreement
    // written, not committed): a booking waits for it, then reads it.
    const longer = await w.agreement('PKS-RACE-2', '2026-01-02', '2027-12-31');
    expect((await patch('admin', siteId, { agreementId: longer })).body.uncoveredBookings).toEqual([]);
    const correction = t.db.createQueryRunner();
    await correction.connect();
    await correction.startTransaction();
    try {
      await correction.query(`SELECT id FROM site WHERE id = $1 FOR UPDATE`, [siteId]);
      await correction.query(`UPDATE site SET agreement_id = $2 WHERE id = $1`, [siteId, shorter]);
      const booked = w.book(second, late.id).then((response) => response);
      await waitForLockWait(t.db, '%FOR KEY SHARE OF site%', 'the booking to wait for the correction');
      await correction.commitTransaction();
      expect(codes((await booked).body)).toEqual(['booking.agreement_not_valid']);
    } finally {
      await correction.release();
    }
  });

  it('R-05: of many bookings made while the PKS is corrected, each one outside the new PKS is refused or listed', async () => {
    const siteId = await w.ownSite({ defaultCapacity: 50 });
    const dates = ['2027-01-18', '2027-01-19', '2027-01-20', '2027-01-21'];
    const shifts: ShiftBody[] = [];
    for (const date of dates) {
      shifts.push((await w.post('supervisor', `/sites/${siteId}/shifts`, { date, start: '08:00', end: '12:00' })).body);
    }
    const orders: string[] = [];
    for (let i = 0; i < 48; i++) orders.push(await w.personWithOrder());
    const shorter = await w.agreement('PKS-RACE-MANY', '2026-01-02', '2026-12-31');
    const book = (orderId: string, i: number) => w.book(orderId, shifts[i % shifts.length].id).then((r) => r);

    // A first wave in flight (one of them answered), the correction, a second wave racing it.
    const firstWave = orders.slice(0, 24).map(book);
    await Promise.race(firstWave);
    const correcting = patch('admin', siteId, { agreementId: shorter }).then((response) => response);
    const secondWave = orders.slice(24).map((orderId, i) => book(orderId, i + 24));
    const answers = await Promise.all([...firstWave, ...secondWave]);
    const corrected = await correcting;
    expect(corrected.status).toBe(200);

    const booked = answers.filter((a) => a.status === 201).map((a) => a.body.id as string);
    const refused = answers.filter((a) => a.status === 409 && codes(a.body)[0] === 'booking.agreement_not_valid');
    expect(booked.length + refused.length).toBe(orders.length);
    expect(booked.length).toBeGreaterThan(0);
    // Every booking that ended on a date the new PKS does not cover is in the correction's answer.
    const listed = (corrected.body.uncoveredBookings as { assignmentId: string }[]).map((b) => b.assignmentId);
    expect([...listed].sort()).toEqual([...booked].sort());
    const [{ scheduled }] = await t.db.query(
      `SELECT count(*)::int AS scheduled FROM assignment WHERE site_id = $1 AND status = 'scheduled'`,
      [siteId],
    );
    expect(scheduled).toBe(listed.length);
  });

  it('R-11: a site is not closed to minors while a child is booked there; once the booking is cancelled it is', async () => {
    const siteId = await w.ownSite({ minorsAllowed: true });
    const child = await w.personWithOrder(
      { birthDate: '2010-03-01', inSchool: true },
      { totalHours: 20, maxHoursPerDay: 3 },
    );
    const adult = await w.personWithOrder();
    const shift = await w.post('supervisor', `/sites/${siteId}/shifts`, {
      date: '2026-12-02',
      start: '15:00',
      end: '17:00',
    });
    const booking = await w.book(child, shift.body.id);
    expect(booking.status).toBe(201);
    expect((await w.book(adult, shift.body.id)).status).toBe(201);

    const refused = await patch('admin', siteId, { minorsAllowed: false });
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'minorsAllowed', code: 'site.minors_still_booked' }),
    ]);
    expect(refused.body.detail).toContain('masih ada 1 jadwal anak');
    const english = await patch('admin', siteId, { minorsAllowed: false }).set('accept-language', 'en');
    expect(english.body.detail).toContain('1 bookings of children');

    expect((await w.post('supervisor', `/assignments/${booking.body.id}/cancel`, { reason: 'Pindah' })).status).toBe(
      200,
    );
    const closed = await patch('admin', siteId, { minorsAllowed: false });
    expect(closed.status).toBe(200);
    expect(closed.body.minorsAllowed).toBe(false);
    const again = await w.book(child, shift.body.id);
    expect(codes(again.body)).toEqual(['booking.site_not_for_minors']);
  });

  it('R-11: closing a site to minors waits for a child booking under way (the key of its site locked), then counts it', async () => {
    const siteId = await w.ownSite({ minorsAllowed: true });
    const child = await w.personWithOrder(
      { birthDate: '2010-03-01', inSchool: true },
      { totalHours: 20, maxHoursPerDay: 3 },
    );
    const shift = (
      await w.post('supervisor', `/sites/${siteId}/shifts`, { date: '2026-12-09', start: '15:00', end: '17:00' })
    ).body;
    // A booking in flight: its first statement locked its order and its site's key; it read the site as open to
    // minors, and has not written yet.
    const booking = t.db.createQueryRunner();
    await booking.connect();
    await booking.startTransaction();
    try {
      const order = await inFlightBooking(booking.manager, child, shift.id);
      const closing = patch('admin', siteId, { minorsAllowed: false }).then((response) => response);
      await waitForLockWait(t.db, '%"site"%FOR UPDATE%', 'the change to wait for the booking');
      await writeBooking(booking.manager, order, shift);
      await booking.commitTransaction();
      const refused = await closing;
      expect(refused.status).toBe(409);
      expect(codes(refused.body)).toEqual(['site.minors_still_booked']);
    } finally {
      await booking.release();
    }
    expect((await w.get('admin', `/sites/${siteId}`)).body.minorsAllowed).toBe(true);
  });

  it('R-19: a check-in after the site moved is measured against the new position (outside the radius, flagged)', async () => {
    const siteId = await w.ownSite();
    const shift = await w.post('supervisor', `/sites/${siteId}/shifts`, {
      date: '2026-12-03',
      start: '08:00',
      end: '12:00',
    });
    const booked = async () => {
      const booking = await w.book(await w.personWithOrder(), shift.body.id);
      expect(booking.status).toBe(201);
      return booking.body.id as string;
    };
    const [first, second] = [await booked(), await booked()];
    const oldPlace = { lat: -3.6925, lng: 128.1842 };
    t.clock.set(shift.body.startsAt);
    const before = await w.post('coordinatorA', `/assignments/${first}/check-in`, { location: oldPlace });
    expect(before.body.checkIn).toEqual(expect.objectContaining({ outsideRadius: false, distanceMeters: 0 }));

    // About 1.1 km south: the old place is now far outside the 200 m radius.
    expect((await patch('admin', siteId, { location: { lat: -3.7025, lng: 128.1842 } })).status).toBe(200);
    const after = await w.post('coordinatorA', `/assignments/${second}/check-in`, { location: oldPlace });
    expect(after.status).toBe(200);
    expect(after.body.checkIn.outsideRadius).toBe(true);
    expect(after.body.checkIn.distanceMeters).toBeGreaterThan(1100);
    expect(after.body.checkIn.distanceMeters).toBeLessThan(1120);
  });
});
