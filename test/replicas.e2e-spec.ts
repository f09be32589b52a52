import { randomInt } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Job, Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { Redis } from 'ioredis';
import { redisConnection } from '../src/common/redis.js';
import { QUEUES } from '../src/jobs/jobs.js';
import { freePort } from './support/own-redis.js';
import { SpawnedService } from './support/spawned-service.js';
import { startTestApp, TestApp } from './support/test-app.js';
import { asServiceRole, ownDatabase, testRedisUrl } from './support/test-config.js';
import { waitFor } from './support/wait.js';
import { World } from './support/world.js';

const REDIS_URL = testRedisUrl(14);
const PREFIX = `{bakti-replicas-${randomInt(1e9)}}`;
const SECRETS = {
  JWT_SECRET: 'replicas-test-jwt-secret-of-32-characters-at-least',
  AUDIT_KEY: 'replicas-test-audit-key-of-32-characters-at-least',
  NOTIFY_WEBHOOK_SECRET: 'replicas-test-webhook-secret',
};
const BOOKINGS = 6;
/** Four Node processes booting at once on two busy cores: each is given this long. */
const BOOT_MS = 150_000;
/** A job whose worker died is taken up again after this long (BullMQ's lock and stalled-job check). */
const LOCK_MS = 1500;

interface Delivery {
  worker: string;
  id: string;
  response: ServerResponse;
}

/**
 * Two API processes and two worker processes (dist/main.js, APP_ROLE=api / worker) on one database and one
 * Redis database: bookings through both APIs, their reminders relayed from the outbox by both workers' relays,
 * the recurring jobs' schedulers upserted by both; each reminder stored and sent once, the outbox drained with
 * no job twice, a scheduled run done once. Then one worker is killed (SIGKILL) in the middle of a delivery and
 * the other takes the job over once its lock runs out.
 */
