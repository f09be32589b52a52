/**
 * Benchmark: applying a plan of BENCH_BOOKINGS proposals (default 3,000) as PlanApplier booked them before (one
 * BookingService.book transaction per proposal, one after the other) and as it books them now (PlanApplier.apply
 * through BatchBookingService, BATCH_CHUNK proposals to a transaction), in the same run, on two halves of one
 * world that are alike (the same sites, days, persons and orders, each half its own). Prints its figures, with
 * the load average next to them (the machine may be shared); it is not a test and asserts no speed.
 *
 *   npm run bench:apply                      # 3,000 proposals each way
 *   BENCH_BOOKINGS=300 npm run bench:apply   # smoke run
 *
 * It owns its database (bakti_bench_apply, dropped and recreated); it needs a Redis (the app connects to it, no
 * job is relayed: APP_ROLE=api) and never writes to it. Environment: BENCH_BOOKINGS (3000), BENCH_PER_ORDER
 * bookings per order, on consecutive working days at one site (5), BENCH_SITES (10), BENCH_DATABASE_URL (its
 * name must contain "bench"), BENCH_REDIS_URL (else REDIS_URL with database 9).
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module.js';
import { BATCH_CHUNK } from '../src/assignments/batch-booking.service.js';
import { BookingService } from '../src/assignments/booking.service.js';
import type { AuthUser } from '../src/common/auth/auth-user.js';
import { FixedClock } from '../src/common/clock.js';
import { DomainError } from '../src/common/domain-error.js';
import { loadConfig } from '../src/config/app-config.js';
import { databaseName, prepareDatabase } from '../src/database/data-source.js';
import { PlanApplier } from '../src/planning/plan-applier.js';
import { SitesService } from '../src/sites/sites.service.js';
import { benchParties, type Get } from './bench-parties.js';
import { dropDatabase, fmt, positiveInt, step, table } from './script-support.js';

const BOOKINGS = positiveInt('BENCH_BOOKINGS', 3000);
const PER_ORDER = positiveInt('BENCH_PER_ORDER', 5);
const SITES = positiveInt('BENCH_SITES', 10);
const NOW = new Date('2026-11-23T00:00:00Z');
const TIMEZONE = 'Asia/Jayapura';

interface Proposal {
  orderId: string;
  shiftId: string;
  date: string;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bakti_bench_apply';
  if (!databaseName(databaseUrl).includes('bench')) throw new Error('BENCH_DATABASE_URL must name a bench database');
  const redisUrl = process.env.BENCH_REDIS_URL ?? withDatabase(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 9);
  step(`Database ${databaseName(databaseUrl)}: drop, create, migrate`);
  await dropDatabase(databaseUrl);
  await prepareDatabase(databaseUrl);
  const config = loadConfig({
    NODE_ENV: 'development',
    APP_ROLE: 'api',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: '{bakti-bench-apply}',
    RECONCILE_ON_BOOT: 'false',
    SEED_DEMO: 'false',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, new FixedClock(NOW)), {
    logger: ['error', 'warn'],
  });
  try {
    const dataSource = app.get(DataSource);
    const { supervisor, halves } = await buildWorld(app.get.bind(app) as Get, dataSource);
    step(`Fixtures: two halves of ${BOOKINGS} proposals (${BOOKINGS / PER_ORDER} orders, ${SITES} sites)`);

    const before = await measured(() => oneByOne(app.get(BookingService), supervisor, halves[0]));
    step(`Before (one transaction per booking): ${fmt(before.seconds, 2)} s`);
    const planId = await previewOf(dataSource, supervisor, halves[1]);
    const after = await measured(async () => {
      const { result } = await app.get(PlanApplier).apply(supervisor, planId, 'en');
      return { booked: result!.booked.length, refused: result!.refused.length };
    });
    step(`After (PlanApplier, batches of ${BATCH_CHUNK}): ${fmt(after.seconds, 2)} s`);

    const written = await Promise.all(halves.map((half) => writtenFor(dataSource, half)));
    console.log(
      table([
        ['path', 'booked', 'refused', 'seconds', 'bookings/s', 'node CPU s', 'load avg before → after'],
        ...[
          ['before: BookingService.book, one after the other', before],
          [`after: PlanApplier.apply, ${BATCH_CHUNK} to a transaction`, after],
        ].map(([name, run]) => {
          const { outcome, seconds, cpuSeconds, loadBefore, loadAfter } = run as Measured<Tally>;
          return [
            name as string,
            String(outcome.booked),
            String(outcome.refused),
            fmt(seconds, 2),
            fmt(outcome.booked / seconds, 0),
            fmt(cpuSeconds, 2),
            `${loadBefore} → ${loadAfter}`,
          ];
        }),
      ]),
    );
    console.log(`speed-up (before ÷ after, same run): ${fmt(before.seconds / after.seconds, 1)}×`);
    console.log(
      `written, before | after: ${written.map((w) => `${w.assignments} bookings, ${w.seats} seats, ${w.jobs} outbox jobs, ${w.events} assignment.booked events`).join(' | ')}`,
    );
  } finally {
    await app.close();
  }
}

type Tally = { booked: number; refused: number };
type Measured<T> = { outcome: T; seconds: number; cpuSeconds: number; loadBefore: string; loadAfter: string };

async function measured<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const loadBefore = loadavg()[0].toFixed(1);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const outcome = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    outcome,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    loadBefore,
    loadAfter: loadavg()[0].toFixed(1),
  };
}

/** As PlanApplier booked a plan before: each proposal in its own transaction, a refusal listed. */
async function oneByOne(booking: BookingService, actor: AuthUser, proposals: Proposal[]): Promise<Tally> {
  const tally = { booked: 0, refused: 0 };
  for (const { orderId, shiftId } of proposals) {
    try {
      await booking.book(actor, { orderId, shiftId });
      tally.booked++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      tally.refused++;
    }
  }
  return tally;
}

