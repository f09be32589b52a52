import pg from 'pg';
import { DEFAULT_NOW, startTestApp, TestApp } from './support/test-app.js';
import { ownDatabase } from './support/test-config.js';
import { waitFor } from './support/wait.js';
import { World } from './support/world.js';

/**
 * Fault: PostgreSQL connections cut (pg_terminate_backend on the service's own connections, found by their
 * application_name in this file's own database) while coordinators' phones retry roll-call taps with their
 * Idempotency-Key. The API answers 503 with Retry-After, never 500, recovers by itself, and the retried taps
 * lose nothing and double nothing.
 */
describe('faults: PostgreSQL connections cut during the roll-call', () => {
  let t: TestApp;
  let w: World;
  let admin: pg.Client;
  let database: string;
  let cutting = false;

  /** Cuts every connection of the service (not the test's own) to this file's database; answers how many. */
  const cut = async (where = 'true'): Promise<number> =>
    (
      await admin.query(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'bakti-api' AND ${where}`,
        [database],
      )
    ).rows[0].n;

  const tap = (id: string, at: string) =>
    w.post('coordinatorA', `/assignments/${id}/check-in`, { at }, { 'Idempotency-Key': `tap-${id}` });

  /** A phone's retry loop: the same key and body until the server gives an answer other than 503. */
  async function tapUntilAnswered(id: string, at: string, statuses: number[]) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const response = await tap(id, at);
      statuses.push(response.status);
      if (response.status !== 503) return response;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt)); // a phone backs off before resending
    }
    throw new Error(`no answer for ${id} after 100 attempts`);
  }

  const auditedCheckIns = (id: string): Promise<number> =>
    t.db
      .query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'assignment.checked_in'`, [
        id,
      ])
      .then(([row]) => row.n);

  async function bookings(count: number, date: string) {
    const shift = await w.shift('siteA', { date, start: '08:00', end: '12:00', capacity: count });
    const ids = await Promise.all(
      Array.from({ length: count }, async () => {
        const booked = await w.book(await w.personWithOrder(), shift.id);
        expect(booked.status).toBe(201);
        return booked.body.id as string;
      }),
    );
    return { ids, shift };
  }

  beforeAll(async () => {
    const DATABASE_URL = await ownDatabase('faults_pg');
    database = new URL(DATABASE_URL).pathname.slice(1);
    t = await startTestApp(DEFAULT_NOW, { DATABASE_URL });
    w = await World.build(t);
    admin = new pg.Client({ connectionString: DATABASE_URL, application_name: 'bakti-fault-test' });
    await admin.connect();
  }, 90_000); // World.build signs in a dozen users (argon2): slow on a loaded machine
  afterAll(async () => {
    cutting = false;
    await admin.end();
    await t.close();
  });
  afterEach(() => t.clock.set(DEFAULT_NOW));

  it('a tap cut in the middle of its transaction answers 503 (never 500) and its retry with the same key records it once', async () => {
    const {
      ids: [id],
      shift,
    } = await bookings(1, '2026-11-24');
    t.clock.set(shift.startsAt);
    // The test holds the assignment's row, so the tap waits inside its transaction (its key row already written).
    const holder = new pg.Client({
      connectionString: `postgres://postgres@127.0.0.1:5432/${database}`,
      application_name: 'bakti-fault-holder',
    });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM assignment WHERE id = $1 FOR UPDATE', [id]);
    const pending = tap(id, shift.startsAt).then((response) => response); // supertest sends on then()
    await waitFor(
      async () => (await cut(`wait_event_type = 'Lock'`)) > 0,
      'the tap waiting inside its transaction, cut',
    );
    const cutOff = await pending;
    await holder.query('ROLLBACK');
    await holder.end();

    expect(cutOff.status).toBe(503);
    expect(cutOff.headers['content-type']).toContain('application/problem+json');
    expect(cutOff.headers['retry-after']).toBe('5');
    expect(cutOff.body).toMatchObject({
      status: 503,
      type: 'urn:bakti:problem:service.database_unavailable',
      requestId: cutOff.headers['x-request-id'],
    });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM idempotency_record WHERE key = $1`, [`tap-${id}`])).toEqual(
      [{ n: 0 }],
    );
    expect(await auditedCheckIns(id)).toBe(0);

    const retried = await tap(id, shift.startsAt);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('checked_in');
    const replayed = await tap(id, shift.startsAt);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual(retried.body);
    expect(await auditedCheckIns(id)).toBe(1);
  }, 90_000);

  it('connections cut again and again while 12 phones tap and retry: no 500, every tap recorded exactly once, and the API recovers by itself', async () => {
    const { ids, shift } = await bookings(12, '2026-11-26');
    t.clock.set(shift.startsAt);
    cutting = true;
    let cuts = 0;
    const cutter = (async () => {
      while (cutting) {
        cuts += await cut();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const statuses: number[] = [];
    const answers = await Promise.all(
      ids.map(async (id) => {
        const first = await tapUntilAnswered(id, shift.startsAt, statuses);
        const resent = await tapUntilAnswered(id, shift.startsAt, statuses); // the phone lost the first answer
        return [first, resent];
      }),
    ).finally(() => {
      cutting = false;
    });
    await cutter;

    expect(cuts).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    for (const [first, resent] of answers) {
      expect(first.status).toBe(200);
      expect(resent.body).toEqual(first.body);
    }
    const rows: { status: string; n: number }[] = await t.db.query(
      `SELECT status, count(*)::int AS n FROM assignment WHERE id = ANY($1::uuid[]) GROUP BY status`,
      [ids],
    );
    expect(rows).toEqual([{ status: 'checked_in', n: 12 }]);
    expect(await Promise.all(ids.map(auditedCheckIns))).toEqual(ids.map(() => 1));
    expect((await t.http().get('/api/v1/health')).body).toMatchObject({ postgres: 'up' });
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
  }, 150_000); // each cut costs the pool's reconnects: minutes on a loaded machine
});
