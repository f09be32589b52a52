import { ConsoleLogger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config.js';
import { prepareDatabase } from '../../src/database/data-source.js';
import { demoCast } from '../../src/database/demo-cast.js';
import { seedDemo } from '../../src/database/demo-seed.js';
import { startTestApp, TestApp } from './test-app.js';
import { ownDatabase } from './test-config.js';

/** A registered route of the API, keyed like 'POST /api/v1/assignments/:id/check-in'. */
export interface Route {
  method: string;
  path: string;
  key: string;
}

/**
 * Every route the running application registered under /api/v1, read from Express's router: the tests built on
 * this list can't miss an endpoint somebody adds later.
 */
export function registeredRoutes(t: TestApp): Route[] {
  const express = t.app.getHttpAdapter().getInstance();
  const routes = new Map<string, Route>();
  for (const layer of express.router.stack as {
    route?: { path: string | string[]; methods: Record<string, boolean> };
  }[]) {
    if (!layer.route) continue;
    for (const path of [layer.route.path].flat()) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (!on || method === '_all') continue;
        const key = `${method.toUpperCase()} ${path}`;
        routes.set(key, { method: method.toUpperCase(), path, key });
      }
    }
  }
  return [...routes.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export type Username = (typeof demoCast.users)[number]['username'];
export const USERNAMES = demoCast.users.map((user) => user.username) as Username[];

/** The demo, loaded into a database of the test file's own, and the application started on it today. */
export async function startDemoApp(suffix: string): Promise<{ t: TestApp; tokens: Map<Username, string> }> {
  const url = await ownDatabase(suffix);
  await prepareDatabase(url);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    APP_ROLE: 'api',
  });
  await seedDemo(config, new ConsoleLogger({ logLevels: ['error'] }));
  const t = await startTestApp(new Date().toISOString(), { DATABASE_URL: url });
  const tokens = new Map<Username, string>();
  for (const username of USERNAMES) {
    const response = await t.http().post('/api/v1/auth/login').send({ username, password: config.DEMO_PASSWORD });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
    tokens.set(username, response.body.accessToken);
  }
  return { t, tokens };
}

/** The number of rows of every table in the public schema, read through the owner's connection. */
export async function rowCounts(db: DataSource): Promise<Record<string, number>> {
  const tables: { name: string }[] = await db.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    counts[name] = (await db.query(`SELECT count(*)::int AS n FROM ${JSON.stringify(name)}`))[0].n;
  }
  return counts;
}

/** Real ids of the Ambon demo: in scope for the Ambon users, out of scope for Sungai Penuh's. */
export interface AmbonIds {
  order: string;
  person: string;
  site: string;
  shift: string;
  /** A booking on a shift days ahead: check-in, sign-off and cancel answer it without changing a thing. */
  assignment: string;
  ledgerEntry: string;
  agreement: string;
  plan: string;
  /** The Bapas of Ambon, for the agency routes. */
  agency: string;
  /** A coordinator made for the test, for the account routes (deactivated and reset by the allowed cells). */
  spareUser: string;
  /** A date three weeks ahead, within the agreements. */
  futureDate: string;
  /** A valid order for the Ambon person: what an out-of-scope supervisor would send. */
  orderBody: object;
  /** A breach reported on another Ambon order (that one takes no more bookings or plans). */
  breach: string;
  /** Yohanis's own page link (the person page's token). */
  personLink: string;
  /** A holiday of the loaded calendar, and a year. */
  holiday: string;
  year: string;
  /** A misuse signal of the Ambon Bapas (the demo's misuse cases, after a scan). */
  signal: string;
}

