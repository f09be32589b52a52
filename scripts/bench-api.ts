/**
 * Benchmark: the API's hot paths over HTTP, as a user runs the service (the built dist/main.js, `npm start`'s
 * way), against the bare-`pg` transaction of the same work in the same run. Prints requests per second, p50 and
 * p99 per operation and path, and the ratio HTTP/bare next to the aims of issue 13. It is not a test. Both paths
 * are warmed up first (bookings and their cancellations, unmeasured): the figures are a running service's.
 *
 *   npm run bench:api                        # 1,000 requests per path and write operation
 *   BENCH_REQUESTS=200 npm run bench:api     # smoke run
 *
 * It owns its database (bakti_bench_api, dropped and recreated) and its Redis database (db 10, flushed); it
 * refuses to touch bakti, bakti_test or Redis db 0. Only 127.0.0.1 is spoken to.
 *
 * Environment: BENCH_REQUESTS per path and write operation (1000), BENCH_CLIENTS concurrent clients (64),
 * BENCH_SECONDS the most a path of one operation may run (30), BENCH_READS requests per read operation (3000),
 * BENCH_APP_ROLE the service's role (all, as `npm start`), BENCH_PROCESSES API processes (1),
 * BENCH_CPU_PROF a directory: the service runs under `node --cpu-prof` and writes its profile there,
 * BENCH_PORT the service's port (a random one in 3900…3989),
 * BENCH_DATABASE_URL / BENCH_REDIS_URL (full URLs),
 * BENCH_ONLY operations to run, comma-separated as the table names them (`BENCH_ONLY='GET /orders/{id}'`): naming
 * any POST operation runs all the writes, which feed one another; by default every operation runs.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import pg from 'pg';
import { Pool, type Dispatcher } from 'undici';
import { DataSource } from 'typeorm';
import { AgenciesService } from '../src/agencies/agencies.service.js';
import { AgreementsService } from '../src/agreements/agreements.service.js';
import { AppModule } from '../src/app.module.js';
import { toAssignmentView } from '../src/assignments/assignment.view.js';
import { Assignment } from '../src/assignments/assignment.entity.js';
import { keyedHash, withPersonalDataFingerprinted } from '../src/audit/audit-hash.js';
import { AUDIT_CHAINS } from '../src/audit/audit.service.js';
import type { AuthUser } from '../src/common/auth/auth-user.js';
import { toPlain } from '../src/common/canonical-json.js';
import { redisConnection } from '../src/common/redis.js';
import { loadConfig } from '../src/config/app-config.js';
import { databaseName, prepareDatabase } from '../src/database/data-source.js';
import { UsersService } from '../src/identity/users.service.js';
import { QUEUE_OF } from '../src/jobs/jobs.js';
import { assignmentJobs } from '../src/reminders/assignment-jobs.js';
import { SitesService } from '../src/sites/sites.service.js';
import { dropDatabase, positiveInt } from './script-support.js';

const REQUESTS = positiveInt('BENCH_REQUESTS', 1000);
const CLIENTS = positiveInt('BENCH_CLIENTS', 64);
const MAX_SECONDS = positiveInt('BENCH_SECONDS', 30);
const READS = positiveInt('BENCH_READS', 3000);
const PROCESSES = positiveInt('BENCH_PROCESSES', 1);
const APP_ROLE = process.env.BENCH_APP_ROLE ?? 'all';
const CPU_PROF = process.env.BENCH_CPU_PROF;
/** The service's port: a random one in 3900…3989 unless BENCH_PORT names it (runs side by side need their own). */
const PORT = positiveInt('BENCH_PORT', 3900 + randomInt(90));
const ONLY = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const selected = (operation: string) => !ONLY || ONLY.includes(operation);
const WRITES = !ONLY || ONLY.some((name) => name.startsWith('POST '));
/** Bookings (each then cancelled) per path before the measured ones: some for every connection of the pools. */
const WARM_UP = Math.min(REQUESTS, 4 * CLIENTS);
const PASSWORD = 'bench-password-1';
const CAPACITY = 100;
/** Sites and shifts enough that 64 clients rarely meet on one row: a country books across many shifts at once. */
const SITES = 32;
const SPREAD = 4 * CLIENTS;
/** The service's own pool size (src/database/data-source.ts): the bare path gets as many connections. */
const POOL = 20;
const ZONE = 'Asia/Jayapura';
/** Development secrets (src/config/app-config.ts): the service runs with NODE_ENV=development like `npm start`. */
const AUDIT_KEY = 'bakti-development-audit-key-change-me-in-production';
const CHAIN_LOCK_CLASS = 0x0a0d17;

interface Sample {
  ms: number[];
  /** The tasks that succeeded, by number. */
  done: number[];
  seconds: number;
  errors: Map<string, number>;
  /** The service's CPU time (all its processes, user and system) per successful request: steadier than req/s on a busy machine. */
  cpuMs?: number;
  /** The CPU time of the PostgreSQL backends serving the path (the service's connections, or the bare pool's) per success. */
  dbCpuMs?: number;
}

interface Row {
  operation: string;
  http?: Sample;
  bare?: Sample;
  aim?: string;
  check?: (http: Sample, bare?: Sample) => boolean;
}