/**
 * Agencies, users, an agreement and SITES sites through the services; for each half, a shift 08:00–12:00 at
 * every site on every working day it needs, and persons with orders by bulk SQL; each order is proposed
 * PER_ORDER consecutive working days at its site (one proposal in 50 again on a day it has: an overlap refused).
 */
async function buildWorld(get: Get, dataSource: DataSource): Promise<{ supervisor: AuthUser; halves: Proposal[][] }> {
  const { kejari, opd, admin, supervisor, prosecutor, agreement } = await benchParties(get, 'apply');
  const siteIds: string[] = [];
  for (let n = 0; n < SITES; n++) {
    const site = await get(SitesService).create(admin, {
      name: `Apply site ${n + 1}`,
      agencyId: opd.id,
      agreementId: agreement.id,
      workType: 'street_cleaning',
      address: `Jl. Apply ${n + 1}, Ambon`,
      location: { lat: -3.6925, lng: 128.1842 },
      radiusMeters: 200,
      timezone: TIMEZONE,
      defaultCapacity: 100,
      minorsAllowed: false,
      coordinatorIds: [],
    });
    siteIds.push(site.id);
  }
  const orders = BOOKINGS / PER_ORDER;
  if (!Number.isInteger(orders)) throw new Error('BENCH_BOOKINGS must be a multiple of BENCH_PER_ORDER');
  // Orders of a site share its shifts, 100 seats each: a site's days follow on once its orders fill them.
  const perSite = Math.ceil(orders / SITES);
  const days: string[] = (
    await dataSource.query(
      `SELECT d::date::text AS day FROM generate_series('2026-12-01'::date, '2027-05-15', '1 day') d
        WHERE extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM holiday h WHERE h.date = d::date)
        ORDER BY d`,
    )
  ).map((row: { day: string }) => row.day);
  const dayCount = Math.ceil(perSite / 100) * PER_ORDER;
  if (dayCount > days.length) throw new Error('Too many proposals per site for the working days up to May 2027');
  const halves: Proposal[][] = [];
  for (let half = 0; half < 2; half++) {
    const shifts: { id: string; site_id: string; date: string }[] = await dataSource.query(
      `INSERT INTO shift (site_id, date, start_time, end_time, capacity, starts_at, ends_at, planned_minutes, created_by)
       SELECT s, d, '08:00', '12:00', 100, (d + time '08:00') AT TIME ZONE $4, (d + time '12:00') AT TIME ZONE $4, 240, $3
         FROM unnest($1::uuid[]) s, unnest($2::date[]) d RETURNING id, site_id, date::text`,
      [siteIds, days.slice(0, dayCount), supervisor.id, TIMEZONE],
    );
    const shiftAt = new Map(shifts.map((shift) => [`${shift.site_id} ${shift.date}`, shift.id]));
    const orderIds = await personsWithOrders(dataSource, supervisor, prosecutor.id, kejari.id, orders, half);
    halves.push(
      orderIds.flatMap((orderId, i) => {
        const site = siteIds[i % SITES];
        const first = Math.floor(Math.floor(i / SITES) / 100) * PER_ORDER;
        return Array.from({ length: PER_ORDER }, (_, j) => {
          const date = days[first + (i % 50 === 49 && j === PER_ORDER - 1 ? 0 : j)];
          return { orderId, shiftId: shiftAt.get(`${site} ${date}`)!, date };
        });
      }),
    );
  }
  return { supervisor, halves };
}

