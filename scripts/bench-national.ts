/**
 * Benchmark: the queries people wait for, on the national year that `npm run seed:national` made, run as the
 * service runs them (its own services, connected as its role bakti_app, the clock set to the year's "today"):
 *
 *   a coordinator's shifts for today and a shift's roster, a supervisor's worklist (with its Bapas's risk scan as
 *   the API caches it, at most a minute old, and with a fresh one), an order's progress and its ledger, the
 *   prosecutor's list of a Kejari's orders, the morning risk scan of a Bapas, the monthly report.
 *
 * Prints p50/p95/p99 of each next to the aim (p95 < 20 ms), then every SELECT each one sent, EXPLAINed, with any
 * sequential scan of a big table named; then the audit verification (full and from the latest checkpoint): its
 * time and the process's peak memory. The last line is the verdict: FAIL (and exit code 1) when an aim is missed
 * or a big table is scanned.
 *
 * Environment: BENCH_ITERATIONS per query (200), NATIONAL_DATABASE_URL (the owner's URL, as for the generator),
 * NATIONAL_REDIS_URL (redis://127.0.0.1:6379/11: the service's queues are opened, nothing is queued),
 * BENCH_VERIFY (full, incremental, both or none; both).
 */
import 'reflect-metadata';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { AppModule } from '../src/app.module.js';
import { AssignmentsQueries } from '../src/assignments/assignments.queries.js';
import { AuditService } from '../src/audit/audit.service.js';
import type { AuthUser } from '../src/common/auth/auth-user.js';
import { FixedClock } from '../src/common/clock.js';
import { loadConfig } from '../src/config/app-config.js';
import { prepareDatabase } from '../src/database/data-source.js';
import { DeadlinesService } from '../src/deadlines/deadlines.service.js';
import { LedgerService } from '../src/ledger/ledger.service.js';
import { OrdersService } from '../src/orders/orders.service.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { ShiftsService } from '../src/shifts/shifts.service.js';
import { RISK_SCAN_TTL_MS } from '../src/worklist/orders-at-risk.js';
import { WorklistService } from '../src/worklist/worklist.service.js';
import { NATIONAL, nationalDatabaseUrl, serviceUrl } from './national-world.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? '200');
const VERIFY = process.env.BENCH_VERIFY ?? 'both';
const AIM_P95_MS = 20;
const SAMPLES = 50;
/**
 * Tables that grow with the country: a sequential scan of one of them is a finding. (Breaches and absence
 * notices are few, and the generator makes none: a scan of an empty table is the planner's right choice.)
 */
const BIG_TABLES = new Set([
  'assignment',
  'audit_event',
  'ledger_entry',
  'court_order',
  'person',
  'shift',
  'notification',
]);

interface Sent {
  text: string;
  values: unknown[];
}

/** Every statement the service's pool sends while `capturing` is set (pg's Client is shared with TypeORM), named ones too. */
let capturing: Sent[] | null = null;
const send = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [first, second] = args;
  if (capturing && typeof first === 'string') capturing.push({ text: first, values: (second as unknown[]) ?? [] });
  else if (capturing && isQueryConfig(first)) capturing.push({ text: first.text, values: first.values ?? [] });
  return send.apply(this, args);
} as typeof pg.Client.prototype.query;

/** A statement sent as `{ text, values }`, as a named (prepared) one is. */
function isQueryConfig(query: unknown): query is { text: string; values?: unknown[] } {
  return typeof query === 'object' && query !== null && typeof (query as { text?: unknown }).text === 'string';
}

