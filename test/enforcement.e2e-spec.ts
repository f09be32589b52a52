import { DeadlinesService } from '../src/deadlines/deadlines.service.js';
import { BreachesService } from '../src/enforcement/breaches.service.js';
import { DEFAULT_NOW, startTestApp, TestApp } from './support/test-app.js';
import { codes, minutesAfter } from './support/problems.js';
import { World } from './support/world.js';

/** Breach reports and the prosecutor's decisions (R-08, R-21, Art. 85(7)). */
describe('enforcement: breach reports and decisions', () => {
  let t: TestApp;
  let w: World;
  let breaches: BreachesService;
  let day = 0;
  /** Weekdays of late November and December 2026 before the default now's end of the test window. */
  const DAYS = [
    '2026-11-10',
    '2026-11-11',
    '2026-11-12',
    '2026-11-13',
    '2026-11-16',
    '2026-11-17',
    '2026-11-18',
    '2026-11-19',
    '2026-11-20',
  ];

  beforeAll(async () => {
    t = await startTestApp();
    w = await World.build(t);
    breaches = t.app.get(BreachesService);
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.set(DEFAULT_NOW));

  /** An order started early in November (so past shifts are in its period) with shifts to book. */
  const orderFrom = (overrides: object = {}) =>
    w.personWithOrder({}, { startDate: '2026-11-02', endDate: '2027-05-01', ...overrides });

  async function unexcusedAbsence(orderId: string): Promise<string> {
    t.clock.set('2026-11-01T00:00:00Z');
    const shift = await w.shift('siteA', { date: DAYS[day++], start: '08:00', end: '12:00' });
    const booked = await w.book(orderId, shift.id);
    expect(booked.status).toBe(201);
    t.clock.set(minutesAfter(shift.startsAt, 45));
    expect(
      (await w.post('coordinatorA', `/assignments/${booked.body.id}/absence`, { reason: 'Tidak datang' })).status,
    ).toBe(200);
    t.clock.set(DEFAULT_NOW);
    return booked.body.id;
  }

  const decide = (id: string, reason = 'Tanpa kabar') =>
    w.post('supervisor', `/assignments/${id}/absence-decision`, { excused: false, reason });
  const breachesOf = async (orderId: string) => t.db.query(`SELECT * FROM breach WHERE order_id = $1`, [orderId]);

  it('R-21: two unexcused absences decided at the same moment open exactly one report, with the evidence', async () => {
    const orderId = await orderFrom();
    const [first, second] = [await unexcusedAbsence(orderId), await unexcusedAbsence(orderId)];
    t.clock.set('2026-11-22T23:00:00Z');
    const ahead = await w.shift('siteA', { date: '2026-12-07', start: '08:00', end: '12:00' });
    const future = await w.book(orderId, ahead.id);
    expect(future.status).toBe(201);
    t.clock.set(DEFAULT_NOW);

    const decided = await Promise.all([decide(first), decide(second)]);
    expect(decided.map((r) => r.status)).toEqual([200, 200]);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'breach.check' AND payload->>'orderId' = $1`,
      [orderId],
    );
    expect(n).toBe(2);
    // The worker runs both checks, at once.
    const outcomes = await Promise.all([breaches.checkAbsences({ orderId }), breaches.checkAbsences({ orderId })]);
    expect(outcomes.sort()).toEqual(['sent', 'skipped']);
    const opened = await breachesOf(orderId);
    expect(opened).toHaveLength(1);
    expect(opened[0].grounds).toBe('second_unexcused_absence');
    expect(opened[0].evidence.absences.map((a: { assignmentId: string }) => a.assignmentId).sort()).toEqual(
      [first, second].sort(),
    );
    expect(opened[0].evidence.progress.requiredMinutes).toBe(2400);

    const order = (await w.get('prosecutor', `/orders/${orderId}`)).body;
    expect(order.status).toBe('breached');
    expect((await w.get('supervisor', `/assignments/${future.body.id}`)).body.status).toBe('cancelled');
    const another = await w.shift('siteA', { date: '2026-12-08', start: '08:00', end: '12:00' });
    const refused = await w.book(orderId, another.id);
    expect(refused.status).toBe(409);
    expect(codes(refused.body)).toContain('booking.order_not_active');
    const told = await t.db.query(
      `SELECT recipient_id FROM notification WHERE order_id = $1 AND reason = 'breach_opened'`,
      [orderId],
    );
    expect(told.map((r: { recipient_id: string }) => r.recipient_id).sort()).toEqual(
      [w.ids.prosecutor, w.ids.supervisor].sort(),
    );
  });

  it('one unexcused absence opens nothing', async () => {
    const orderId = await orderFrom();
    await decide(await unexcusedAbsence(orderId));
    expect(await breaches.checkAbsences({ orderId })).toBe('skipped');
    expect(await breachesOf(orderId)).toHaveLength(0);
  });

  it("R-21: the morning risk scan opens one report for an order that provably can't finish", async () => {
    const orderId = await w.personWithOrder({}, { totalHours: 40, endDate: '2026-11-29' });
    t.clock.set('2026-11-27T00:00:00Z');
    const deadlines = t.app.get(DeadlinesService);
    await deadlines.scanAndNotify({ timezone: 'Asia/Jayapura' });
    await deadlines.scanAndNotify({ timezone: 'Asia/Jayapura' });
    const opened = await breachesOf(orderId);
    expect(opened).toHaveLength(1);
    expect(opened[0].grounds).toBe('cannot_finish');
    expect(opened[0].evidence.bound).toEqual(
      expect.objectContaining({ remainingMinutes: 2400, endDate: '2026-11-29' }),
    );
  });

  describe("a supervisor's report and the prosecutor's decisions (Art. 85(7))", () => {
    async function reported(overrides: object = {}) {
      const orderId = await w.personWithOrder({}, overrides);
      const response = await w.post('supervisor', `/orders/${orderId}/breaches`, {
        reason: 'Tidak dapat dihubungi sejak dua minggu',
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual(
        expect.objectContaining({ status: 'open', grounds: 'reported_by_supervisor', openedBy: w.ids.supervisor }),
      );
      return { orderId, breachId: response.body.id as string };
    }
    const decision = (outcome: string, extra: object = {}) => ({
      outcome,
      decisionNumber: 'B-77/Q.1.10/12/2026',
      decisionDate: '2026-11-23',
      note: 'Putusan jaksa',
      ...extra,
    });

    it('a second report while one is open is refused, and the list shows it in scope only', async () => {
      const { orderId, breachId } = await reported();
      const again = await w.post('supervisor', `/orders/${orderId}/breaches`, { reason: 'lagi' });
      expect(again.status).toBe(409);
      expect(codes(again.body)).toEqual(['breach.already_open']);
      expect(
        (await w.get('prosecutor', `/breaches?orderId=${orderId}`)).body.items.map((b: { id: string }) => b.id),
      ).toEqual([breachId]);
      expect((await w.get('otherProsecutor', `/breaches?orderId=${orderId}`)).body.total).toBe(0);
      expect((await w.get('otherProsecutor', `/breaches/${breachId}`)).status).toBe(403);
      expect((await w.get('otherBapasSupervisor', `/breaches/${breachId}`)).status).toBe(403);
    });

    it('(a) repeat: the order works again, with the minutes to repeat and a new end date; the person and the supervisor are told', async () => {
      const { orderId, breachId } = await reported();
      const decided = await w.post(
        'prosecutor',
        `/breaches/${breachId}/decision`,
        decision('repeat', { repeatMinutes: 600, newEndDate: '2027-05-20' }),
      );
      expect(decided.status).toBe(200);
      expect(decided.body.status).toBe('decided');
      expect(decided.body.decision).toEqual(
        expect.objectContaining({ outcome: 'repeat', repeatMinutes: 600, decidedBy: w.ids.prosecutor }),
      );
      const order = (await w.get('supervisor', `/orders/${orderId}`)).body;
      expect(order).toEqual(expect.objectContaining({ status: 'active', endDate: '2027-05-20', repeatMinutes: 600 }));
      expect(order.progress.requiredMinutes).toBe(2400 + 600);
      const told = await t.db.query(
        `SELECT recipient_type FROM notification WHERE order_id = $1 AND reason = 'breach_decided' ORDER BY recipient_type`,
        [orderId],
      );
      expect(told.map((r: { recipient_type: string }) => r.recipient_type)).toEqual(['person', 'user', 'user']);

      const twice = await w.post('prosecutor', `/breaches/${breachId}/decision`, decision('dismissed'));
      expect(twice.status).toBe(409);
      expect(codes(twice.body)).toEqual(['breach.already_decided']);
    });

    it('(b) prison closes an order that replaced prison, at most its term', async () => {
      const { orderId, breachId } = await reported();
      const tooLong = await w.post(
        'prosecutor',
        `/breaches/${breachId}/decision`,
        decision('imprisonment', { imprisonmentDays: 61 }),
      );
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors[0]).toEqual(
        expect.objectContaining({ field: 'imprisonmentDays', code: 'breach.more_than_replaced' }),
      );
      expect(
        (
          await w.post(
            'prosecutor',
            `/breaches/${breachId}/decision`,
            decision('imprisonment', { imprisonmentDays: 30 }),
          )
        ).status,
      ).toBe(200);
      expect((await w.get('prosecutor', `/orders/${orderId}`)).body.status).toBe('closed');
    });

    it('(c) the fine closes an order that replaced a fine; a dismissal resumes it', async () => {
      const fine = { replacedSentence: { kind: 'fine', amountRupiah: 5_000_000 } };
      const first = await reported(fine);
      expect(
        (
          await w.post(
            'prosecutor',
            `/breaches/${first.breachId}/decision`,
            decision('fine', { fineRupiah: 2_500_000 }),
          )
        ).status,
      ).toBe(200);
      expect((await w.get('prosecutor', `/orders/${first.orderId}`)).body.status).toBe('closed');

      const second = await reported();
      const dismissed = await w.post('prosecutor', `/breaches/${second.breachId}/decision`, decision('dismissed'));
      expect(dismissed.body.status).toBe('dismissed');
      expect((await w.get('prosecutor', `/orders/${second.orderId}`)).body.status).toBe('active');
    });

    it("R-26: a prosecutor of another Kejari and a supervisor can't decide, and nothing changes", async () => {
      const { orderId, breachId } = await reported();
      expect((await w.post('otherProsecutor', `/breaches/${breachId}/decision`, decision('dismissed'))).status).toBe(
        403,
      );
      expect((await w.post('supervisor', `/breaches/${breachId}/decision`, decision('dismissed'))).status).toBe(403);
      const outOfRange = await w.post(
        'prosecutor',
        `/breaches/${breachId}/decision`,
        decision('repeat', { repeatMinutes: 60, newEndDate: '2027-06-30' }),
      );
      expect(outOfRange.status).toBe(400);
      expect(outOfRange.body.errors[0].field).toBe('newEndDate');
      expect((await w.get('prosecutor', `/breaches/${breachId}`)).body.status).toBe('open');
      expect((await w.get('prosecutor', `/orders/${orderId}`)).body.status).toBe('breached');
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM breach_decision WHERE breach_id = $1`, [
        breachId,
      ]);
      expect(n).toBe(0);
    });

    describe('corrections: a new decision naming the one in force (R-08, R-25)', () => {
      const correction = (correctsId: string, outcome: string, extra: object = {}) => ({
        ...decision(outcome, extra),
        decisionNumber: 'B-78/Q.1.10/12/2026',
        correctsId,
        reason: 'Nomor dan isi putusan salah dicatat',
      });

      it('a wrong number is corrected: the order stays closed, both decisions stay on record, audited', async () => {
        const { orderId, breachId } = await reported();
        const first = await w.post(
          'prosecutor',
          `/breaches/${breachId}/decision`,
          decision('imprisonment', { imprisonmentDays: 30 }),
        );
        const corrected = await w.post(
          'prosecutor',
          `/breaches/${breachId}/decision/corrections`,
          correction(first.body.decision.id, 'imprisonment', { imprisonmentDays: 20 }),
        );
        expect(corrected.status).toBe(201);
        expect(corrected.body.decision).toEqual(
          expect.objectContaining({
            decisionNumber: 'B-78/Q.1.10/12/2026',
            imprisonmentDays: 20,
            correctsId: first.body.decision.id,
            correctionReason: 'Nomor dan isi putusan salah dicatat',
          }),
        );
        const history = (await w.get('supervisor', `/breaches/${breachId}`)).body.decisions;
        expect(history.map((d: { decisionNumber: string }) => d.decisionNumber)).toEqual([
          'B-77/Q.1.10/12/2026',
          'B-78/Q.1.10/12/2026',
        ]);
        expect((await w.get('prosecutor', `/orders/${orderId}`)).body.status).toBe('closed');
        const [event] = await t.db.query(
          `SELECT actor_id, after FROM audit_event WHERE entity_id = $1 AND action = 'breach.decision_corrected'`,
          [breachId],
        );
        expect(event.actor_id).toBe(w.ids.prosecutor);
        expect(event.after.decisions).toHaveLength(2);

        const stale = await w.post(
          'prosecutor',
          `/breaches/${breachId}/decision/corrections`,
          correction(first.body.decision.id, 'imprisonment', { imprisonmentDays: 10 }),
        );
        expect(stale.status).toBe(409);
        expect(codes(stale.body)).toEqual(['breach.correction_not_current']);
      });

      it('repeat corrected to the fine closes the order, takes the repeat away and cancels its bookings; and back again', async () => {
        const { orderId, breachId } = await reported({ replacedSentence: { kind: 'fine', amountRupiah: 5_000_000 } });
        const repeat = await w.post(
          'prosecutor',
          `/breaches/${breachId}/decision`,
          decision('repeat', { repeatMinutes: 600, newEndDate: '2027-05-20' }),
        );
        const shift = await w.shift('siteA', { date: '2026-12-09' });
        const booked = await w.book(orderId, shift.id);
        expect(booked.status).toBe(201);

        const fine = await w.post(
          'prosecutor',
          `/breaches/${breachId}/decision/corrections`,
          correction(repeat.body.decision.id, 'fine', { fineRupiah: 1_000_000 }),
        );
        expect(fine.status).toBe(201);
        expect(fine.body.status).toBe('decided');
        let order = (await w.get('supervisor', `/orders/${orderId}`)).body;
        expect(order).toEqual(expect.objectContaining({ status: 'closed', repeatMinutes: 0, endDate: '2027-05-22' }));
        expect((await w.get('supervisor', `/assignments/${booked.body.id}`)).body.status).toBe('cancelled');

        const dismissed = await w.post(
          'prosecutor',
          `/breaches/${breachId}/decision/corrections`,
          correction(fine.body.decision.id, 'dismissed'),
        );
        expect(dismissed.status).toBe(201);
        expect(dismissed.body.status).toBe('dismissed');
        expect(dismissed.body.decisions.map((d: { outcome: string }) => d.outcome)).toEqual([
          'repeat',
          'fine',
          'dismissed',
        ]);
        order = (await w.get('supervisor', `/orders/${orderId}`)).body;
        expect(order).toEqual(expect.objectContaining({ status: 'active', repeatMinutes: 0, endDate: '2027-05-22' }));
        const told = await t.db.query(
          `SELECT count(*)::int AS n FROM notification WHERE order_id = $1 AND reason = 'breach_decided' AND recipient_type = 'person'`,
          [orderId],
        );
        expect(told[0].n).toBe(3);
      });

      it('R-26 and 409: another Kejari and a supervisor are refused; no decision yet, or work recorded since, refuses', async () => {
        const { orderId, breachId } = await reported();
        const none = await w.post(
          'prosecutor',
          `/breaches/${breachId}/decision/corrections`,
          correction(breachId, 'dismissed'),
        );
        expect(none.status).toBe(409);
        expect(codes(none.body)).toEqual(['breach.not_decided']);
        const repeat = await w.post(
          'prosecutor',
          `/breaches/${breachId}/decision`,
          decision('repeat', { repeatMinutes: 600, newEndDate: '2027-05-20' }),
        );
        const toPrison = correction(repeat.body.decision.id, 'imprisonment', { imprisonmentDays: 30 });
        expect((await w.post('otherProsecutor', `/breaches/${breachId}/decision/corrections`, toPrison)).status).toBe(
          403,
        );
        expect((await w.post('supervisor', `/breaches/${breachId}/decision/corrections`, toPrison)).status).toBe(403);

        const shift = await w.shift('siteA', { date: '2026-11-25' });
        const booked = await w.book(orderId, shift.id);
        t.clock.set(minutesAfter(shift.startsAt, 5));
        expect((await w.post('coordinatorA', `/assignments/${booked.body.id}/check-in`, {})).status).toBe(200);
        t.clock.set(DEFAULT_NOW);
        const refused = await w.post('prosecutor', `/breaches/${breachId}/decision/corrections`, toPrison);
        expect(refused.status).toBe(409);
        expect(codes(refused.body)).toEqual(['breach.correction_work_recorded']);
        expect(refused.body.detail).toContain('kehadiran');
        const order = (await w.get('prosecutor', `/orders/${orderId}`)).body;
        expect(order).toEqual(expect.objectContaining({ status: 'active', repeatMinutes: 600 }));
        const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM breach_decision WHERE breach_id = $1`, [
          breachId,
        ]);
        expect(n).toBe(1);
      });
    });
  });
});