async function main(): Promise<void> {
  const started = performance.now();
  const ownerUrl = benchDatabaseUrl();
  const serviceUrl = withUser(ownerUrl, 'bakti_app');
  const redisUrl = benchRedisUrl();

  step(`Database ${databaseName(ownerUrl)}: drop, create, migrate`);
  await dropDatabase(ownerUrl);
  await prepareDatabase(ownerUrl, serviceUrl);
  const redis = new Redis(redisConnection(redisUrl));
  await redis.flushdb();
  redis.disconnect();

  step(`Fixtures: ${2 * REQUESTS} persons and orders, shifts ahead and behind, assignments behind`);
  const world = await buildWorld(ownerUrl, serviceUrl, redisUrl);

  const owner = new pg.Pool({ connectionString: ownerUrl, max: POOL, application_name: BARE_APPLICATION });
  const service = await startService(serviceUrl, redisUrl);
  const api = new Api(service.port);
  const perRequest = (seconds: number, sample: Sample) => (seconds * 1000) / Math.max(1, sample.ms.length);
  const driveHttp: typeof drive = async (count, task) => {
    api.fresh();
    const cpu = service.cpuSeconds();
    const database = await backendsCpu(owner, SERVICE_APPLICATION);
    const sample = await drive(count, task);
    return {
      ...sample,
      cpuMs: perRequest(service.cpuSeconds() - cpu, sample),
      dbCpuMs: perRequest(await backendsCpuSince(owner, SERVICE_APPLICATION, database), sample),
    };
  };
  const driveBare: typeof drive = async (count, task) => {
    const database = await backendsCpu(owner, BARE_APPLICATION);
    const sample = await drive(count, task);
    return { ...sample, dbCpuMs: perRequest(await backendsCpuSince(owner, BARE_APPLICATION, database), sample) };
  };
  const rows: Row[] = [];
  try {
    const token = async (username: string) => {
      const response = await api.call('POST', '/auth/login', undefined, { username, password: PASSWORD });
      expectStatus(response, 200);
      return response.body.accessToken as string;
    };
    const tokens = {
      supervisor: await token('bench.pk'),
      coordinator: await token('bench.koord'),
      prosecutor: await token('bench.jaksa'),
    };
    const half = (ids: string[], path: 'http' | 'bare') =>
      path === 'http' ? ids.slice(0, REQUESTS) : ids.slice(REQUESTS);
    const load = os.loadavg();

    if (WRITES) {
      // Booking: order i on shift i % SPREAD of its path's shifts, so that concurrent bookings rarely share a shift.
      const bookSpreadHttp = async (i: number): Promise<string> => {
        const response = await api.call('POST', '/assignments', tokens.supervisor, {
          orderId: world.orderIds[i],
          shiftId: world.spreadShifts.http[i % SPREAD],
        });
        expectStatus(response, 201);
        return response.body.id;
      };
      const bookSpreadBare = (i: number) =>
        bareBook(owner, world, world.orderIds[REQUESTS + i], world.spreadShifts.bare[i % SPREAD]);

      // Not measured: both paths first book and cancel some of their orders, so that the figures are a running
      // service's (its code compiled, its pool's connections open, its named statements planned), not a cold start's.
      step(`Warm-up: ${WARM_UP} bookings and their cancellations on each path`);
      await warmUp(async (i) =>
        expectStatus(
          await api.call('POST', `/assignments/${await bookSpreadHttp(i)}/cancel`, tokens.supervisor, {
            reason: 'warm-up',
          }),
          200,
        ),
      );
      await warmUp(async (i) => bareCancel(owner, world, await bookSpreadBare(i)));

      step('POST /assignments (booking)');
      const booked: string[] = [];
      const bookHttp = await driveHttp(REQUESTS, async (i) => {
        booked[i] = await bookSpreadHttp(i);
      });
      const bareBooked: string[] = [];
      const bookBare = await driveBare(REQUESTS, async (i) => {
        bareBooked[i] = await bookSpreadBare(i);
      });
      rows.push({
        operation: 'POST /assignments (book)',
        http: bookHttp,
        bare: bookBare,
        aim: 'ratio >= 0.5, p99 < 150 ms',
        check: ratioAndP99,
      });

      step('POST /assignments/{id}/cancel');
      const cancelled = booked.filter(Boolean);
      const cancelHttp = await driveHttp(cancelled.length, async (i) => {
        expectStatus(
          await api.call('POST', `/assignments/${cancelled[i]}/cancel`, tokens.supervisor, { reason: 'bench' }),
          200,
        );
      });
      const bareCancelled = bareBooked.filter(Boolean);
      const cancelBare = await driveBare(bareCancelled.length, (i) => bareCancel(owner, world, bareCancelled[i]));
      rows.push({ operation: 'POST /assignments/{id}/cancel', http: cancelHttp, bare: cancelBare });

      // The same orders again (their bookings are cancelled), order i on shift i / CAPACITY: all clients queue on
      // one shift's row until it is full, as one office filling one shift seat by seat would.
      step('POST /assignments (one shift at a time)');
      const queuedHttp = await driveHttp(REQUESTS, async (i) => {
        const response = await api.call('POST', '/assignments', tokens.supervisor, {
          orderId: world.orderIds[i],
          shiftId: world.queuedShifts.http[Math.floor(i / CAPACITY)],
        });
        expectStatus(response, 201);
      });
      const queuedBare = await driveBare(REQUESTS, (i) =>
        bareBook(owner, world, world.orderIds[REQUESTS + i], world.queuedShifts.bare[Math.floor(i / CAPACITY)]),
      );
      rows.push({ operation: 'POST /assignments (one shift)', http: queuedHttp, bare: queuedBare });

      const past = world.pastAssignments;
      // Each step goes on with the assignments whose previous step succeeded.
      let httpIds = half(past, 'http');
      let bareIds = half(past, 'bare');
      const kept = (ids: string[], sample: Sample) => sample.done.map((i) => ids[i]);
      step('POST /assignments/{id}/check-in');
      const checkInHttp = await driveHttp(REQUESTS, async (i) => {
        const a = httpIds[i];
        expectStatus(
          await api.call('POST', `/assignments/${a}/check-in`, tokens.coordinator, { at: world.pastCheckIn }),
          200,
        );
      });
      const checkInBare = await driveBare(REQUESTS, (i) => bareAttendance(owner, world, bareIds[i], 'checked_in'));
      [httpIds, bareIds] = [kept(httpIds, checkInHttp), kept(bareIds, checkInBare)];
      rows.push({
        operation: 'POST /assignments/{id}/check-in',
        http: checkInHttp,
        bare: checkInBare,
        aim: 'ratio >= 0.5, p99 < 150 ms',
        check: ratioAndP99,
      });

      step('POST /assignments/{id}/check-out');
      const checkOutHttp = await driveHttp(httpIds.length, async (i) => {
        const a = httpIds[i];
        expectStatus(
          await api.call('POST', `/assignments/${a}/check-out`, tokens.coordinator, { at: world.pastCheckOut }),
          200,
        );
      });
      const checkOutBare = await driveBare(bareIds.length, (i) =>
        bareAttendance(owner, world, bareIds[i], 'checked_out'),
      );
      [httpIds, bareIds] = [kept(httpIds, checkOutHttp), kept(bareIds, checkOutBare)];
      rows.push({ operation: 'POST /assignments/{id}/check-out', http: checkOutHttp, bare: checkOutBare });

      step('POST /assignments/{id}/sign-off');
      const signOffHttp = await driveHttp(httpIds.length, async (i) => {
        const a = httpIds[i];
        expectStatus(await api.call('POST', `/assignments/${a}/sign-off`, tokens.supervisor, {}), 200);
      });
      const signOffBare = await driveBare(bareIds.length, (i) => bareSignOff(owner, world, bareIds[i]));
      rows.push({
        operation: 'POST /assignments/{id}/sign-off',
        http: signOffHttp,
        bare: signOffBare,
        aim: 'ratio >= 0.5, p99 < 150 ms',
        check: ratioAndP99,
      });

      step('POST /assignments/{id}/absence');
      const absent = world.absentAssignments;
      const absenceHttp = await driveHttp(REQUESTS, async (i) => {
        expectStatus(
          await api.call('POST', `/assignments/${half(absent, 'http')[i]}/absence`, tokens.coordinator, {
            reason: 'bench',
          }),
          200,
        );
      });
      const absenceBare = await driveBare(REQUESTS, (i) =>
        bareAttendance(owner, world, half(absent, 'bare')[i], 'absent'),
      );
      rows.push({ operation: 'POST /assignments/{id}/absence', http: absenceHttp, bare: absenceBare });
    }

    if (selected('GET /orders/{id}')) {
      step('GET /orders/{id}');
      const orderHttp = await driveHttp(READS, async () => {
        expectStatus(await api.call('GET', `/orders/${pick(world.orderIds)}`, tokens.prosecutor), 200);
      });
      const orderBare = await driveBare(READS, () => bareOrder(owner, world, pick(world.orderIds)));
      rows.push({
        operation: 'GET /orders/{id}',
        http: orderHttp,
        bare: orderBare,
        aim: '>= 1413 req/s (3 x 471)',
        check: (h) => rate(h) >= 3 * 471,
      });
    }

    if (selected('GET /shifts/{id}/assignments')) {
      step('GET /shifts/{id}/assignments (roster)');
      const rosterHttp = await driveHttp(READS, async () => {
        expectStatus(
          await api.call('GET', `/shifts/${pick(world.pastShifts)}/assignments?limit=50`, tokens.coordinator),
          200,
        );
      });
      const rosterBare = await driveBare(READS, () => bareRoster(owner, pick(world.pastShifts)));
      rows.push({ operation: 'GET /shifts/{id}/assignments', http: rosterHttp, bare: rosterBare });
    }

    if (selected('GET /worklist')) {
      step('GET /worklist');
      const worklistHttp = await driveHttp(Math.ceil(READS / 10), async () => {
        expectStatus(await api.call('GET', '/worklist', tokens.supervisor), 200);
      });
      rows.push({ operation: 'GET /worklist', http: worklistHttp });
    }

    report(rows, { load, ownerUrl, redisUrl, world, seconds: seconds(started) });
  } finally {
    await api.close();
    await service.stop();
    await owner.end();
  }
}