export async function ambonIds(t: TestApp, tokens: Map<Username, string>): Promise<AmbonIds> {
  const one = async (sql: string): Promise<string> => {
    const rows: { id: string }[] = await t.db.query(sql);
    if (!rows[0]) throw new Error(`no demo row for: ${sql}`);
    return rows[0].id;
  };
  const order = await one(`SELECT id FROM court_order WHERE case_number = '${demoCast.persons.yohanis.caseNumber}'`);
  const assignment = await one(`
    SELECT a.id FROM assignment a JOIN shift s ON s.id = a.shift_id JOIN site ON site.id = s.site_id
    WHERE a.order_id = '${order}' AND a.status = 'scheduled' AND s.starts_at > now() + interval '2 days'
      AND site.name = 'Pasukan Kuning Pasar Mardika'
    ORDER BY s.starts_at LIMIT 1`);
  const as = (username: Username) => ({ authorization: `Bearer ${tokens.get(username)}` });
  const plan = await t.http().post(`/api/v1/orders/${order}/plan`).set(as('pk.ambon')).send({});
  if (plan.status !== 201) throw new Error(`plan preview: ${plan.status} ${JSON.stringify(plan.body)}`);
  const dlhp = await one(`SELECT id FROM agency WHERE code = 'DLHP-AMBON'`);
  const spare = await t
    .http()
    .post('/api/v1/users')
    .set(as('admin'))
    .send({ username: 'cadangan.dlhp', fullName: 'Koordinator Cadangan', role: 'coordinator', agencyId: dlhp });
  if (spare.status !== 201) throw new Error(`spare user: ${spare.status} ${JSON.stringify(spare.body)}`);
  const checkpoint = await t.http().post('/api/v1/audit-events/checkpoints').set(as('admin')).send({});
  if (checkpoint.status !== 201) throw new Error(`checkpoint: ${checkpoint.status} ${JSON.stringify(checkpoint.body)}`);
  const person = await one(`SELECT person_id AS id FROM court_order WHERE id = '${order}'`);
  const breached = await one(`SELECT id FROM court_order WHERE case_number = '${demoCast.persons.fadli.caseNumber}'`);
  const breach = await t
    .http()
    .post(`/api/v1/orders/${breached}/breaches`)
    .set(as('pk.ambon'))
    .send({ reason: 'tidak hadir tanpa alasan' });
  if (breach.status !== 201) throw new Error(`breach: ${breach.status} ${JSON.stringify(breach.body)}`);
  const link = await t.http().post(`/api/v1/persons/${person}/link`).set(as('pk.ambon')).send({});
  if (link.status !== 201) throw new Error(`person link: ${link.status} ${JSON.stringify(link.body)}`);
  const holiday = await one(
    `SELECT to_char(date, 'YYYY-MM-DD') AS id FROM holiday WHERE date > now() ORDER BY date LIMIT 1`,
  );
  const scan = await t.http().post('/api/v1/oversight/signals/scan').set(as('admin')).send({});
  if (scan.status !== 200) throw new Error(`misuse scan: ${scan.status} ${JSON.stringify(scan.body)}`);
  const signal = await one(
    `SELECT s.id FROM misuse_signal s JOIN agency b ON b.id = s.bapas_id WHERE b.code = 'BAPAS-AMBON' LIMIT 1`,
  );
  const futureDate = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  const endDate = new Date(Date.now() + 80 * 86_400_000).toISOString().slice(0, 10);
  return {
    order,
    assignment,
    person,
    shift: await one(`SELECT shift_id AS id FROM assignment WHERE id = '${assignment}'`),
    site: await one(
      `SELECT s.site_id AS id FROM shift s JOIN assignment a ON a.shift_id = s.id WHERE a.id = '${assignment}'`,
    ),
    ledgerEntry: await one(`SELECT id FROM ledger_entry WHERE order_id = '${order}' ORDER BY created_at LIMIT 1`),
    agreement: await one(`SELECT id FROM agreement WHERE number = '${demoCast.agreements[0].number}'`),
    plan: plan.body.id,
    agency: await one(`SELECT id FROM agency WHERE code = 'BAPAS-AMBON'`),
    spareUser: spare.body.id,
    futureDate,
    orderBody: {
      personId: person,
      caseNumber: '99/Pid.C/2026/PN Amb',
      courtName: 'Pengadilan Negeri Ambon',
      offenseDate: '2026-08-01',
      verdictDate: '2026-11-02',
      totalHours: 40,
      maxHoursPerDay: 8,
      startDate: futureDate,
      endDate,
      replacedSentence: { kind: 'imprisonment', days: 60 },
      consentRecorded: true,
    },
    breach: breach.body.id,
    personLink: link.body.token,
    holiday,
    year: holiday.slice(0, 4),
    signal,
  };
}

/** A route's path with its parameters filled: each named by what it points at (R-26 scope follows the ids). */
export function fillPath(path: string, ids: AmbonIds, override?: (param: string) => string | undefined): string {
  return path.replace(/(\w+)\/:(\w+)/g, (_, parent: string, param: string) => {
    const chosen = override?.(param);
    if (chosen !== undefined) return `${parent}/${chosen}`;
    return `${parent}/${paramValue(parent, param, ids)}`;
  });
}

function paramValue(parent: string, param: string, ids: AmbonIds): string {
  if (param === 'channel') return 'log';
  if (param === 'date') return ids.holiday;
  if (param === 'year') return ids.year;
  if (param === 'entryId') return ids.ledgerEntry;
  if (param === 'orderId') return ids.order;
  if (param === 'shiftId') return ids.shift;
  if (param === 'token') return ids.personLink;
  if (param === 'siteId') return ids.site;
  const byParent: Record<string, string> = {
    orders: ids.order,
    assignments: ids.assignment,
    users: ids.spareUser,
    agencies: ids.agency,
    persons: ids.person,
    plans: ids.plan,
    agreements: ids.agreement,
    sites: ids.site,
    shifts: ids.shift,
    breaches: ids.breach,
    signals: ids.signal,
  };
  const id = byParent[parent];
  if (!id) throw new Error(`no demo id for ${parent}/:${param}: add one to fillPath`);
  return id;
}
