/**
 * Benchmark: book BENCH_BOOKINGS assignments (default 20,000) through BookingService, then time how long the
 * outbox relay takes to put all their reminder jobs into Redis, against a raw BullMQ addBulk of the same
 * reminder jobs in the same run. Prints its figures; it is not a test and asserts no speed.
 *
 *   npm run bench:reminders                      # 20,000 bookings
 *   BENCH_BOOKINGS=500 npm run bench:reminders   # smoke run
 *
 * It owns its database (bakti_bench, dropped and recreated) and its Redis database (db 9, flushed), with the
 * queue prefix {bakti-bench}; it refuses to touch bakti, bakti_test or Redis db 0.
 *
 * Environment: BENCH_BOOKINGS (20000), BENCH_CONCURRENCY bookings in flight (16), BENCH_RELAYS relays side by side
 * (2), BENCH_FIXTURES 'sql' (persons and orders by bulk INSERT) or 'services' (through PersonsService and
 * OrdersService), BENCH_DATABASE_URL / BENCH_REDIS_URL (full URLs), else the server of DATABASE_URL / REDIS_URL
 * with the bench database (bakti_bench, Redis db 9), else 127.0.0.1.
 */
import 'reflect-metadata';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module.js';
import { BookingService } from '../src/assignments/booking.service.js';
import type { AuthUser } from '../src/common/auth/auth-user.js';
import { FixedClock } from '../src/common/clock.js';
import { redisConnection } from '../src/common/redis.js';
import { AppConfig, loadConfig } from '../src/config/app-config.js';
import { databaseName, prepareDatabase } from '../src/database/data-source.js';
import { Transactions } from '../src/database/transactions.js';
import { JobQueues } from '../src/jobs/job-queues.js';
import { JOBS, QUEUES } from '../src/jobs/jobs.js';
import { OutboxRelay } from '../src/jobs/outbox-relay.js';
import { OutboxRepository } from '../src/jobs/outbox.repository.js';
import { OrdersService } from '../src/orders/orders.service.js';
import { PersonsService } from '../src/persons/persons.service.js';
import { ShiftsService } from '../src/shifts/shifts.service.js';
import { SitesService } from '../src/sites/sites.service.js';
import { benchParties, type Get } from './bench-parties.js';
import { dropDatabase, fmt, positiveInt, step, table } from './script-support.js';

const BOOKINGS = positiveInt('BENCH_BOOKINGS', 20_000);
const CONCURRENCY = positiveInt('BENCH_CONCURRENCY', 16);
const RELAYS = positiveInt('BENCH_RELAYS', 2);
const FIXTURES = (process.env.BENCH_FIXTURES ?? 'sql') as 'sql' | 'services';
const QUEUE_PREFIX = '{bakti-bench}';
const NOW = new Date('2026-11-23T00:00:00Z');
const SHIFT_CAPACITY = 100;
const CHUNK = 1000;
const REMINDERS: string[] = [JOBS.reminderDayBefore, JOBS.reminderTwoHours];

interface OutboxJob {
  job_name: string;
  job_id: string;
  payload: Record<string, string>;
  run_at: Date;
}

