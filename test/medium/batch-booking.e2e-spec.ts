import { BatchBookingService, type BatchOutcome } from '../../src/assignments/batch-booking.service.js';
import { BookingService } from '../../src/assignments/booking.service.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { DomainError } from '../../src/common/domain-error.js';
import { codes } from '../support/problems.js';
import { TestApp } from '../support/test-app.js';
import { waitForLockWait } from '../support/wait.js';
import { World } from '../support/world.js';

/** A regional holiday of the World's host region on a date no other test file uses, added after its shifts. */
const HOLIDAY = '2027-04-27';
/** 2027-04-05 is a Monday. */
const DAY = '2027-04-05';

interface Proposal {
  orderId: string;
  shiftId: string;
}

/** What applying a proposal did, without the ids that differ from one world to its twin. */
type Outcome = { booked: true } | { code: string; params?: Record<string, string | number> };

describe('batch booking: a plan booked in chunks gives what one booking at a time gives', () => {
  let t: TestApp;
  let w: World;
  let supervisor: AuthUser;

  beforeAll(async () => {
    ({ t, w } = await World.start());
    supervisor = {
      id: w.ids.supervisor,
      username: 'supervisor',
      fullName: 'supervisor',
      role: 'supervisor',
      agencyId: w.ids.bapas,
    };
  });
  afterAll(async () => {
    await w.t.http().delete(`/api/v1/holidays/${HOLIDAY}?region=ID-MA`).set('authorization', w.authorization('admin'));
    await t.close();
  });

  /**
   * Fresh orders and shifts, and proposals that hit each refusal once: a seat taken earlier in the batch and one
   * taken before it, an overlap with a booking of the batch and with one made before it, the daily cap,
   * a holiday, a site not for minors, an order of another Bapas.
   */
  async function scenario(): Promise<{ proposals: Proposal[]; shiftIds: string[] }> {
    const shift = async (site: 'siteA' | 'siteB', body: object) => (await w.shift(site, body)).id;
    const one = await shift('siteB', { date: DAY, start: '08:00', end: '12:00', capacity: 1 });
    const overlapping = await shift('siteB', { date: DAY, start: '10:00', end: '14:00', capacity: 5 });
    const afternoon = await shift('siteB', { date: DAY, start: '13:00', end: '17:00', capacity: 5 });
    const evening = await shift('siteB', { date: DAY, start: '15:00', end: '19:00', capacity: 5 });
    const full = await shift('siteB', { date: '2027-04-06', capacity: 1 });
    const tuesday = await shift('siteB', { date: '2027-04-07', capacity: 2 });
    const holiday = await shift('siteB', { date: HOLIDAY, capacity: 5 });
    const adultsOnly = await shift('siteA', { date: '2027-04-08', capacity: 5 });
    const [a, b, c, d, filler] = [
      await w.personWithOrder(),
      await w.personWithOrder(),
      await w.personWithOrder({}, { maxHoursPerDay: 4 }),
      await w.personWithOrder(),
      await w.personWithOrder(),
    ];
    const child = await w.personWithOrder({ birthDate: '2012-03-01' });
    const other = await otherBapasOrder();
    expect((await w.book(filler, full)).status).toBe(201);
    expect((await w.book(d, tuesday)).status).toBe(201);
    const proposals: Proposal[] = [
      { orderId: a, shiftId: one },
      { orderId: b, shiftId: one },
      { orderId: a, shiftId: overlapping },
      { orderId: a, shiftId: afternoon },
      { orderId: c, shiftId: overlapping },
      { orderId: c, shiftId: evening },
      { orderId: b, shiftId: full },
      { orderId: d, shiftId: tuesday },
      { orderId: b, shiftId: holiday },
      { orderId: child, shiftId: adultsOnly },
      { orderId: other, shiftId: afternoon },
      { orderId: b, shiftId: tuesday },
      { orderId: c, shiftId: tuesday },
      { orderId: a, shiftId: evening },
    ];
    return { proposals, shiftIds: [one, overlapping, afternoon, evening, full, tuesday, holiday, adultsOnly] };
  }

  async function otherBapasOrder(): Promise<string> {
    const nik = `8171${String(Date.now()).slice(-12)}`;
    const person = await w.post('otherBapasSupervisor', '/persons', {
      fullName: `Klien lain ${w.tag}`,
      nik,
      birthDate: '1990-01-15',
      sex: 'M',
    });
    expect(person.status).toBe(201);
    const order = await w.post('otherBapasSupervisor', '/orders', w.orderBody(person.body.id));
    expect(order.status).toBe(201);
    return order.body.id;
  }

  /** One booking at a time, as PlanApplier booked before: refusals carry the first reason. */
  async function oneByOne(proposals: Proposal[]): Promise<(string | Outcome)[]> {
    const booking = t.app.get(BookingService);
    const outcomes: (string | Outcome)[] = [];
    for (const proposal of proposals) {
      try {
        outcomes.push((await booking.book(supervisor, proposal)).id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push({ code: error.violations[0].code, params: error.violations[0].params });
      }
    }
    return outcomes;
  }

  async function batched(proposals: Proposal[], chunk?: number): Promise<(string | Outcome)[]> {
    const outcomes = await t.app.get(BatchBookingService).bookAll(supervisor, proposals, chunk);
    return outcomes.map((outcome: BatchOutcome) =>
      'assignmentId' in outcome ? outcome.assignmentId : { code: outcome.refusal.code, params: outcome.refusal.params },
    );
  }

  /** Per proposal: booked or the reason; for a booking, its audit event and its jobs without their ids. */
  async function described(proposals: Proposal[], outcomes: (string | Outcome)[], shiftIds: string[]) {
    const ids = outcomes.filter((o): o is string => typeof o === 'string');
    const events: { entity_id: string; actor_id: string; action: string; after: Record<string, unknown> }[] =
      await t.db.query(`SELECT entity_id, actor_id, action, after FROM audit_event WHERE entity_id = ANY($1)`, [ids]);
    const jobs: { job_name: string; queue: string; job_id: string; payload: { assignmentId: string }; run_at: Date }[] =
      await t.db.query(
        `SELECT job_name, queue, job_id, payload, run_at FROM outbox WHERE payload->>'assignmentId' = ANY($1)
          ORDER BY job_name`,
        [ids],
      );
    const rows: { id: string; order_id: string; shift_id: string; status: string }[] = await t.db.query(
      `SELECT id, order_id, shift_id, status FROM assignment WHERE id = ANY($1)`,
      [ids],
    );
    const counts: { id: string; booked_count: number }[] = await t.db.query(
      `SELECT id, booked_count FROM shift WHERE id = ANY($1)`,
      [shiftIds],
    );
    return {
      outcomes: outcomes.map((outcome, i) => {
        if (typeof outcome !== 'string') return outcome;
        const row = rows.find((r) => r.id === outcome);
        expect(row).toEqual({ id: outcome, ...snake(proposals[i]), status: 'scheduled' });
        const event = events.filter((e) => e.entity_id === outcome);
        expect(event).toHaveLength(1);
        const { id, orderId, shiftId, siteId, person, ...after } = event[0].after;
        expect({ id, orderId, shiftId }).toEqual({ id: outcome, ...proposals[i] });
        expect([siteId, person]).toEqual([expect.any(String), expect.objectContaining({ id: expect.any(String) })]);
        return {
          booked: true,
          event: { actor: event[0].actor_id, action: event[0].action, after },
          jobs: jobs
            .filter((job) => job.job_id.endsWith(outcome))
            .map((job) => ({
              name: job.job_name,
              queue: job.queue,
              jobId: job.job_id.replace(outcome, '…'),
              payload: { ...job.payload, assignmentId: job.payload.assignmentId === outcome },
              runAt: job.run_at,
            })),
        };
      }),
      seats: shiftIds.map((id) => counts.find((c) => c.id === id)!.booked_count),
    };
  }

  const snake = (p: Proposal) => ({ order_id: p.orderId, shift_id: p.shiftId });

  it('books the same proposals, refuses the same ones with the same reasons, writes the same audit events and jobs', async () => {
    const worlds = [await scenario(), await scenario(), await scenario()];
    const added = await w.post('admin', '/holidays', {
      date: HOLIDAY,
      region: 'ID-MA',
      kind: 'regional',
      name: 'Libur uji',
    });
    expect(added.status).toBe(201);

    const single = await oneByOne(worlds[0].proposals);
    const batch = await batched(worlds[1].proposals);
    const smallChunks = await batched(worlds[2].proposals, 3);

    const expected = await described(worlds[0].proposals, single, worlds[0].shiftIds);
    expect(expected.outcomes.map((o) => ('code' in o ? o.code : 'booked'))).toEqual([
      'booked',
      'booking.shift_full',
      'booking.overlap',
      'booked',
      'booked',
      'booking.daily_cap',
      'booking.shift_full',
      'booking.overlap',
      'booking.holiday',
      'booking.site_not_for_minors',
      'auth.out_of_scope',
      'booked',
      'booking.shift_full',
      'booking.daily_cap',
    ]);
    expect(await described(worlds[1].proposals, batch, worlds[1].shiftIds)).toEqual(expected);
    expect(await described(worlds[2].proposals, smallChunks, worlds[2].shiftIds)).toEqual(expected);
  });

  it("keeps each batch's audit events in one hash chain, each linked to the event before it", async () => {
    const shifts = [await w.shift('siteB', { date: '2027-04-09' }), await w.shift('siteB', { date: '2027-04-12' })];
    const orders = [await w.personWithOrder(), await w.personWithOrder(), await w.personWithOrder()];
    const proposals = orders.flatMap((orderId) => shifts.map((shift) => ({ orderId, shiftId: shift.id })));
    const ids = (await batched(proposals)).filter((o): o is string => typeof o === 'string');
    expect(ids).toHaveLength(6);
    const links = await t.db.query(
      `SELECT entity_id, linked FROM (
         SELECT entity_id, prev_hash IS NOT DISTINCT FROM lag(hash) OVER (ORDER BY seq) AS linked FROM audit_event
          WHERE chain = (SELECT chain FROM audit_event WHERE entity_id = $1)) e
        WHERE entity_id = ANY($2)`,
      [ids[0], ids],
    );
    expect(links).toHaveLength(ids.length);
    expect(links.filter((l: { linked: boolean }) => !l.linked)).toEqual([]);
  });
  it('R-18, R-03: a plan applied while 20 single bookings hit the same shifts never overfills one nor double-books anyone', async () => {
    const dates = ['2027-04-13', '2027-04-14', '2027-04-15'];
    const shifts: { id: string; date: string }[] = [];
    for (const date of dates) {
      for (const start of ['08:00', '10:00']) {
        const { id } = await w.shift('siteB', { date, start, end: `${Number(start.slice(0, 2)) + 4}:00`, capacity: 3 });
        shifts.push({ id, date });
      }
    }
    const planned: string[] = [];
    for (let k = 0; k < 12; k++) planned.push(await w.personWithOrder());
    // Each shift is proposed 6 times for its 3 seats; no proposal overlaps another of the same person.
    const bookings = planned.flatMap((orderId, k) =>
      [k, k + 2, k + 4].map((n) => ({ orderId, shiftId: shifts[n % 6].id, date: shifts[n % 6].date })),
    );
    const [plan] = await t.db.query(
      `INSERT INTO plan (bapas_id, horizon_from, horizon_to, bookings, outcomes, summary, created_by, expires_at)
       VALUES ($1, $2, $3, $4, '[]', '{}', $5, '2030-01-01') RETURNING id`,
      [w.ids.bapas, dates[0], dates[2], JSON.stringify(bookings), w.ids.supervisor],
    );
    const others: string[] = [];
    for (let k = 0; k < 10; k++) others.push(await w.personWithOrder());
    // Ten strangers, and ten of the plan's persons on the shift that overlaps the first one proposed to them.
    const singles = [
      ...others.map((orderId, k) => ({ orderId, shiftId: shifts[k % 6].id })),
      ...planned.slice(0, 10).map((orderId, k) => ({ orderId, shiftId: shifts[(k % 6) ^ 1].id })),
    ];

    const [applied, ...manual] = await Promise.all([
      w.post('supervisor', `/plans/${plan.id}/apply`),
      ...singles.map((single) => w.book(single.orderId, single.shiftId)),
    ]);

    expect(applied.status).toBe(200);
    const { booked, refused } = applied.body.result;
    expect(booked.length + refused.length).toBe(bookings.length);
    const lost = ['booking.shift_full', 'booking.overlap'];
    for (const refusal of refused) expect(lost).toContain(refusal.code);
    for (const response of manual.filter((r) => r.status !== 201)) {
      expect({ status: response.status, code: lost.includes(codes(response.body)[0]) }).toEqual({
        status: 409,
        code: true,
      });
    }
    const seats = await t.db.query(
      `SELECT s.booked_count AS booked,
              (SELECT count(*)::int FROM assignment a WHERE a.shift_id = s.id AND a.status <> 'cancelled') AS rows
         FROM shift s WHERE s.id = ANY($1)`,
      [shifts.map((shift) => shift.id)],
    );
    for (const seat of seats) {
      expect(seat.booked).toBe(seat.rows);
      expect(seat.booked).toBeLessThanOrEqual(3);
    }
    const total = seats.reduce((sum: number, seat: { rows: number }) => sum + seat.rows, 0);
    expect(total).toBe(booked.length + manual.filter((response) => response.status === 201).length);
    const [{ doubles }] = await t.db.query(
      `SELECT count(*)::int AS doubles FROM assignment a JOIN assignment b
          ON b.person_id = a.person_id AND b.id > a.id AND b.status <> 'cancelled'
         AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
       WHERE a.status <> 'cancelled' AND a.shift_id = ANY($1)`,
      [shifts.map((shift) => shift.id)],
    );
    expect(doubles).toBe(0);
  });

  it('a chunk PostgreSQL aborts to break a deadlock (40P01) is tried again and books each proposal exactly once', async () => {
    const shiftIds = [
      (await w.shift('siteB', { date: '2027-04-16' })).id,
      (await w.shift('siteB', { date: '2027-04-19' })).id,
    ].sort();
    const orders = [await w.personWithOrder(), await w.personWithOrder()];
    const proposals = orders.flatMap((orderId) => shiftIds.map((shiftId) => ({ orderId, shiftId })));
    const lockShift = (id: string) => other.query(`SELECT id FROM shift WHERE id = $1 FOR UPDATE`, [id]);
    const other = t.db.createQueryRunner();
    await other.connect();
    let batch: Promise<(string | Outcome)[]> | undefined;
    try {
      await other.startTransaction();
      // This side looks for a deadlock a minute after it starts to wait, the batch after a second: the batch is the victim.
      await other.query(`SET LOCAL deadlock_timeout = '1min'`);
      await lockShift(shiftIds[1]);
      batch = batched(proposals);
      await waitForLockWait(
        t.db,
        '%FROM shift WHERE id = ANY%FOR NO KEY UPDATE%',
        'the batch holding the first shift and waiting for the second',
      );
      // The opposite order. Granted only once the batch's first attempt is rolled back: the deadlock's victim.
      await lockShift(shiftIds[0]);
      await other.commitTransaction();
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    const ids = await batch;
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    const rows = await t.db.query(
      `SELECT order_id AS "orderId", shift_id AS "shiftId" FROM assignment WHERE order_id = ANY($1) ORDER BY order_id, shift_id`,
      [orders],
    );
    expect(rows).toEqual(
      [...proposals].sort((a, b) => a.orderId.localeCompare(b.orderId) || a.shiftId.localeCompare(b.shiftId)),
    );
    const seats = await t.db.query(`SELECT booked_count AS n FROM shift WHERE id = ANY($1)`, [shiftIds]);
    expect(seats.map((seat: { n: number }) => seat.n)).toEqual([2, 2]);
    const [{ events }] = await t.db.query(
      `SELECT count(*)::int AS events FROM audit_event WHERE action = 'assignment.booked' AND entity_id = ANY($1)`,
      [ids],
    );
    expect(events).toBe(4);
  });
});
