import { Queue } from 'bullmq';
import { JobQueues } from '../src/jobs/job-queues.js';
import { QUEUES } from '../src/jobs/jobs.js';
import { OwnRedis } from './support/own-redis.js';
import { DEFAULT_NOW, startTestApp, TestApp } from './support/test-app.js';
import { ownDatabase } from './support/test-config.js';
import { waitFor } from './support/wait.js';
import { World } from './support/world.js';

/**
 * Fault: Redis unreachable at boot, then stopped mid-run. PostgreSQL is the truth (DESIGN.md): supervisors
 * book and coordinators take the roll-call while Redis is away; the jobs wait in the outbox and reach the
 * queues once Redis is back. This file runs the worker (APP_ROLE=all) against a redis-server of its own.
 */
describe('faults: Redis unreachable at boot and stopped mid-run', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let w: World;
  let work: Queue;

  const health = () => t.http().get('/api/v1/health');
  const unrelayed = (assignmentId: string): Promise<number> =>
    t.db
      .query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL AND payload->>'assignmentId' = $1`, [
        assignmentId,
      ])
      .then(([row]) => row.n);
  const remindersQueued = (assignmentId: string) =>
    waitFor(async () => {
      const jobs = await Promise.all(
        [`reminder-day-before-${assignmentId}`, `reminder-2h-${assignmentId}`].map((id) =>
          work.getJob(id).catch(() => undefined),
        ),
      );
      return jobs.every(Boolean) ? jobs : null;
    }, `the reminders of ${assignmentId} in the queue`);

  async function book(date: string) {
    const orderId = await w.personWithOrder();
    const shift = await w.shift('siteA', { date, start: '08:00', end: '12:00' });
    const booked = await w.book(orderId, shift.id);
    expect(booked.status).toBe(201);
    return { id: booked.body.id as string, shift };
  }

  /** The roll-call of a booking and the supervisor's sign-off, with the clock just after the shift. */
  async function rollCallAndSignOff(a: { id: string; shift: { startsAt: string; endsAt: string } }) {
    t.clock.set(new Date(Date.parse(a.shift.endsAt) + 5 * 60_000).toISOString());
    const checkIn = await w.post(
      'coordinatorA',
      `/assignments/${a.id}/check-in`,
      { at: a.shift.startsAt },
      { 'Idempotency-Key': `in-${a.id}` },
    );
    expect(checkIn.status).toBe(200);
    const checkOut = await w.post(
      'coordinatorA',
      `/assignments/${a.id}/check-out`,
      { at: a.shift.endsAt },
      { 'Idempotency-Key': `out-${a.id}` },
    );
    expect(checkOut.status).toBe(200);
    const signOff = await w.post('supervisor', `/assignments/${a.id}/sign-off`, {});
    expect(signOff.status).toBe(200);
    expect(signOff.body.status).toBe('credited');
    t.clock.set(DEFAULT_NOW);
  }

  beforeAll(async () => {
    redis = await OwnRedis.onFreePort(); // not started: Redis is unreachable at boot
    const DATABASE_URL = await ownDatabase('faults_redis');
    // Boot itself is the first proof: with the worker's reconcile at boot, init used to wait for Redis forever.
    t = await startTestApp(DEFAULT_NOW, {
      APP_ROLE: 'all',
      RECONCILE_ON_BOOT: 'true',
      DATABASE_URL,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: '{bakti-faults}',
      OUTBOX_POLL_MS: '50',
    });
    w = await World.build(t);
    work = t.app.get(JobQueues).queue(QUEUES.work);
  }, 90_000); // World.build signs in a dozen users (argon2): slow on a loaded machine
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('Redis unreachable at boot: booking, roll-call and sign-off succeed, /health is 503 naming Redis, the reminders reach the queue once Redis is up', async () => {
    const readiness = await health();
    expect(readiness.status).toBe(503);
    expect(readiness.body).toEqual({
      status: 'unavailable',
      postgres: 'up',
      redis: 'down',
      workers: 0,
      calendar: expect.any(Object),
    });
    expect((await t.http().get('/api/v1/health/live')).status).toBe(200);
    const admin = `Basic ${Buffer.from(`admin.${w.tag.toLowerCase()}:test-password-1`).toString('base64')}`;
    expect((await t.http().get('/admin/queues').set('authorization', admin)).status).toBe(503);

    const ahead = await book('2026-12-02');
    const worked = await book('2026-11-24');
    await rollCallAndSignOff(worked);
    expect(await unrelayed(ahead.id)).toBe(2);

    await redis.start();
    const [dayBefore, twoHours] = await remindersQueued(ahead.id);
    expect(dayBefore!.data).toEqual({ assignmentId: ahead.id });
    expect(twoHours!.opts.delay).toBeGreaterThan(0);
    await waitFor(async () => (await unrelayed(ahead.id)) === 0, 'the outbox drained'); // the reconcile may have been first
    const ready = await waitFor(
      async () => ((await health()).status === 200 ? (await health()).body : null),
      'readiness 200',
    );
    expect(ready).toEqual({ status: 'ok', postgres: 'up', redis: 'up', workers: 1, calendar: expect.any(Object) });
  }, 90_000);

  it('Redis stopped mid-run: /health turns 503, bookings and roll-call go on, and Redis restarted empty gets the waiting jobs', async () => {
    await remindersQueued((await book('2026-12-03')).id);
    await redis.stop();
    await waitFor(async () => (await health()).status === 503, 'readiness 503 after Redis stopped');
    expect((await health()).body).toMatchObject({ redis: 'down', postgres: 'up' });

    const ahead = await book('2026-12-07');
    const worked = await book('2026-11-25');
    await rollCallAndSignOff(worked);
    expect(await unrelayed(ahead.id)).toBe(2);

    await redis.start();
    await remindersQueued(ahead.id); // by the relay, or by the reconcile that runs when Redis comes back
    await waitFor(async () => (await unrelayed(ahead.id)) === 0, 'the outbox drained');
    await waitFor(async () => (await health()).status === 200, 'readiness 200 after Redis came back');
  }, 90_000);
});