async function main(): Promise<void> {
  const started = performance.now();
  if (FIXTURES !== 'sql' && FIXTURES !== 'services')
    throw new Error(`BENCH_FIXTURES must be sql or services, not ${FIXTURES}`);
  const databaseUrl = benchDatabaseUrl();
  const redisUrl = benchRedisUrl();

  step(`Database ${databaseName(databaseUrl)}: drop, create, migrate`);
  await dropDatabase(databaseUrl);
  await prepareDatabase(databaseUrl);
  step(`Redis ${redisUrl}: FLUSHDB`);
  const redis = new Redis(redisConnection(redisUrl));
  await redis.flushdb();

  const config = loadConfig({
    NODE_ENV: 'development',
    APP_ROLE: 'api', // no worker: the relay loop does not run while we book
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX,
    RECONCILE_ON_BOOT: 'false',
    SEED_DEMO: 'false',
  });
  const clock = new FixedClock(NOW);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, clock), {
    logger: ['error', 'warn'],
  });
  let raw: Queue | undefined;
  let rawAll: Queue | undefined;
  try {
    const dataSource = app.get(DataSource);
    const queues = app.get(JobQueues);

    // Fixtures.
    let t = performance.now();
    const world = await buildWorld(app.get.bind(app) as Get, dataSource);
    const fixtureSeconds = seconds(t);
    step(
      `Fixtures: ${plural(world.sites, 'site')}, ${plural(world.shiftIds.length, 'shift')} on ${world.days} working days, ${BOOKINGS} persons and orders in ${fmt(fixtureSeconds, 1)} s`,
    );

    // Bookings, through the service, with real transactions and rules.
    step(`Booking ${BOOKINGS} assignments, ${CONCURRENCY} in flight`);
    const booking = app.get(BookingService);
    t = performance.now();
    await inParallel(BOOKINGS, CONCURRENCY, async (i) => {
      await booking.book(world.supervisor, {
        orderId: world.orderIds[i],
        shiftId: world.shiftIds[i % world.shiftIds.length],
      });
    });
    const bookingSeconds = seconds(t);
    const pending: { job_name: string; count: number }[] = await dataSource.query(
      `SELECT job_name, count(*)::int AS count FROM outbox WHERE relayed_at IS NULL GROUP BY job_name ORDER BY job_name`,
    );
    const outboxTotal = pending.reduce((sum, row) => sum + row.count, 0);
    const outboxReminders = pending
      .filter((row) => REMINDERS.includes(row.job_name))
      .reduce((sum, row) => sum + row.count, 0);
    expect(outboxReminders === 2 * BOOKINGS, `outbox holds ${outboxReminders} reminder rows, expected ${2 * BOOKINGS}`);

    // SERVICE path: the relay (the worker's code, built by hand: the api role does not load the worker module).
    const relay = new OutboxRelay(
      new Transactions(dataSource),
      new OutboxRepository(dataSource),
      queues,
      app.get(AppConfig),
      new SchedulerRegistry(),
    );
    const work = queues.queue(QUEUES.work);
    await work.waitUntilReady();
    step(`Service path: ${RELAYS} relay(s) moving ${outboxTotal} outbox rows to BullMQ`);
    let batches = 0;
    t = performance.now();
    await Promise.all(
      Array.from({ length: RELAYS }, async () => {
        while ((await relay.relayBatch()) > 0) batches++;
      }),
    );
    const serviceSeconds = seconds(t);
    const delayed = await work.getDelayedCount();
    const reminderIds = (
      await dataSource.query(`SELECT job_id FROM outbox WHERE job_name = ANY($1) ORDER BY id`, [REMINDERS])
    ).map((row: { job_id: string }) => row.job_id);
    const remindersInRedis = await countExisting(
      redis,
      reminderIds.map((id: string) => `${QUEUE_PREFIX}:${QUEUES.work}:${id}`),
    );
    const [{ left }] = await dataSource.query(`SELECT count(*)::int AS left FROM outbox WHERE relayed_at IS NULL`);
    expect(left === 0, `${left} outbox rows not relayed`);
    expect(remindersInRedis === 2 * BOOKINGS, `${remindersInRedis} reminder jobs in Redis, expected ${2 * BOOKINGS}`);
    expect(delayed === outboxTotal, `${delayed} delayed jobs in the work queue, expected ${outboxTotal}`);

    // RAW path: the same reminder jobs (names, ids, payloads, delays) with a plain Queue and addBulk.
    const outboxJobs: OutboxJob[] = await dataSource.query(
      `SELECT job_name, job_id, payload, run_at FROM outbox ORDER BY id`,
    );
    const reminders = outboxJobs.filter((job) => REMINDERS.includes(job.job_name));
    raw = new Queue('raw-bench', { connection: redisConnection(redisUrl), prefix: QUEUE_PREFIX });
    step(`Raw path: addBulk of ${reminders.length} reminder jobs in chunks of ${CHUNK}`);
    const rawSeconds = await addBulkTimed(raw, reminders, clock.now().getTime());
    const rawDelayed = await raw.getDelayedCount();
    expect(rawDelayed === reminders.length, `${rawDelayed} delayed jobs in raw-bench, expected ${reminders.length}`);
    // Like for like: the relay moves all of a booking's jobs, so also add all of them, raw.
    rawAll = new Queue('raw-bench-all', { connection: redisConnection(redisUrl), prefix: QUEUE_PREFIX });
    step(`Raw path, like for like: addBulk of all ${outboxJobs.length} outbox jobs in chunks of ${CHUNK}`);
    const rawAllSeconds = await addBulkTimed(rawAll, outboxJobs, clock.now().getTime());
    const rawAllDelayed = await rawAll.getDelayedCount();
    expect(
      rawAllDelayed === outboxJobs.length,
      `${rawAllDelayed} delayed jobs in raw-bench-all, expected ${outboxJobs.length}`,
    );

    // Report.
    const reminderJobs = 2 * BOOKINGS;
    const serviceRate = reminderJobs / serviceSeconds;
    const allRate = outboxTotal / serviceSeconds;
    const rawRate = reminderJobs / rawSeconds;
    const rawAllRate = outboxJobs.length / rawAllSeconds;
    const cpus = os.cpus();
    const pgVersion: string = (await dataSource.query(`SHOW server_version`))[0].server_version;
    const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
    const line = '-'.repeat(72);
    console.log(`\n${line}`);
    console.log(`Bakti reminder benchmark: ${BOOKINGS} bookings`);
    console.log(
      `node ${process.version}, ${os.availableParallelism()} CPUs (${cpus[0]?.model.trim() ?? '?'}), ${os.platform()} ${os.arch()}`,
    );
    console.log(
      `PostgreSQL ${pgVersion} (${databaseName(databaseUrl)}), Redis ${redisVersion} (${redisUrl}, prefix ${QUEUE_PREFIX})`,
    );
    console.log(
      `fixtures: agencies, users, agreement, ${plural(world.sites, 'site')}, ${plural(world.shiftIds.length, 'shift')} through the services; ` +
        `${BOOKINGS} persons and orders ${FIXTURES === 'sql' ? 'by bulk SQL INSERT (no audit events)' : 'through PersonsService/OrdersService'}` +
        ` (${fmt(fixtureSeconds, 1)} s)`,
    );
    console.log(
      `bookings: ${BOOKINGS} through BookingService.book in ${fmt(bookingSeconds, 2)} s = ${fmt(BOOKINGS / bookingSeconds, 0)} bookings/s ` +
        `(${CONCURRENCY} in flight); outbox rows: ${pending.map((row) => `${row.job_name} ${row.count}`).join(', ')}`,
    );
    console.log(`relay: ${RELAYS} OutboxRelay.relayBatch() loops side by side, ${batches} batches of up to 1000 rows`);
    console.log(line);
    console.log(
      table([
        ['path', 'jobs', 'seconds', 'jobs/s'],
        ['service: reminder jobs in Redis', String(reminderJobs), fmt(serviceSeconds, 3), fmt(serviceRate, 0)],
        ['service: all jobs relayed', String(outboxTotal), fmt(serviceSeconds, 3), fmt(allRate, 0)],
        ['raw BullMQ addBulk (reminders)', String(reminderJobs), fmt(rawSeconds, 3), fmt(rawRate, 0)],
        ['raw BullMQ addBulk (all outbox jobs)', String(outboxJobs.length), fmt(rawAllSeconds, 3), fmt(rawAllRate, 0)],
      ]),
    );
    console.log(line);
    console.log(
      `ratio service/raw, reminder jobs/s: ${fmt(serviceRate / rawRate, 2)} (aim >= 0.50: ${serviceRate / rawRate >= 0.5 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `ratio like for like, all relayed jobs/s over raw addBulk of the same jobs: ${fmt(allRate / rawAllRate, 2)}`,
    );
    console.log(
      `verified: ${remindersInRedis} reminder job ids in Redis, ${delayed} delayed jobs in "work", ${rawDelayed} in "raw-bench", ` +
        `${rawAllDelayed} in "raw-bench-all", 0 outbox rows left`,
    );
    console.log(`whole script (after compiling): ${fmt(seconds(started), 1)} s`);
    console.log(line);
  } finally {
    await raw?.close();
    await rawAll?.close();
    await app.close();
    redis.disconnect();
  }
}

interface World {
  supervisor: AuthUser;
  orderIds: string[];
  shiftIds: string[];
  sites: number;
  days: number;
}

/** A Kanwil, a Bapas, a Kejari and an OPD in Ambon, their users, one agreement, the sites and shifts, persons and orders. */
async function buildWorld(get: Get, dataSource: DataSource): Promise<World> {
  const { kejari, opd, admin, supervisor, coordinator, prosecutor, agreement } = await benchParties(get, 'bench');

  // Working days of December 2026 (Monday to Friday, not a holiday: 24 and 25 December are out).
  const holidays = new Set(
    (await dataSource.query(`SELECT date FROM holiday WHERE date BETWEEN '2026-12-01' AND '2026-12-31'`)).map(
      (row: { date: string }) => row.date,
    ),
  );
  const days: string[] = [];
  for (let day = 1; day <= 31; day++) {
    const date = `2026-12-${String(day).padStart(2, '0')}`;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday >= 1 && weekday <= 5 && !holidays.has(date)) days.push(date);
  }
  const shiftCount = Math.ceil(BOOKINGS / SHIFT_CAPACITY);
  const siteCount = Math.ceil(shiftCount / days.length);
  const siteIds: string[] = [];
  for (let n = 1; n <= siteCount; n++) {
    const site = await get(SitesService).create(admin, {
      name: `Bench site ${n}`,
      agencyId: opd.id,
      agreementId: agreement.id,
      workType: 'street_cleaning',
      address: `Jl. Bench ${n}, Ambon`,
      location: { lat: -3.6925, lng: 128.1842 },
      radiusMeters: 200,
      timezone: 'Asia/Jayapura',
      defaultCapacity: SHIFT_CAPACITY,
      minorsAllowed: false,
      coordinatorIds: [coordinator.id],
    });
    siteIds.push(site.id);
  }
  const shifts = get(ShiftsService);
  const shiftIds: string[] = new Array(shiftCount);
  await inParallel(shiftCount, CONCURRENCY, async (n) => {
    const shift = await shifts.create(supervisor, siteIds[n % siteCount], {
      date: days[Math.floor(n / siteCount)],
      start: '08:00',
      end: '12:00',
      breakMinutes: 0,
      capacity: SHIFT_CAPACITY,
    });
    shiftIds[n] = shift.id;
  });

  const orderIds =
    FIXTURES === 'sql'
      ? await ordersBySql(dataSource, supervisor, prosecutor.id, kejari.id)
      : await ordersByServices(get, supervisor, prosecutor.id);
  return { supervisor, orderIds, shiftIds, sites: siteCount, days: days.length };
}

/** An adult, no religion (no worship windows), 40 hours at most 8 a day, from 23 November 2026. */
const ORDER_TERMS = {
  courtName: 'Pengadilan Negeri Ambon',
  offenseDate: '2026-08-01',
  verdictDate: '2026-11-02',
  totalHours: 40,
  maxHoursPerDay: 8,
  startDate: '2026-11-23',
  endDate: '2027-05-22',
};
const nik = (i: number) => `8171${String(i + 1).padStart(12, '0')}`;
const caseNumber = (i: number) => `${i + 1}/Pid.C/2026/PN Amb`;

async function ordersByServices(get: Get, supervisor: AuthUser, prosecutorId: string): Promise<string[]> {
  const persons = get(PersonsService);
  const orders = get(OrdersService);
  const ids: string[] = new Array(BOOKINGS);
  await inParallel(BOOKINGS, CONCURRENCY, async (i) => {
    const person = await persons.create(supervisor, {
      fullName: `Klien Bench ${i + 1}`,
      nik: nik(i),
      birthDate: '1990-01-15',
      sex: 'M',
    });
    const order = await orders.create(supervisor, {
      personId: person.id,
      caseNumber: caseNumber(i),
      ...ORDER_TERMS,
      replacedSentence: { kind: 'imprisonment', days: 60 },
      prosecutorId,
      consentRecorded: true,
    });
    ids[i] = order.id;
  });
  return ids;
}

/** The same persons and orders as the services would store, in two statements (and without audit events). */
async function ordersBySql(
  dataSource: DataSource,
  supervisor: AuthUser,
  prosecutorId: string,
  kejaksaanId: string,
): Promise<string[]> {
  return dataSource.transaction(async (manager) => {
    const persons: { id: string }[] = await manager.query(
      `INSERT INTO person (bapas_id, full_name, nik, birth_date, sex, religion, worship_defaults, unavailable, in_school, locale, created_by)
       SELECT $1, 'Klien Bench ' || g, '8171' || lpad(g::text, 12, '0'), '1990-01-15', 'M', NULL, true, '[]', false, 'id', $2
         FROM generate_series(1, $3::int) g ORDER BY g RETURNING id`,
      [supervisor.agencyId, supervisor.id, BOOKINGS],
    );
    const orders: { id: string }[] = await manager.query(
      `INSERT INTO court_order (person_id, bapas_id, kejaksaan_id, supervisor_id, prosecutor_id, case_number, court_name,
          offense_date, verdict_date, regime, total_hours, max_hours_per_day, start_date, end_date, replaced_kind, replaced_days,
          consent_recorded, status)
       SELECT p.id, $2, $3, $4, $5, p.n || '/Pid.C/2026/PN Amb', $6, $7, $8, 'adult', $9, $10, $11, $12, 'imprisonment', 60, true, 'active'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS p (id, n) ORDER BY p.n RETURNING id`,
      [
        persons.map((p) => p.id),
        supervisor.agencyId,
        kejaksaanId,
        supervisor.id,
        prosecutorId,
        ORDER_TERMS.courtName,
        ORDER_TERMS.offenseDate,
        ORDER_TERMS.verdictDate,
        ORDER_TERMS.totalHours,
        ORDER_TERMS.maxHoursPerDay,
        ORDER_TERMS.startDate,
        ORDER_TERMS.endDate,
      ],
    );
    return orders.map((o) => o.id);
  });
}

/** Adds the jobs in chunks with the delays the relay would give them; answers the seconds it took. */
async function addBulkTimed(queue: Queue, jobs: OutboxJob[], now: number): Promise<number> {
  await queue.waitUntilReady();
  const started = performance.now();
  for (let from = 0; from < jobs.length; from += CHUNK) {
    await queue.addBulk(
      jobs.slice(from, from + CHUNK).map((job) => ({
        name: job.job_name,
        data: job.payload,
        opts: { jobId: job.job_id, delay: Math.max(0, job.run_at.getTime() - now) },
      })),
    );
  }
  return seconds(started);
}

/** Runs task(0 … count-1) with at most `width` in flight; stops handing out work after the first failure. */
async function inParallel(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (!failed && next < count) {
        const i = next++;
        try {
          await task(i);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }),
  );
}

async function countExisting(redis: Redis, keys: string[]): Promise<number> {
  let found = 0;
  for (let from = 0; from < keys.length; from += 5000) {
    const pipeline = redis.pipeline();
    for (const key of keys.slice(from, from + 5000)) pipeline.exists(key);
    for (const [error, exists] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      found += exists as number;
    }
  }
  return found;
}

/** BENCH_DATABASE_URL, else DATABASE_URL's server with the bakti_bench database, else the local server. */
function benchDatabaseUrl(): string {
  let url: URL;
  if (process.env.BENCH_DATABASE_URL) {
    url = new URL(process.env.BENCH_DATABASE_URL);
  } else {
    url = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/bakti');
    url.pathname = '/bakti_bench';
  }
  const name = url.pathname.slice(1);
  if (!/bench/.test(name) || ['bakti', 'bakti_test', 'postgres'].includes(name)) {
    throw new Error(`Refusing to drop database "${name}": the benchmark's database name must contain "bench"`);
  }
  return url.toString();
}

/** BENCH_REDIS_URL, else REDIS_URL's server with database 9, else the local server; never database 0. */
function benchRedisUrl(): string {
  let url: URL;
  if (process.env.BENCH_REDIS_URL) {
    url = new URL(process.env.BENCH_REDIS_URL);
  } else {
    url = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
    url.pathname = '/9';
  }
  if (url.pathname.length <= 1 || url.pathname === '/0') {
    throw new Error(
      `Refusing to FLUSHDB Redis database 0 (${url}): give the benchmark its own database, e.g. redis://127.0.0.1:6379/9`,
    );
  }
  return url.toString();
}

function expect(ok: boolean, message: string): void {
  if (!ok) throw new Error(`Check failed: ${message}`);
}

const seconds = (since: number) => (performance.now() - since) / 1000;
main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  const details = (error as { getResponse?: () => unknown }).getResponse?.();
  if (details) console.error(JSON.stringify(details));
  // A failure may leave connections open; success exits on its own once everything is closed.
  process.exit(1);
});

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
