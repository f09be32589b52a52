import { DEFAULT_NOW, TestApp } from './support/test-app.js';
import { codes, minutesAfter } from './support/problems.js';
import { World } from './support/world.js';

describe('attendance and two-party sign-off', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => ({ t, w } = await World.start()));
  afterAll(() => t.close());
  afterEach(() => t.clock.set(DEFAULT_NOW));

  /** The coordinator (or another site coordinator) checks the person in at the start and out at the end. */
  async function worked(
    a: { id: string; shift: { startsAt: string; endsAt: string } },
    by: 'coordinatorA' | 'supervisor2' = 'coordinatorA',
  ) {
    t.clock.set(minutesAfter(a.shift.endsAt, 5));
    expect((await w.post(by, `/assignments/${a.id}/check-in`, { at: a.shift.startsAt })).status).toBe(200);
    const out = await w.post(by, `/assignments/${a.id}/check-out`, { at: a.shift.endsAt });
    expect(out.status).toBe(200);
    return out.body;
  }

  it("R-26: only a coordinator of the shift's site records attendance (another site's coordinator gets 403)", async () => {
    const a = await w.booked(await w.personWithOrder());
    t.clock.set(a.shift.startsAt);
    const other = await w.post('coordinatorB', `/assignments/${a.id}/check-in`, {});
    expect(other.status).toBe(403);
    expect((await w.post('prosecutor', `/assignments/${a.id}/check-in`, {})).status).toBe(403);
    expect((await w.get('supervisor', `/assignments/${a.id}`)).body.status).toBe('scheduled');
  });

  it('R-19: a check-in is never in the future nor earlier than the start minus 60 minutes; both times are kept', async () => {
    const a = await w.booked(await w.personWithOrder());
    t.clock.set(minutesAfter(a.shift.startsAt, 30));
    const future = await w.post('coordinatorA', `/assignments/${a.id}/check-in`, {
      at: minutesAfter(a.shift.startsAt, 40),
    });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'at', code: 'attendance.in_future' })]);
    const early = await w.post('coordinatorA', `/assignments/${a.id}/check-in`, {
      at: minutesAfter(a.shift.startsAt, -61),
    });
    expect(codes(early.body)).toEqual(['attendance.too_early']);

    const late = await w.post('coordinatorA', `/assignments/${a.id}/check-in`, {
      at: minutesAfter(a.shift.startsAt, 5),
    });
    expect(late.status).toBe(200);
    expect(late.body.checkIn.at).toBe(minutesAfter(a.shift.startsAt, 5));
    expect(late.body.checkIn.receivedAt).toBe(minutesAfter(a.shift.startsAt, 30));
  });

  it("R-19: a location outside the site's radius is recorded and flagged, not refused", async () => {
    const a = await w.booked(await w.personWithOrder());
    t.clock.set(a.shift.startsAt);
    const far = await w.post('coordinatorA', `/assignments/${a.id}/check-in`, { location: { lat: -3.7, lng: 128.2 } });
    expect(far.status).toBe(200);
    expect(far.body.checkIn.outsideRadius).toBe(true);
    expect(far.body.checkIn.distanceMeters).toBeGreaterThan(200);
    const b = await w.booked(await w.personWithOrder());
    t.clock.set(b.shift.startsAt);
    const near = await w.post('coordinatorA', `/assignments/${b.id}/check-in`, {
      location: { lat: -3.6926, lng: 128.1843 },
    });
    expect(near.body.checkIn).toEqual(expect.objectContaining({ outsideRadius: false, distanceMeters: 16 }));
  });

  it('a resent check-in with the same Idempotency-Key gives the same answer and changes nothing twice', async () => {
    const a = await w.booked(await w.personWithOrder());
    t.clock.set(minutesAfter(a.shift.startsAt, 2));
    const send = (body: object) =>
      w.post('coordinatorA', `/assignments/${a.id}/check-in`, body, { 'Idempotency-Key': `phone-${a.id}` });

    const answers = await Promise.all(Array.from({ length: 5 }, () => send({ at: a.shift.startsAt })));

    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int FROM audit_event WHERE entity_id = $1 AND action = 'assignment.checked_in'`,
      [a.id],
    );
    expect(count).toBe(1);
    const reused = await send({ at: minutesAfter(a.shift.startsAt, 1) });
    expect(reused.status).toBe(409);
    expect(codes(reused.body)).toEqual(['idempotency.key_reused']);
  });

  it('R-14: no sign-off before the coordinator has confirmed the attendance', async () => {
    const a = await w.booked(await w.personWithOrder());
    expect(codes((await w.post('supervisor', `/assignments/${a.id}/sign-off`, {})).body)).toEqual([
      'signoff.not_confirmed',
    ]);
    t.clock.set(a.shift.startsAt);
    await w.post('coordinatorA', `/assignments/${a.id}/check-in`, {});
    const early = await w.post('supervisor', `/assignments/${a.id}/sign-off`, {});
    expect(early.status).toBe(409);
    expect(codes(early.body)).toEqual(['signoff.not_confirmed']);
    const [{ count }] = await t.db.query(`SELECT count(*)::int FROM ledger_entry WHERE assignment_id = $1`, [a.id]);
    expect(count).toBe(0);
  });

  it('R-14: the user who confirmed the attendance cannot sign it off; another supervisor can', async () => {
    const orderId = await w.personWithOrder();
    const a = await w.booked(orderId);
    await worked(a, 'supervisor2');

    const own = await w.post('supervisor2', `/assignments/${a.id}/sign-off`, {});
    expect(own.status).toBe(409);
    expect(codes(own.body)).toEqual(['signoff.own_confirmation']);
    const signed = await w.post('supervisor', `/assignments/${a.id}/sign-off`, {});
    expect(signed.status).toBe(200);
    expect(signed.body).toEqual(expect.objectContaining({ status: 'credited', creditedMinutes: 240 }));
    const ledger = await w.get('supervisor', `/orders/${orderId}/ledger`);
    expect(ledger.body.items).toEqual([expect.objectContaining({ assignmentId: a.id, minutes: 240, kind: 'credit' })]);
  });

  it('R-15: credited minutes are never above what was worked; lower needs a note', async () => {
    const orderId = await w.personWithOrder();
    const a = await w.booked(orderId);
    t.clock.set(minutesAfter(a.shift.endsAt, 1));
    await w.post('coordinatorA', `/assignments/${a.id}/check-in`, { at: minutesAfter(a.shift.startsAt, 10) });
    const out = await w.post('coordinatorA', `/assignments/${a.id}/check-out`, {
      at: minutesAfter(a.shift.endsAt, -30),
      penaltyMinutes: 20,
      note: 'Meninggalkan lokasi 20 menit',
    });
    expect(out.body.workedMinutes).toBe(240 - 10 - 30 - 20);

    const above = await w.post('supervisor', `/assignments/${a.id}/sign-off`, { creditedMinutes: 181 });
    expect(above.status).toBe(400);
    expect(above.body.errors).toEqual([
      expect.objectContaining({ field: 'creditedMinutes', code: 'signoff.above_worked' }),
    ]);
    const lowerWithoutNote = await w.post('supervisor', `/assignments/${a.id}/sign-off`, { creditedMinutes: 150 });
    expect(codes(lowerWithoutNote.body)).toEqual(['signoff.note_required']);
    const lower = await w.post('supervisor', `/assignments/${a.id}/sign-off`, {
      creditedMinutes: 150,
      note: 'Pekerjaan belum selesai',
    });
    expect(lower.body.creditedMinutes).toBe(150);
    expect((await w.get('supervisor', `/orders/${orderId}`)).body.progress.creditedMinutes).toBe(150);
  });

  it('R-15/R-16: credits never exceed what the order still needs, and the order completes at exactly its required minutes', async () => {
    const orderId = await w.personWithOrder({}, { totalHours: 10 });
    const [first, second, third, spare] = [
      await w.booked(orderId),
      await w.booked(orderId),
      await w.booked(orderId),
      await w.booked(orderId),
    ];
    for (const a of [first, second]) {
      await worked(a);
      expect((await w.post('supervisor', `/assignments/${a.id}/sign-off`, {})).status).toBe(200);
    }
    await worked(third);
    const tooMuch = await w.post('supervisor', `/assignments/${third.id}/sign-off`, {
      creditedMinutes: 121,
      note: 'x',
    });
    expect(codes(tooMuch.body)).toContain('signoff.above_remaining');

    const last = await w.post('supervisor', `/assignments/${third.id}/sign-off`, {});
    expect(last.body.creditedMinutes).toBe(120);
    const order = (await w.get('prosecutor', `/orders/${orderId}`)).body;
    expect(order.status).toBe('completed');
    expect(order.progress).toEqual({
      requiredMinutes: 600,
      creditedMinutes: 600,
      remainingMinutes: 0,
      scheduledMinutes: 0,
    });
    const spareNow = (await w.get('supervisor', `/assignments/${spare.id}`)).body;
    expect(spareNow.status).toBe('cancelled');
  });

  it('R-16: sign-offs racing for the last minutes of an order never credit more than it requires', async () => {
    const orderId = await w.personWithOrder({}, { totalHours: 8 });
    const shifts = [await w.booked(orderId), await w.booked(orderId), await w.booked(orderId)];
    for (const a of shifts) await worked(a);

    const answers = await Promise.all(shifts.map((a) => w.post('supervisor', `/assignments/${a.id}/sign-off`, {})));

    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers.map((r) => r.body.creditedMinutes).sort()).toEqual([0, 240, 240]);
    const [{ sum }] = await t.db.query(`SELECT sum(minutes)::int AS sum FROM ledger_entry WHERE order_id = $1`, [
      orderId,
    ]);
    expect(sum).toBe(480);
    expect((await w.get('supervisor', `/orders/${orderId}`)).body.status).toBe('completed');
  });

  it('R-20: the coordinator records an absence once the shift has started; the supervisor classifies it', async () => {
    const a = await w.booked(await w.personWithOrder());
    const tooSoon = await w.post('coordinatorA', `/assignments/${a.id}/absence`, { reason: 'Tidak datang' });
    expect(codes(tooSoon.body)).toEqual(['attendance.absence_before_start']);
    t.clock.set(minutesAfter(a.shift.startsAt, 30));
    expect((await w.post('coordinatorA', `/assignments/${a.id}/absence`, { reason: 'Tidak datang' })).body.status).toBe(
      'absent',
    );
    const decided = await w.post('supervisor', `/assignments/${a.id}/absence-decision`, {
      excused: false,
      reason: 'Tanpa kabar',
    });
    expect(decided.body.status).toBe('unexcused');
    // R-30: the supervisor's reason is theirs and the order's readers', not the site's.
    const roster = (actor: 'supervisor' | 'coordinatorA') => w.get(actor, `/shifts/${a.shift.id}/assignments`);
    expect((await roster('supervisor')).body.items[0].absence.decision.reason).toBe('Tanpa kabar');
    const seen = [
      (await roster('coordinatorA')).body.items[0],
      (await w.get('coordinatorA', `/assignments/${a.id}`)).body,
    ];
    for (const view of seen) {
      expect(view.absence).toMatchObject({ reason: 'Tidak datang', decision: { excused: false, reason: null } });
    }
    const again = await w.post('supervisor', `/assignments/${a.id}/absence-decision`, {
      excused: true,
      reason: 'Surat dokter',
    });
    expect(again.status).toBe(409);
    expect(codes(again.body)).toEqual(['assignment.invalid_transition']);
  });

  it("R-30: a roll-call's other readers (the site's coordinator, another Bapas's supervisor at a shared site) get no supervisor's words", async () => {
    const agreement = await w.agreement('SHARED', '2026-01-01', '2027-12-31', [
      w.ids.bapas,
      w.ids.otherBapas,
      w.ids.kejari,
      w.ids.opd,
    ]);
    const site = await w.ownSite({ agreementId: agreement });
    const shift = await w.post('supervisor', `/sites/${site}/shifts`, {
      date: w.nextDay(),
      start: '08:00',
      end: '12:00',
    });
    expect(shift.status).toBe(201);
    const [cancelled, signed] = [await w.personWithOrder(), await w.personWithOrder()];
    const booked = await Promise.all([cancelled, signed].map((order) => w.book(order, shift.body.id)));
    const [gone, done] = booked.map((response) => response.body.id as string);
    await w.act('supervisor', gone, 'cancel', { reason: 'Dirawat di rumah sakit' });
    t.clock.set(minutesAfter(shift.body.startsAt, 5));
    await w.act('coordinatorA', done, 'check-in');
    t.clock.set(minutesAfter(shift.body.endsAt, 5));
    await w.act('coordinatorA', done, 'check-out');
    expect(
      (await w.act('supervisor2', done, 'sign-off', { creditedMinutes: 200, note: 'Kontrol dokter' })).status,
    ).toBe(200);
    const words = (actor: 'supervisor' | 'otherBapasSupervisor' | 'coordinatorA') =>
      w.get(actor, `/shifts/${shift.body.id}/assignments`).then(({ body }) => ({
        cancellation: body.items.find((a: { id: string }) => a.id === gone).cancellation.reason,
        signOff: body.items.find((a: { id: string }) => a.id === done).signOff.note,
      }));
    expect(await words('supervisor')).toEqual({ cancellation: 'Dirawat di rumah sakit', signOff: 'Kontrol dokter' });
    expect(await words('otherBapasSupervisor')).toEqual({ cancellation: null, signOff: null });
    expect(await words('coordinatorA')).toEqual({ cancellation: null, signOff: null });
    expect((await w.get('coordinatorA', `/assignments/${done}`)).body.signOff.note).toBeNull();
    expect((await w.get('supervisor', `/assignments/${done}`)).body.signOff.note).toBe('Kontrol dokter');
  });

  it('R-27: a coordinator related to the person cannot record their attendance', async () => {
    const personId = await w.person();
    const a = await w.booked(await w.order(personId));
    expect(
      (await w.post('supervisor', `/persons/${personId}/conflicts`, { userId: w.ids.coordinatorA, relation: 'sepupu' }))
        .status,
    ).toBe(201);
    t.clock.set(a.shift.startsAt);
    const refused = await w.post('coordinatorA', `/assignments/${a.id}/check-in`, {});
    expect(refused.status).toBe(403);
    expect(codes(refused.body)).toEqual(['attendance.conflict_of_interest']);
  });

  it('R-14: a correction is a reversal entry with its reason; a completed order it touches is active again', async () => {
    const orderId = await w.personWithOrder({}, { totalHours: 8 });
    const [first, second] = [await w.booked(orderId), await w.booked(orderId)];
    for (const a of [first, second]) {
      await worked(a);
      await w.post('supervisor', `/assignments/${a.id}/sign-off`, {});
    }
    expect((await w.get('supervisor', `/orders/${orderId}`)).body.status).toBe('completed');
    const [credit] = (await w.get('supervisor', `/orders/${orderId}/ledger`)).body.items;

    const noReason = await w.post('supervisor', `/orders/${orderId}/ledger/${credit.id}/reversal`, { minutes: 30 });
    expect(noReason.status).toBe(400);
    const tooMuch = await w.post('supervisor', `/orders/${orderId}/ledger/${credit.id}/reversal`, {
      minutes: 241,
      reason: 'x',
    });
    expect(tooMuch.status).toBe(400);
    const reversal = await w.post('supervisor', `/orders/${orderId}/ledger/${credit.id}/reversal`, {
      minutes: 30,
      reason: 'Istirahat 30 menit belum dipotong',
    });
    expect(reversal.status).toBe(201);
    expect(reversal.body).toEqual(expect.objectContaining({ kind: 'reversal', minutes: -30, reversesId: credit.id }));
    const again = await w.post('supervisor', `/orders/${orderId}/ledger/${credit.id}/reversal`, { reason: 'lagi' });
    expect(codes(again.body)).toEqual(['ledger.already_reversed']);
    expect(
      codes(
        (await w.post('supervisor', `/orders/${orderId}/ledger/${reversal.body.id}/reversal`, { reason: 'x' })).body,
      ),
    ).toEqual(['ledger.not_a_credit']);
    expect(
      (await w.post('prosecutor', `/orders/${orderId}/ledger/${credit.id}/reversal`, { reason: 'x' })).status,
    ).toBe(403);

    const order = (await w.get('prosecutor', `/orders/${orderId}`)).body;
    expect(order).toEqual(expect.objectContaining({ status: 'active', completedAt: null }));
    expect(order.progress).toEqual(expect.objectContaining({ creditedMinutes: 450, remainingMinutes: 30 }));
    expect((await w.get('supervisor', `/assignments/${credit.assignmentId}`)).body.creditedMinutes).toBe(210);
    const ledger = (await w.get('supervisor', `/orders/${orderId}/ledger`)).body;
    expect(ledger.items.map((e: { minutes: number }) => e.minutes)).toEqual([240, 240, -30]);
  });

  it('R-14: the ledger refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const orderId = await w.personWithOrder();
    const a = await w.booked(orderId);
    await worked(a);
    await w.post('supervisor', `/assignments/${a.id}/sign-off`, {});
    await expect(t.db.query(`UPDATE ledger_entry SET minutes = 480 WHERE order_id = $1`, [orderId])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query(`DELETE FROM ledger_entry WHERE order_id = $1`, [orderId])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE ledger_entry CASCADE`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`UPDATE audit_event SET action = 'x' WHERE entity_id = $1`, [a.id])).rejects.toThrow(
      /append-only/,
    );
    const [{ sum }] = await t.db.query(`SELECT sum(minutes)::int AS sum FROM ledger_entry WHERE order_id = $1`, [
      orderId,
    ]);
    expect(sum).toBe(240);
  });

  it("R-16: the database refuses a credit beyond the order's requirement even when the service is bypassed", async () => {
    const orderId = await w.personWithOrder({}, { totalHours: 8 });
    const a = await w.booked(orderId);
    await worked(a);
    await w.post('supervisor', `/assignments/${a.id}/sign-off`, {});
    await expect(
      t.db.query(
        `INSERT INTO ledger_entry (order_id, assignment_id, minutes, kind, created_by) VALUES ($1, $2, 241, 'credit', $3)`,
        [orderId, a.id, w.ids.supervisor],
      ),
    ).rejects.toThrow();
    expect((await w.get('supervisor', `/orders/${orderId}`)).body.progress.creditedMinutes).toBe(240);
  });
});