/** Adults without a religion (no worship windows), 40 hours at most 8 a day, in two statements. */
async function personsWithOrders(
  dataSource: DataSource,
  supervisor: AuthUser,
  prosecutorId: string,
  kejaksaanId: string,
  count: number,
  half: number,
): Promise<string[]> {
  const rows: { id: string }[] = await dataSource.query(
    `WITH p AS (
       INSERT INTO person (bapas_id, full_name, nik, birth_date, sex, worship_defaults, unavailable, in_school, locale, created_by)
       SELECT $1, 'Klien ' || $5 || '-' || g, '81' || $5 || lpad(g::text, 13, '0'), '1990-01-15', 'M', true, '[]', false, 'id', $2
         FROM generate_series(1, $6::int) g RETURNING id, nik)
     INSERT INTO court_order (person_id, bapas_id, kejaksaan_id, supervisor_id, prosecutor_id, case_number, court_name,
        offense_date, verdict_date, regime, total_hours, max_hours_per_day, start_date, end_date, replaced_kind,
        replaced_days, consent_recorded, status)
     SELECT p.id, $1, $3, $2, $4, p.nik || '/Pid.C/2026', 'PN Ambon', '2026-08-01', '2026-11-02', 'adult', 40, 8,
            '2026-11-23', '2027-05-22', 'imprisonment', 60, true, 'active'
       FROM p ORDER BY p.nik RETURNING id`,
    [supervisor.agencyId, supervisor.id, kejaksaanId, prosecutorId, half, count],
  );
  return rows.map((row) => row.id);
}

/** A preview of the proposals, as the planner would have stored it. */
async function previewOf(dataSource: DataSource, supervisor: AuthUser, proposals: Proposal[]): Promise<string> {
  const [plan] = await dataSource.query(
    `INSERT INTO plan (bapas_id, horizon_from, horizon_to, bookings, outcomes, summary, created_by, expires_at)
     VALUES ($1, '2026-12-01', '2027-05-15', $2, '[]', '{}', $3, '2030-01-01') RETURNING id`,
    [supervisor.agencyId, JSON.stringify(proposals), supervisor.id],
  );
  return plan.id;
}

async function writtenFor(dataSource: DataSource, proposals: Proposal[]) {
  const orderIds = [...new Set(proposals.map((p) => p.orderId))];
  const [row] = await dataSource.query(
    `WITH a AS (SELECT id, shift_id FROM assignment WHERE order_id = ANY($1) AND status = 'scheduled')
     SELECT (SELECT count(*)::int FROM a) AS assignments,
            (SELECT sum(booked_count)::int FROM shift WHERE id IN (SELECT shift_id FROM a)) AS seats,
            (SELECT count(*)::int FROM outbox WHERE payload->>'assignmentId' IN (SELECT id::text FROM a)) AS jobs,
            (SELECT count(*)::int FROM audit_event
              WHERE action = 'assignment.booked' AND entity_id IN (SELECT id FROM a)) AS events`,
    [orderIds],
  );
  return row as { assignments: number; seats: number; jobs: number; events: number };
}

function withDatabase(url: string, database: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