// ---------------------------------------------------------------------------------------------------- fixtures

interface World {
  supervisor: AuthUser;
  coordinator: AuthUser;
  bapasId: string;
  kejaksaanId: string;
  orderIds: string[];
  /** Shifts ahead, each path its own: SPREAD shifts booked round-robin, and shifts filled one after the other. */
  spreadShifts: { http: string[]; bare: string[] };
  queuedShifts: { http: string[]; bare: string[] };
  pastShifts: string[];
  pastAssignments: string[];
  absentAssignments: string[];
  pastCheckIn: string;
  pastCheckOut: string;
}

type Get = <T>(type: new (...args: never[]) => T) => T;

/**
 * Agencies, users, the agreement and the sites through the services; persons, orders, shifts and the past
 * assignments by bulk SQL (the same rows the services would store): shifts ahead on working days from next
 * week, and assignments on yesterday's and the day before's shifts for the roll-call.
 */
async function buildWorld(ownerUrl: string, serviceUrl: string, redisUrl: string): Promise<World> {
  const config = loadConfig({
    NODE_ENV: 'development',
    APP_ROLE: 'api',
    DATABASE_URL: serviceUrl,
    MIGRATION_DATABASE_URL: ownerUrl,
    REDIS_URL: redisUrl,
    RECONCILE_ON_BOOT: 'false',
    SEED_DEMO: 'false',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const get = app.get.bind(app) as Get;
    const agencies = get(AgenciesService);
    const agency = (code: string, kind: 'kanwil' | 'bapas' | 'kejaksaan' | 'opd') =>
      agencies.create(null, { code, name: `${code} (bench)`, kind, region: 'ID-MA', timezone: ZONE });
    const kanwil = await agency('BENCH-KANWIL', 'kanwil');
    const bapas = await agency('BENCH-BAPAS', 'bapas');
    const kejari = await agency('BENCH-KEJARI', 'kejaksaan');
    const opd = await agency('BENCH-OPD', 'opd');
    const users = get(UsersService);
    const user = (username: string, role: AuthUser['role'], agencyId: string) =>
      users.seedActivated({ username, password: PASSWORD, fullName: `${username} (bench)`, role, agencyId });
    const admin: AuthUser = await user('bench.admin', 'admin', kanwil.id);
    const supervisor: AuthUser = await user('bench.pk', 'supervisor', bapas.id);
    const coordinator: AuthUser = await user('bench.koord', 'coordinator', opd.id);
    const prosecutor: AuthUser = await user('bench.jaksa', 'prosecutor', kejari.id);
    const agreement = await get(AgreementsService).create(admin, {
      number: 'PKS/BENCH/API',
      title: 'PKS benchmark',
      agencyIds: [bapas.id, kejari.id, opd.id],
      validFrom: DateTime.now().minus({ years: 1 }).toISODate()!,
      validTo: DateTime.now().plus({ years: 1 }).toISODate()!,
    });
    const siteIds: string[] = [];
    for (let n = 1; n <= SITES; n++) {
      const site = await get(SitesService).create(admin, {
        name: `Bench site ${n}`,
        agencyId: opd.id,
        agreementId: agreement.id,
        workType: 'street_cleaning',
        address: `Jl. Bench ${n}, Ambon`,
        location: { lat: -3.6925, lng: 128.1842 },
        radiusMeters: 200,
        timezone: ZONE,
        defaultCapacity: CAPACITY,
        minorsAllowed: false,
        coordinatorIds: [coordinator.id],
      });
      siteIds.push(site.id);
    }
    const dataSource = app.get(DataSource);
    const today = DateTime.now().setZone(ZONE).startOf('day');
    const holidays = new Set<string>(
      (await dataSource.query(`SELECT date::text AS date FROM holiday`)).map((row: { date: string }) => row.date),
    );
    const count = 2 * REQUESTS;
    const orders: { id: string; person_id: string }[] = await dataSource.transaction(async (manager) => {
      const persons: { id: string }[] = await manager.query(
        `INSERT INTO person (bapas_id, full_name, nik, birth_date, sex, religion, worship_defaults, unavailable, in_school, locale, created_by)
         SELECT $1, 'Klien Bench ' || g, '8171' || lpad(g::text, 12, '0'), '1990-01-15', 'M', NULL, true, '[]', false, 'id', $2
           FROM generate_series(1, $3::int) g ORDER BY g RETURNING id`,
        [bapas.id, supervisor.id, count],
      );
      return manager.query(
        `INSERT INTO court_order (person_id, bapas_id, kejaksaan_id, supervisor_id, prosecutor_id, case_number, court_name,
            offense_date, verdict_date, regime, total_hours, max_hours_per_day, start_date, end_date, replaced_kind, replaced_days,
            consent_recorded, status)
         SELECT p.id, $2, $3, $4, $5, p.n || '/Pid.C/2026/PN Amb', 'Pengadilan Negeri Ambon', $6, $7, 'adult', 40, 8, $8, $9,
                'imprisonment', 60, true, 'active'
           FROM unnest($1::uuid[]) WITH ORDINALITY AS p (id, n) ORDER BY p.n RETURNING id, person_id`,
        [
          persons.map((p) => p.id),
          bapas.id,
          kejari.id,
          supervisor.id,
          prosecutor.id,
          today.minus({ months: 2 }).toISODate(),
          today.minus({ months: 1 }).toISODate(),
          today.minus({ days: 10 }).toISODate(),
          today.plus({ months: 5 }).toISODate(),
        ],
      );
    });
    // Shifts ahead: working days from a week on (no reminder is due yet), one per site and day, 08:00-12:00.
    const queuedCount = Math.ceil(REQUESTS / CAPACITY);
    const aheadCount = 2 * (SPREAD + queuedCount);
    const days: string[] = [];
    for (let day = today.plus({ days: 7 }); days.length * siteIds.length < aheadCount; day = day.plus({ days: 1 })) {
      if (day.weekday <= 5 && !holidays.has(day.toISODate()!)) days.push(day.toISODate()!);
    }
    const shift = (siteId: string, date: string, capacity: number) => {
      const startsAt = DateTime.fromISO(`${date}T08:00`, { zone: ZONE });
      return [siteId, date, capacity, startsAt.toUTC().toISO()!, startsAt.plus({ hours: 4 }).toUTC().toISO()!];
    };
    const insertShifts = async (specs: unknown[][]) =>
      (
        await dataSource.query(
          `INSERT INTO shift (site_id, date, start_time, end_time, break_minutes, capacity, booked_count, coordinator_id, starts_at, ends_at, planned_minutes, created_by)
           SELECT s.site, s.date, '08:00', '12:00', 0, s.capacity, 0, $6, s.starts_at, s.ends_at, 240, $7
             FROM unnest($1::uuid[], $2::date[], $3::int[], $4::timestamptz[], $5::timestamptz[]) WITH ORDINALITY
                  AS s (site, date, capacity, starts_at, ends_at, n) ORDER BY s.n RETURNING id`,
          [...[0, 1, 2, 3, 4].map((k) => specs.map((spec) => spec[k])), coordinator.id, supervisor.id],
        )
      ).map((row: { id: string }) => row.id);
    const aheadShifts = await insertShifts(
      Array.from({ length: aheadCount }, (_, n) =>
        shift(siteIds[n % siteIds.length], days[Math.floor(n / siteIds.length)], CAPACITY),
      ),
    );
    // Yesterday's shifts (checked in and out late, as an offline phone would) and the day before's (absences),
    // several at a site: SPREAD a day, or as many as the persons need.
    const pastShiftCount = Math.max(SPREAD, Math.ceil(count / CAPACITY));
    const pastShiftsOf = (date: string) =>
      insertShifts(
        Array.from({ length: pastShiftCount }, (_, n) => shift(siteIds[n % siteIds.length], date, CAPACITY)),
      );
    const yesterday = today.minus({ days: 1 }).toISODate()!;
    const pastShifts = await pastShiftsOf(yesterday);
    const absentShifts = await pastShiftsOf(today.minus({ days: 2 }).toISODate()!);
    const assign = async (shiftIds: string[]): Promise<string[]> =>
      (
        await dataSource.query(
          `WITH booking AS (
             SELECT o.id AS order_id, o.person_id, s.id AS shift_id, s.site_id, s.date, s.starts_at, s.ends_at, o.n
               FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS o (id, person_id, n)
               JOIN shift s ON s.id = ($3::uuid[])[(o.n - 1) % cardinality($3::uuid[]) + 1]),
           seats AS (UPDATE shift SET booked_count = t.booked FROM
                       (SELECT shift_id, count(*) AS booked FROM booking GROUP BY shift_id) t WHERE shift.id = t.shift_id)
           INSERT INTO assignment (order_id, person_id, shift_id, site_id, local_date, starts_at, ends_at, planned_minutes, status, created_by)
           SELECT order_id, person_id, shift_id, site_id, date, starts_at, ends_at, 240, 'scheduled', $4 FROM booking ORDER BY n
           RETURNING id`,
          [orders.map((o) => o.id), orders.map((o) => o.person_id), shiftIds, supervisor.id],
        )
      ).map((row: { id: string }) => row.id);
    const pastStart = DateTime.fromISO(`${yesterday}T08:00`, { zone: ZONE });
    return {
      supervisor,
      coordinator,
      bapasId: bapas.id,
      kejaksaanId: kejari.id,
      orderIds: orders.map((o) => o.id),
      spreadShifts: { http: aheadShifts.slice(0, SPREAD), bare: aheadShifts.slice(SPREAD, 2 * SPREAD) },
      queuedShifts: {
        http: aheadShifts.slice(2 * SPREAD, 2 * SPREAD + queuedCount),
        bare: aheadShifts.slice(2 * SPREAD + queuedCount),
      },
      pastShifts,
      pastAssignments: await assign(pastShifts),
      absentAssignments: await assign(absentShifts),
      pastCheckIn: pastStart.plus({ minutes: 5 }).toUTC().toISO()!,
      pastCheckOut: pastStart.plus({ hours: 4 }).toUTC().toISO()!,
    };
  } finally {
    await app.close();
  }
}

// ---------------------------------------------------------------------------------------------------- bare pg

/** The audit event as AuditService writes it: a chain picked at random, its lock, its head, a keyed hash. */
async function bareAudit(
  client: pg.PoolClient,
  change: { actorId: string; action: string; entityType: string; entityId: string; before?: unknown; after?: unknown },
): Promise<void> {
  // Like AuditService: one chain per transaction, locked once, so a transaction can't deadlock on chains.
  let chain = chainOf.get(client);
  if (chain === undefined) {
    chain = randomInt(AUDIT_CHAINS);
    await client.query(`SELECT pg_advisory_xact_lock($1, $2)`, [CHAIN_LOCK_CLASS, chain]);
    chainOf.set(client, chain);
  }
  const { rows } = await client.query(`SELECT hash FROM audit_event WHERE chain = $1 ORDER BY seq DESC LIMIT 1`, [
    chain,
  ]);
  const kept = (state: unknown) => withPersonalDataFingerprinted(AUDIT_KEY, toPlain(state ?? null));
  const event = {
    id: randomUUID(),
    chain,
    at: new Date().toISOString(),
    actorId: change.actorId,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: kept(change.before),
    after: kept(change.after),
    prevHash: (rows[0]?.hash as string | undefined) ?? null,
  };
  await client.query(
    `INSERT INTO audit_event (id, chain, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      event.id,
      chain,
      event.at,
      event.actorId,
      event.action,
      event.entityType,
      event.entityId,
      JSON.stringify(event.before),
      JSON.stringify(event.after),
      event.prevHash,
      keyedHash(AUDIT_KEY, event),
    ],
  );
}

const chainOf = new Map<pg.PoolClient, number>();

async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  chainOf.delete(client);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

const ASSIGNMENT_COLUMNS = `a.*, p.full_name`;

function viewOf(row: Record<string, unknown>) {
  const a = Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value]),
  ) as unknown as Assignment & { fullName: string };
  return toAssignmentView(a, a.fullName);
}

/** Lock the order and the person, read the shift with its site and agreement, check the day's minutes and the
 * overlap, take the seat, insert the booking, its reminder jobs and its audit event. */
async function bareBook(pool: pg.Pool, world: World, orderId: string, shiftId: string): Promise<string> {
  return transaction(pool, async (client) => {
    const { rows: orders } = await client.query(`SELECT * FROM court_order WHERE id = $1 FOR UPDATE`, [orderId]);
    const order = orders[0];
    if (order.bapas_id !== world.bapasId || order.status !== 'active') throw new Error('order refused');
    const { rows: persons } = await client.query(`SELECT * FROM person WHERE id = $1 FOR UPDATE`, [order.person_id]);
    const { rows: shifts } = await client.query(
      `SELECT s.*, site.timezone, g.valid_from, g.valid_to,
              EXISTS (SELECT 1 FROM agreement_party ap WHERE ap.agreement_id = site.agreement_id AND ap.agency_id = $2) AS party
         FROM shift s JOIN site ON site.id = s.site_id JOIN agreement g ON g.id = site.agreement_id WHERE s.id = $1`,
      [shiftId, order.bapas_id],
    );
    const shift = shifts[0];
    if (!shift.party) throw new Error('site not for this Bapas');
    const { rows: checks } = await client.query(
      `SELECT coalesce(sum(planned_minutes) FILTER (WHERE local_date = $2), 0)::int AS minutes,
              bool_or(tstzrange(starts_at, ends_at) && tstzrange($3, $4)) AS overlaps
         FROM assignment WHERE person_id = $1 AND status <> 'cancelled'`,
      [persons[0].id, shift.date, shift.starts_at, shift.ends_at],
    );
    if (checks[0].overlaps || checks[0].minutes + shift.planned_minutes > order.max_hours_per_day * 60)
      throw new Error('booking refused');
    const seat = await client.query(
      `UPDATE shift SET booked_count = booked_count + 1 WHERE id = $1 AND booked_count < capacity RETURNING id`,
      [shiftId],
    );
    if (seat.rowCount === 0) throw new Error('shift full');
    const { rows: inserted } = await client.query(
      `INSERT INTO assignment (order_id, person_id, shift_id, site_id, local_date, starts_at, ends_at, planned_minutes, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'scheduled', $9) RETURNING *`,
      [
        order.id,
        order.person_id,
        shiftId,
        shift.site_id,
        shift.date,
        shift.starts_at,
        shift.ends_at,
        shift.planned_minutes,
        world.supervisor.id,
      ],
    );
    const assignment = inserted[0];
    const jobs = assignmentJobs(
      { assignmentId: assignment.id, localDate: shift.date, timezone: shift.timezone, startsAt: shift.starts_at },
      new Date(),
    );
    await client.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload, run_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[])`,
      [
        jobs.map((job) => QUEUE_OF[job.name]),
        jobs.map((job) => job.name),
        jobs.map((job) => job.jobId),
        jobs.map((job) => JSON.stringify(job.payload)),
        jobs.map((job) => job.runAt.toISOString()),
      ],
    );
    await bareAudit(client, {
      actorId: world.supervisor.id,
      action: 'assignment.booked',
      entityType: 'assignment',
      entityId: assignment.id,
      after: viewOf({ ...assignment, full_name: persons[0].full_name }),
    });
    return assignment.id as string;
  });
}