async function main(): Promise<void> {
  const ownerUrl = nationalDatabaseUrl();
  await prepareDatabase(ownerUrl, serviceUrl(ownerUrl)); // migrations added since the data was made (indexes)
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const sizes = (
    await owner.query(
      `SELECT (SELECT count(*) FROM court_order)::int AS orders, (SELECT count(*) FROM assignment)::int AS assignments,
              (SELECT count(*) FROM ledger_entry)::int AS ledger, (SELECT count(*) FROM site)::int AS sites,
              (SELECT max(seq) FROM audit_event)::bigint AS events, pg_size_pretty(pg_database_size(current_database())) AS size`,
    )
  ).rows[0];
  console.log(
    `National data: ${sizes.orders} orders, ${sizes.sites} sites, ${sizes.assignments} assignments, ${sizes.ledger} ledger credits, ` +
      `${sizes.events} audit events, ${sizes.size}; today ${NATIONAL.today}; ${ITERATIONS} runs a query; load ${loadavg()}`,
  );
  const fixtures = await pickFixtures(owner);

  const config = loadConfig({
    NODE_ENV: 'development',
    APP_ROLE: 'api',
    DATABASE_URL: serviceUrl(ownerUrl),
    MIGRATION_DATABASE_URL: ownerUrl,
    REDIS_URL: process.env.NATIONAL_REDIS_URL ?? 'redis://127.0.0.1:6379/11',
    QUEUE_PREFIX: '{bakti-national}',
    RECONCILE_ON_BOOT: 'false',
  });
  const clock = new FixedClock(new Date(NATIONAL.now));
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, clock), {
    logger: ['error', 'warn'],
  });
  const findings: string[] = [];
  try {
    const shifts = app.get(ShiftsService);
    const assignments = app.get(AssignmentsQueries);
    const worklist = app.get(WorklistService);
    const orders = app.get(OrdersService);
    const ledger = app.get(LedgerService);
    const deadlines = app.get(DeadlinesService);
    const reports = app.get(ReportsService);
    const pick = <T>(list: T[], i: number) => list[i % list.length];
    // What a supervisor waits for: the worklist with its Bapas's risk scan as the API keeps it (at most
    // RISK_SCAN_TTL_MS old, shared by the Bapas's supervisors), so every sampled Bapas is scanned once first; and,
    // for the first supervisor of a Bapas in a minute, the worklist with a fresh scan (the clock moved past the TTL).
    for (const supervisor of fixtures.supervisors) await worklist.forSupervisor(supervisor, 'id');
    let minutes = 0;
    const month = NATIONAL.today.slice(0, 7);
    const queries: [string, (i: number) => Promise<unknown>][] = [
      [
        "coordinator: today's shifts",
        (i) =>
          shifts.forCoordinator(pick(fixtures.coordinators, i), page({ from: NATIONAL.today, to: NATIONAL.today })),
      ],
      [
        "coordinator: a shift's roster",
        (i) => {
          const { coordinator, shiftId } = pick(fixtures.rosters, i);
          return assignments.roster(coordinator, shiftId, page({}));
        },
      ],
      ['supervisor: worklist (risk scan cached)', (i) => worklist.forSupervisor(pick(fixtures.supervisors, i), 'id')],
      [
        'supervisor: worklist, fresh risk scan',
        (i) => {
          clock.set(new Date(Date.parse(NATIONAL.now) + ++minutes * (RISK_SCAN_TTL_MS + 1000)));
          return worklist.forSupervisor(pick(fixtures.supervisors, i), 'id');
        },
      ],
      [
        'order: progress',
        (i) => {
          const { supervisor, orderId } = pick(fixtures.orders, i);
          return orders.get(supervisor, orderId);
        },
      ],
      [
        'order: ledger',
        async (i) => {
          const { supervisor, orderId } = pick(fixtures.orders, i);
          await orders.get(supervisor, orderId); // the controller's access check
          return ledger.list(orderId, page({}));
        },
      ],
      ["prosecutor: the Kejari's orders", (i) => orders.list(pick(fixtures.prosecutors, i), page({}))],
      [
        'morning risk scan of a Bapas',
        (i) => {
          const { id, timezone } = pick(fixtures.bapas, i);
          return deadlines.scan(timezone, NATIONAL.today, id);
        },
      ],
      [
        'monthly report (csv)',
        (i) => {
          const head = pick(fixtures.bapasHeads, i);
          return reports.monthlyReport(head, { agencyId: head.agencyId, month, format: 'csv' });
        },
      ],
    ];

    console.log(`\n${'query'.padEnd(40)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)}   aim p95`);
    const plans: { name: string; sent: Sent[] }[] = [];
    for (const [name, run] of queries) {
      for (let i = 0; i < 5; i++) await run(i + 1000);
      capturing = [];
      await run(0);
      plans.push({ name, sent: capturing });
      capturing = null;
      const times: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const t = performance.now();
        await run(i);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const [p50, p95, p99] = [0.5, 0.95, 0.99].map(
        (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))],
      );
      clock.set(new Date(NATIONAL.now));
      const ok = p95 < AIM_P95_MS;
      if (!ok) findings.push(`${name}: p95 ${ms(p95)} ms`);
      console.log(
        `${name.padEnd(40)} ${ms(p50).padStart(8)} ${ms(p95).padStart(8)} ${ms(p99).padStart(8)}   < ${AIM_P95_MS} ms ${ok ? 'ok' : 'MISSED'}`,
      );
    }

    console.log('\nEXPLAIN of every SELECT each query sent (a Seq Scan on a big table is a finding):');
    for (const { name, sent } of plans) {
      const selects = sent.filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.text));
      const scans: string[] = [];
      for (const statement of selects) {
        const [{ 'QUERY PLAN': plan }] = (
          await owner.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values as unknown[])
        ).rows;
        for (const node of nodes(plan[0].Plan)) {
          if (node['Node Type'] === 'Seq Scan' && BIG_TABLES.has(node['Relation Name'] as string))
            scans.push(`Seq Scan on ${node['Relation Name']} in: ${oneLine(statement.text)}`);
        }
      }
      findings.push(...scans.map((scan) => `${name}: ${scan}`));
      console.log(
        `  ${name}: ${selects.length} SELECTs, ${scans.length ? scans.join('; ') : 'no sequential scan of a big table'}`,
      );
    }

    const audit = app.get(AuditService);
    for (const mode of VERIFY === 'both' ? ['full', 'incremental'] : VERIFY === 'none' ? [] : [VERIFY]) {
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const t = performance.now();
      const verdict = await audit.verifyChain({ fromLatestCheckpoint: mode === 'incremental' });
      const seconds = (performance.now() - t) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      if (!verdict.intact) findings.push(`audit verification (${mode}): ${verdict.problems.slice(0, 3).join('; ')}`);
      console.log(
        `\nAudit verification, ${mode}${verdict.checkpoints.from ? ` from checkpoint ${verdict.checkpoints.from}` : ''}: ` +
          `${verdict.intact ? 'intact' : 'BROKEN'}, ${verdict.checked} events in ${seconds.toFixed(1)} s ` +
          `(${Math.round(verdict.checked / seconds)} events/s); RSS ${mb(before)} MB before, peak ${mb(peak)} MB ` +
          `(+${mb(peak - before)} MB); load ${loadavg()}`,
      );
    }
  } finally {
    await app.close();
    await owner.end();
  }
  console.log(`\nMachine: ${os.cpus().length} cores, load ${loadavg()}`);
  if (findings.length) {
    console.log(`VERDICT: FAIL (${findings.length}): ${findings.join(' | ')}`);
    process.exitCode = 1;
  } else console.log('VERDICT: PASS: every p95 under the aim, no sequential scan of a big table, the trail intact');
}