describe('replicas: two API and two worker processes', () => {
  let t: TestApp;
  let w: World;
  let work: Queue;
  let delivery: Queue;
  let redis: Redis;
  let gateway: Server;
  let apis: SpawnedService[] = [];
  const workers = new Map<string, SpawnedService>();
  const received: Delivery[] = [];
  let hold: ((d: Delivery) => boolean) | null = null;

  const answer = (d: Delivery) => {
    d.response.writeHead(200, { 'content-type': 'application/json' });
    d.response.end(JSON.stringify({ id: `gw-${d.id}`, status: 'accepted' }));
  };

  /** The gateway: answers at once, unless the test holds a message to kill the worker that is sending it. */
  async function startGateway(): Promise<number> {
    const port = await freePort();
    gateway = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const d = { worker: request.url!.slice(1), id: (JSON.parse(body) as { id: string }).id, response };
        received.push(d);
        if (!hold?.(d)) answer(d);
      });
    });
    await new Promise<void>((resolve) => gateway.listen(port, '127.0.0.1', resolve));
    return port;
  }

  /** The next working days in Jayapura (the site's zone) from three days on, away from the year-end holidays. */
  function workingDays(count: number): string[] {
    const days: string[] = [];
    for (
      let day = DateTime.now().setZone('Asia/Jayapura').plus({ days: 3 });
      days.length < count;
      day = day.plus({ days: 1 })
    ) {
      const holidayish = (day.month === 12 && day.day >= 24) || (day.month === 1 && day.day === 1);
      if (day.weekday <= 5 && !holidayish) days.push(day.toISODate()!);
    }
    return days;
  }

  async function book(api: SpawnedService, date: string): Promise<string> {
    const start = DateTime.now().setZone('Asia/Jayapura').toISODate()!;
    const orderId = await w.order(await w.person({ phone: '081234567890' }), {
      startDate: start,
      endDate: DateTime.fromISO(start).plus({ months: 5 }).toISODate(),
    });
    const shift = await w.shift('siteA', { date, start: '08:00', end: '12:00' });
    const response = await fetch(`${api.url}/api/v1/assignments`, {
      method: 'POST',
      headers: { authorization: w.authorization('supervisor'), 'content-type': 'application/json' },
      body: JSON.stringify({ orderId, shiftId: shift.id }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params))[0].n);
  const delayedReminders = async (ids: string[]) =>
    (await work.getDelayed()).filter((job) => ids.some((id) => job.id?.endsWith(id)));

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    await redis.flushdb();
    const databaseUrl = await ownDatabase('replicas');
    t = await startTestApp(new Date().toISOString(), {
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: PREFIX,
      ...SECRETS,
    });
    w = await World.build(t);
    const gatewayPort = await startGateway();
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: asServiceRole(databaseUrl),
      MIGRATION_DATABASE_URL: databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: PREFIX,
      SEED_DEMO: 'false',
      OUTBOX_POLL_MS: '50',
      WORKER_LOCK_MS: String(LOCK_MS),
      ...SECRETS,
    };
    const started = await Promise.all([
      SpawnedService.start({ ...env, APP_ROLE: 'api' }, BOOT_MS),
      SpawnedService.start({ ...env, APP_ROLE: 'api' }, BOOT_MS),
      ...['w0', 'w1'].map((name) =>
        SpawnedService.startWorker(
          {
            ...env,
            APP_ROLE: 'worker',
            RECONCILE_ON_BOOT: 'true',
            NOTIFY_CHANNEL: 'webhook',
            NOTIFY_RETRY_BASE_MS: '200',
            NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${gatewayPort}/${name}`,
          },
          BOOT_MS,
        ),
      ),
    ]);
    apis = started.slice(0, 2);
    workers.set('w0', started[2]).set('w1', started[3]);
    work = new Queue(QUEUES.work, { connection: redisConnection(REDIS_URL), prefix: PREFIX });
    delivery = new Queue(QUEUES.delivery, { connection: redisConnection(REDIS_URL), prefix: PREFIX });
  }, 300_000);

  afterAll(async () => {
    for (const service of [...apis, ...workers.values()]) service.kill();
    for (const d of received) if (!d.response.writableEnded) d.response.destroy();
    gateway?.closeAllConnections();
    await new Promise((resolve) => gateway?.close(resolve));
    await Promise.all([work?.close(), delivery?.close()]);
    await t?.close();
    await redis.flushdb();
    redis.disconnect();
  });

  it('relays, schedules, reminds and sends each thing once across the replicas', async () => {
    const days = workingDays(BOOKINGS);
    const ids: string[] = [];
    for (let i = 0; i < BOOKINGS; i++) ids.push(await book(apis[i % 2], days[i]));

    // Both relays poll the same outbox: every row relayed, and each reminder is one job (day before, 2 hours).
    await waitFor(
      async () => (await count(`SELECT count(*) AS n FROM outbox WHERE relayed_at IS NULL`)) === 0,
      'the outbox drained',
    );
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE job_name LIKE 'reminder.%'`)).toBe(2 * BOOKINGS);
    const reminders = await waitFor(async () => {
      const jobs = await delayedReminders(ids);
      return jobs.length === 2 * BOOKINGS ? jobs : null;
    }, 'every reminder waiting in Redis');
    expect(new Set(reminders.map((job) => job.id)).size).toBe(2 * BOOKINGS);

    // Both workers upserted the schedulers: each recurring job is there once, with one next run.
    const schedulers = await work.getJobSchedulers(0, -1);
    const schedulerIds = schedulers.map((s) => s.key);
    expect(new Set(schedulerIds).size).toBe(schedulerIds.length);
    expect(schedulerIds).toEqual(expect.arrayContaining(['audit-checkpoint', 'attendance-scan', 'jobs-reconcile']));
    const nextRuns = (await work.getDelayed()).filter((job) => job.id?.startsWith('repeat:audit-checkpoint:'));
    expect(nextRuns).toHaveLength(1);

    // Their time comes (promoted rather than waited for): each runs once, though two workers take jobs.
    const checkpointsBefore = await count(`SELECT count(*) AS n FROM audit_checkpoint`);
    await Promise.all([...reminders, ...nextRuns].map((job: Job) => job.promote()));
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM notification WHERE assignment_id = ANY($1::uuid[]) AND status = 'sent'`,
          [ids],
        )) ===
        2 * BOOKINGS,
      'every reminder sent',
      20_000,
    );
    await waitFor(async () => (await nextRuns[0].getState()) === 'completed', 'the scheduled checkpoint run');
    expect(await count(`SELECT count(*) AS n FROM audit_checkpoint`)).toBe(checkpointsBefore + 1);

    const sent: { id: string; reason: string; attempts: number }[] = await t.db.query(
      `SELECT id, reason, attempts FROM notification WHERE assignment_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(sent).toHaveLength(2 * BOOKINGS);
    expect(sent.every((n) => n.attempts === 1)).toBe(true);
    const deliveries = received.filter((d) => sent.some((n) => n.id === d.id));
    expect(deliveries).toHaveLength(2 * BOOKINGS); // the gateway got each message once
    // Which worker took which message is BullMQ's to choose (one may take them all on an idle machine).
    expect(deliveries.every((d) => ['w0', 'w1'].includes(d.worker))).toBe(true);
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE relayed_at IS NULL`)).toBe(0);
  }, 50_000);

  it('a worker killed in the middle of a delivery: the other takes the job over', async () => {
    let held: Delivery | undefined;
    hold = (d) => {
      if (held) return false;
      held = d;
      return true;
    };
    const id = await book(apis[0], workingDays(BOOKINGS + 1)[BOOKINGS]);
    const reminders = await waitFor(async () => {
      const jobs = await delayedReminders([id]);
      return jobs.length === 2 ? jobs : null;
    }, 'its reminders in Redis');
    await reminders[0].promote();

    const first = await waitFor(() => held, 'the delivery reaching the gateway');
    const survivor = first.worker === 'w0' ? 'w1' : 'w0';
    workers.get(first.worker)!.signal('SIGKILL');
    await workers.get(first.worker)!.exited;

    // The dead worker's lock runs out; the survivor's stalled-job check moves the job back and sends it again.
    const again = await waitFor(
      () => received.find((d) => d.id === first.id && d !== first),
      'the same message sent again by the other worker',
      20_000,
    );
    expect(again.worker).toBe(survivor);
    await waitFor(
      async () =>
        (await count(`SELECT count(*) AS n FROM notification WHERE id = $1 AND status = 'sent'`, [first.id])) === 1,
      'the message marked sent',
    );
    const job = await delivery.getJob(`deliver-${first.id}`);
    expect(await job?.getState()).toBe('completed');
    expect(received.filter((d) => d.id === first.id)).toHaveLength(2);
    expect(await count(`SELECT count(*) AS n FROM notification WHERE assignment_id = $1`, [id])).toBe(1);
  }, 40_000);
});