async function bareCancel(pool: pg.Pool, world: World, id: string): Promise<void> {
  await transaction(pool, async (client) => {
    const { rows } = await client.query(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignment a JOIN person p ON p.id = a.person_id WHERE a.id = $1 FOR UPDATE OF a`,
      [id],
    );
    const before = rows[0];
    await client.query(`SELECT 1 FROM court_order WHERE id = $1 AND bapas_id = $2 FOR UPDATE`, [
      before.order_id,
      world.bapasId,
    ]);
    await client.query(`UPDATE shift SET booked_count = booked_count - 1 WHERE id = $1`, [before.shift_id]);
    const { rows: after } = await client.query(
      `UPDATE assignment a SET status = 'cancelled', cancel_reason = 'bench', cancelled_by = $2, cancelled_at = now(), updated_at = now()
         FROM person p WHERE a.id = $1 AND p.id = a.person_id RETURNING ${ASSIGNMENT_COLUMNS}`,
      [id, world.supervisor.id],
    );
    await bareAudit(client, {
      actorId: world.supervisor.id,
      action: 'assignment.cancelled',
      entityType: 'assignment',
      entityId: id,
      before: viewOf(before),
      after: viewOf(after[0]),
    });
  });
}

/** Lock the assignment, check the coordinator's site and conflicts, record the step, audit it. */
async function bareAttendance(
  pool: pg.Pool,
  world: World,
  id: string,
  to: 'checked_in' | 'checked_out' | 'absent',
): Promise<void> {
  await transaction(pool, async (client) => {
    const { rows } = await client.query(
      `SELECT ${ASSIGNMENT_COLUMNS},
              EXISTS (SELECT 1 FROM site_coordinator c WHERE c.site_id = a.site_id AND c.user_id = $2) AS coordinates,
              EXISTS (SELECT 1 FROM conflict_of_interest c WHERE c.person_id = a.person_id AND c.user_id = $2) AS related
         FROM assignment a JOIN person p ON p.id = a.person_id WHERE a.id = $1 FOR UPDATE OF a`,
      [id, world.coordinator.id],
    );
    const { coordinates, related, ...before } = rows[0];
    if (!coordinates || related) throw new Error('forbidden');
    const set =
      to === 'checked_in'
        ? `check_in_at = $3, check_in_received_at = now(), checked_in_by = $2, check_in_outside_radius = false`
        : to === 'checked_out'
          ? `check_out_at = $3, check_out_received_at = now(), confirmed_by = $2, penalty_minutes = 0,
             worked_minutes = 240, check_out_outside_radius = false`
          : `absence_reason = 'bench', absence_recorded_by = $2, absence_recorded_at = $3`;
    const at = to === 'checked_in' ? world.pastCheckIn : to === 'checked_out' ? world.pastCheckOut : new Date();
    const { rows: after } = await client.query(
      `UPDATE assignment a SET status = '${to}', ${set}, updated_at = now()
         FROM person p WHERE a.id = $1 AND p.id = a.person_id RETURNING ${ASSIGNMENT_COLUMNS}`,
      [id, world.coordinator.id, at],
    );
    await bareAudit(client, {
      actorId: world.coordinator.id,
      action: `assignment.${to}`,
      entityType: 'assignment',
      entityId: id,
      before: viewOf(before),
      after: viewOf(after[0]),
    });
  });
}

/** Lock the order and the assignment, check the two signatures and conflicts, credit the ledger, audit both. */
async function bareSignOff(pool: pg.Pool, world: World, id: string): Promise<void> {
  await transaction(pool, async (client) => {
    const { rows: found } = await client.query(`SELECT order_id FROM assignment WHERE id = $1`, [id]);
    const { rows: orders } = await client.query(
      `SELECT required_minutes, credited_minutes FROM court_order WHERE id = $1 AND bapas_id = $2 FOR UPDATE`,
      [found[0].order_id, world.bapasId],
    );
    const { rows } = await client.query(
      `SELECT ${ASSIGNMENT_COLUMNS},
              EXISTS (SELECT 1 FROM conflict_of_interest c WHERE c.person_id = a.person_id AND c.user_id IN ($2, a.confirmed_by)) AS related
         FROM assignment a JOIN person p ON p.id = a.person_id WHERE a.id = $1 FOR UPDATE OF a`,
      [id, world.supervisor.id],
    );
    const { related, ...before } = rows[0];
    if (related || before.status !== 'checked_out' || before.confirmed_by === world.supervisor.id)
      throw new Error('refused');
    const minutes = Math.min(before.worked_minutes, orders[0].required_minutes - orders[0].credited_minutes);
    const { rows: entries } = await client.query(
      `INSERT INTO ledger_entry (order_id, assignment_id, minutes, kind, created_by) VALUES ($1, $2, $3, 'credit', $4) RETURNING *`,
      [before.order_id, id, minutes, world.supervisor.id],
    );
    await bareAudit(client, {
      actorId: world.supervisor.id,
      action: 'ledger.credited',
      entityType: 'ledger_entry',
      entityId: entries[0].id,
      after: entries[0],
    });
    const { rows: after } = await client.query(
      `UPDATE assignment a SET status = 'credited', credited_minutes = $3, signed_off_by = $2, signed_off_at = now(), updated_at = now()
         FROM person p WHERE a.id = $1 AND p.id = a.person_id RETURNING ${ASSIGNMENT_COLUMNS}`,
      [id, world.supervisor.id, minutes],
    );
    await bareAudit(client, {
      actorId: world.supervisor.id,
      action: 'assignment.credited',
      entityType: 'assignment',
      entityId: id,
      before: viewOf(before),
      after: viewOf(after[0]),
    });
  });
}

async function bareOrder(pool: pg.Pool, world: World, id: string): Promise<void> {
  const { rows } = await pool.query(
    `SELECT o.*, p.full_name,
            (SELECT coalesce(sum(planned_minutes), 0)::int FROM assignment
              WHERE order_id = o.id AND status IN ('scheduled', 'checked_in', 'checked_out')) AS scheduled
       FROM court_order o JOIN person p ON p.id = o.person_id WHERE o.id = $1 AND o.kejaksaan_id = $2`,
    [id, world.kejaksaanId],
  );
  if (rows.length !== 1) throw new Error('order not found');
  JSON.stringify(rows[0]);
}

async function bareRoster(pool: pg.Pool, shiftId: string): Promise<void> {
  const { rows } = await pool.query(
    `SELECT ${ASSIGNMENT_COLUMNS} FROM assignment a JOIN person p ON p.id = a.person_id
      WHERE a.shift_id = $1 AND a.status <> 'cancelled' ORDER BY a.starts_at, p.full_name LIMIT 50`,
    [shiftId],
  );
  JSON.stringify(rows.map(viewOf));
}

// ---------------------------------------------------------------------------------------------------- driving

/**
 * HTTP calls on keep-alive sockets through undici's pool, whose CPU a request is a fraction of `http.request`'s
 * (the client shares the two cores with the service and PostgreSQL). `drive` starts each operation on fresh
 * sockets: one left idle while the bare path ran would be closed by the service (its keep-alive timeout) and a
 * request sent on it as it closes fails.
 */
class Api {
  private pool: Pool;

  constructor(private readonly port: number) {
    this.pool = this.newPool();
  }

  fresh(): void {
    void this.pool.destroy();
    this.pool = this.newPool();
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }

  private newPool(): Pool {
    return new Pool(`http://127.0.0.1:${this.port}`, { connections: CLIENTS });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each caller reads the answer it asked for
  async call(method: string, path: string, token?: string, body?: object): Promise<{ status: number; body: any }> {
    const response = await this.pool.request({
      method: method as Dispatcher.HttpMethod,
      path: `/api/v1${path}`,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the error message
    }
    return { status: response.statusCode, body: parsed };
  }
}

function expectStatus(response: { status: number; body: unknown }, status: number): void {
  if (response.status !== status)
    throw new Error(`HTTP ${response.status} (expected ${status}): ${JSON.stringify(response.body).slice(0, 300)}`);
}

/** Runs `task` for the first WARM_UP indices from all clients; any failure stops the benchmark. */
async function warmUp(task: (i: number) => Promise<unknown>): Promise<void> {
  const { errors } = await drive(WARM_UP, task);
  if (errors.size > 0) throw new Error(`warm-up failed: ${[...errors.keys()].join('; ')}`);
}

/** task(0 … count-1) from CLIENTS clients, each request timed; stops handing out work after MAX_SECONDS. */
async function drive(count: number, task: (i: number) => Promise<unknown>): Promise<Sample> {
  const ms: number[] = [];
  const done: number[] = [];
  const errors = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  const deadline = started + MAX_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: Math.min(CLIENTS, count) }, async () => {
      while (next < count && performance.now() < deadline) {
        const i = next++;
        const t = performance.now();
        try {
          await task(i);
          ms.push(performance.now() - t);
          done.push(i);
        } catch (error) {
          const message = (error as Error).message.slice(0, 160);
          errors.set(message, (errors.get(message) ?? 0) + 1);
        }
      }
    }),
  );
  return { ms, done, seconds: seconds(started), errors };
}

// ---------------------------------------------------------------------------------------------------- service

interface Service {
  port: number;
  stop(): Promise<void>;
  /** CPU time so far of the service's process and its children (the HTTP processes of API_PROCESSES). */
  cpuSeconds(): number;
}

/** Linux: a process's state, parent and CPU ticks (user + system, 1/100 s) from /proc; null once it has ended. */
function processStat(id: string | number): { ppid: number; ticks: number } | null {
  try {
    // After the name: state (0), ppid (1), … utime (11), stime (12).
    const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** CPU seconds so far of `pid` and of the processes whose parent it is. */
function cpuSecondsOf(pid: number): number {
  let ticks = 0;
  for (const id of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = processStat(id);
    if (stat && (Number(id) === pid || stat.ppid === pid)) ticks += stat.ticks;
  }
  return ticks / 100;
}

/** The service's connections are named `bakti-<role>` (src/app.module.ts); the bare pool's, `bench-bare`. */
const SERVICE_APPLICATION = 'bakti-%';
const BARE_APPLICATION = 'bench-bare';

/**
 * CPU seconds so far of each PostgreSQL backend of this database whose application name is like `application`, by
 * pid (PostgreSQL runs on this machine: the benchmark speaks only to 127.0.0.1).
 */
async function backendsCpu(pool: pg.Pool, application: string): Promise<Map<number, number>> {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1`,
    [application],
  );
  return new Map(rows.map(({ pid }) => [pid, (processStat(pid)?.ticks ?? 0) / 100]));
}

/** The CPU seconds those backends used since `before` (a backend opened meanwhile counts from its start). */
async function backendsCpuSince(pool: pg.Pool, application: string, before: Map<number, number>): Promise<number> {
  let seconds = 0;
  for (const [pid, now] of await backendsCpu(pool, application)) seconds += now - (before.get(pid) ?? 0);
  return seconds;
}

/** `dist/main.js` as `npm start` runs it; with BENCH_PROCESSES > 1, as that many HTTP processes (API_PROCESSES). */
async function startService(databaseUrl: string, redisUrl: string): Promise<Service> {
  const port = PORT;
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    APP_ROLE: APP_ROLE,
    API_PROCESSES: String(PROCESSES),
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    SEED_DEMO: 'false',
  };
  const args = [...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []), 'dist/main.js'];
  step(`Starting ${args.join(' ')} (APP_ROLE=${APP_ROLE}, API_PROCESSES=${PROCESSES}) on 127.0.0.1:${port}`);
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  // Every HTTP process says once that it runs: the benchmark starts when all of them have.
  let running = 0;
  for (const stream of [child.stdout!, child.stderr!])
    // Its access log is read and dropped but for the last chunks, shown if it fails to start.
    stream.on('data', (chunk: Buffer) => {
      running += chunk.toString().match(/ on http:\/\/localhost:/g)?.length ?? 0;
      if (output.push(chunk.toString()) > 50) output.shift();
    });
  const service = { port, stop: () => stopChild(child), cpuSeconds: () => cpuSecondsOf(child.pid!) };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const live = await fetch(`http://127.0.0.1:${port}/api/v1/health/live`).catch(() => null);
    if (live?.status === 200 && running >= PROCESSES) return service;
    if (child.exitCode !== null || Date.now() > deadline) {
      await service.stop();
      throw new Error(`the service did not start; its output:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

// ---------------------------------------------------------------------------------------------------- report

const rate = (sample: Sample) => sample.ms.length / sample.seconds;

function percentile(sample: Sample, p: number): number {
  const sorted = [...sample.ms].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

function ratioAndP99(http: Sample, bare?: Sample): boolean {
  return bare !== undefined && rate(http) / rate(bare) >= 0.5 && percentile(http, 99) < 150;
}

function report(
  rows: Row[],
  run: { load: number[]; ownerUrl: string; redisUrl: string; world: World; seconds: number },
): void {
  const cpus = os.cpus();
  const line = '-'.repeat(118);
  console.log(`\n${line}`);
  console.log(
    `Bakti API benchmark: ${CLIENTS} clients, ${REQUESTS} requests per path and write, ${READS} per read, at most ${MAX_SECONDS} s a path`,
  );
  console.log(
    `node ${process.version}, ${os.availableParallelism()} CPUs (${cpus[0]?.model.trim() ?? '?'}); service: dist/main.js APP_ROLE=${APP_ROLE}` +
      `${CPU_PROF ? ' under --cpu-prof' : ''}; bare pg: pool of ${POOL}; ${databaseName(run.ownerUrl)}, ${run.redisUrl}`,
  );
  console.log(
    `load average at the start: ${run.load.map((n) => n.toFixed(2)).join(' ')}; now: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  console.log(line);
  const cells = (sample?: Sample) =>
    sample
      ? [String(sample.ms.length), fmt(rate(sample), 0), fmt(percentile(sample, 50), 1), fmt(percentile(sample, 99), 1)]
      : ['-', '-', '-', '-'];
  const ms = (value?: number) => (value === undefined ? '-' : fmt(value, 2));
  const table = [
    [
      'operation',
      'http ok',
      'req/s',
      'p50 ms',
      'p99 ms',
      'cpu ms',
      'db ms',
      'bare ok',
      'tx/s',
      'p50 ms',
      'p99 ms',
      'db ms',
      'ratio',
      'aim',
      'met',
    ],
    ...rows.map((row) => [
      row.operation,
      ...cells(row.http),
      ms(row.http?.cpuMs),
      ms(row.http?.dbCpuMs),
      ...cells(row.bare),
      ms(row.bare?.dbCpuMs),
      row.http && row.bare ? fmt(rate(row.http) / rate(row.bare), 2) : '-',
      row.aim ?? '',
      row.check && row.http ? (row.check(row.http, row.bare) ? 'yes' : 'NO') : '',
    ]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  for (const r of table)
    console.log(
      r.map((cell, c) => (c === 0 || c >= 13 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
    );
  console.log(line);
  console.log(
    `cpu ms: the service's CPU time (its processes, user + system, the worker's share too) per request served; ` +
      `db ms: the CPU time of the PostgreSQL backends serving the path per request (or transaction)`,
  );
  for (const row of rows) {
    for (const [path, sample] of [
      ['http', row.http],
      ['bare', row.bare],
    ] as const) {
      for (const [message, n] of sample?.errors ?? []) console.log(`${row.operation} ${path}: ${n} failed: ${message}`);
    }
  }
  console.log(`whole script (after compiling): ${fmt(run.seconds, 1)} s`);
  console.log(line);
}

// ---------------------------------------------------------------------------------------------------- setup

function benchDatabaseUrl(): string {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bakti_bench_api');
  const name = url.pathname.slice(1);
  if (['bakti', 'bakti_test', 'postgres'].includes(name)) throw new Error(`refusing to drop the database ${name}`);
  if (!['127.0.0.1', 'localhost'].includes(url.hostname)) throw new Error('the benchmark speaks only to 127.0.0.1');
  return url.toString();
}

function withUser(databaseUrl: string, user: string): string {
  const url = new URL(databaseUrl);
  url.username = user;
  url.password = '';
  return url.toString();
}

function benchRedisUrl(): string {
  const url = new URL(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/10');
  if (url.pathname === '' || url.pathname === '/' || url.pathname === '/0') throw new Error('refusing Redis db 0');
  if (!['127.0.0.1', 'localhost'].includes(url.hostname)) throw new Error('the benchmark speaks only to 127.0.0.1');
  return url.toString();
}

function pick<T>(items: T[]): T {
  return items[randomInt(items.length)];
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function fmt(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function step(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