interface Fixtures {
  coordinators: AuthUser[];
  rosters: { coordinator: AuthUser; shiftId: string }[];
  supervisors: AuthUser[];
  orders: { supervisor: AuthUser; orderId: string }[];
  prosecutors: AuthUser[];
  bapas: { id: string; timezone: string }[];
  bapasHeads: AuthUser[];
}

/** Who asks, spread over the country: random coordinators, supervisors, prosecutors, orders and Bapas. */
async function pickFixtures(db: pg.Client): Promise<Fixtures> {
  const users = async (where: string, params: unknown[] = []) =>
    (
      await db.query(
        `SELECT u.id, u.username, u.full_name AS "fullName", u.role, u.agency_id AS "agencyId" FROM app_user u
          WHERE ${where} ORDER BY random() LIMIT ${SAMPLES}`,
        params,
      )
    ).rows as AuthUser[];
  const rosterRows = (
    await db.query(
      `SELECT sh.id AS shift_id, sc.user_id FROM shift sh JOIN site_coordinator sc ON sc.site_id = sh.site_id
        WHERE sh.date = $1 ORDER BY random() LIMIT ${SAMPLES}`,
      [NATIONAL.today],
    )
  ).rows as { shift_id: string; user_id: string }[];
  const coordinatorsById = new Map(
    (await users(`u.id = ANY($1::uuid[])`, [rosterRows.map((r) => r.user_id)])).map((u) => [u.id, u]),
  );
  const orderRows = (
    await db.query(
      `SELECT o.id, o.supervisor_id FROM court_order o WHERE o.status = 'active' ORDER BY random() LIMIT ${SAMPLES}`,
    )
  ).rows as { id: string; supervisor_id: string }[];
  const supervisorsById = new Map(
    (await users(`u.id = ANY($1::uuid[])`, [orderRows.map((r) => r.supervisor_id)])).map((u) => [u.id, u]),
  );
  const bapas = (
    await db.query(`SELECT id, timezone FROM agency WHERE kind = 'bapas' ORDER BY random() LIMIT ${SAMPLES}`)
  ).rows as { id: string; timezone: string }[];
  // A Bapas's monthly report is its supervisors' (report.rules): one supervisor of each sampled Bapas.
  const bapasHeads = (
    await db.query(
      `SELECT DISTINCT ON (u.agency_id) u.id, u.username, u.full_name AS "fullName", u.role, u.agency_id AS "agencyId"
         FROM app_user u WHERE u.role = 'supervisor' AND u.agency_id = ANY($1::uuid[]) ORDER BY u.agency_id, u.id`,
      [bapas.map((b) => b.id)],
    )
  ).rows as AuthUser[];
  return {
    coordinators: [...coordinatorsById.values()],
    rosters: rosterRows.map((r) => ({ coordinator: coordinatorsById.get(r.user_id)!, shiftId: r.shift_id })),
    supervisors: await users(`u.role = 'supervisor'`),
    orders: orderRows.map((r) => ({ supervisor: supervisorsById.get(r.supervisor_id)!, orderId: r.id })),
    prosecutors: await users(`u.role = 'prosecutor'`),
    bapas,
    bapasHeads,
  };
}

/** A query object as the validation pipe would make it (the page's defaults included). */
function page<T extends object>(fields: T): T & { limit: number; offset: number } {
  return { limit: 50, offset: 0, ...fields };
}

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

function* nodes(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodes(child);
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 140);
const ms = (value: number) => value.toFixed(1);
const mb = (bytes: number) => Math.round(bytes / 1048576);
const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
