import { randomUUID } from 'node:crypto';
import { seededRandom } from '../src/common/seeded-random.js';
import { demoCast } from '../src/database/demo-cast.js';
import type { Role } from '../src/identity/user.entity.js';
import { ACCESS, verdict } from './support/access-table.js';
import {
  AmbonIds,
  ambonIds,
  fillPath,
  registeredRoutes,
  Route,
  rowCounts,
  startDemoApp,
  Username,
} from './support/demo-app.js';
import type { TestApp } from './support/test-app.js';

/**
 * Issue 11, item 6: nothing a client sends answers 5xx or changes anything. A seeded fuzz over every route the
 * router has (the same enumeration as the access matrix), as a caller the access table allows, with the kinds of
 * input that once broke the service: deep nesting, huge objects, NUL and lone surrogates, dates out of any range,
 * numbers past 2^31, wrong types, unknown fields, bad paging, ids that are no UUID or a UUID of nothing.
 * No generated body is valid, so every table's row count stays as it was.
 */
const SEED = 20261201;
const BODY_CASES = 56;
const QUERY_CASES = 20;
const PATH_CASES_PER_PARAM = 6;
/** Sign-in routes only get a few requests, all with unknown usernames (R-28 counts and locks). */
const PUBLIC_CASES = 5;

const random = seededRandom(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

const DEEP = 1300;
const deepObject = () => '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);
const deepArray = () => '['.repeat(DEEP) + ']'.repeat(DEEP);
const nothing = () => randomUUID();

/** Never a valid value for anything (no `true`, no empty body): a body of these can only be refused. */
const BAD_VALUES: (() => unknown)[] = [
  () => null,
  () => [],
  () => ['x'],
  () => [[[]]],
  () => ({}),
  () => ({ a: { b: 1 } }),
  () => 'x'.repeat(10_000),
  () => 'a\u0000b',
  () => '\u0000',
  () => 'a\ud800b',
  () => '\udc00',
  () => 'x\ud83d',
  () => 2 ** 31,
  () => 2 ** 53 + 1,
  () => -(2 ** 31) - 1,
  () => 1e308,
  () => -1e308,
  () => -0,
  () => 1.5,
  () => -1,
  () => 'NaN',
  () => 'Infinity',
  () => '-0',
  () => '1e20',
  () => 'true',
  () => 1,
  () => '0000-01-01',
  () => '99999-01-01',
  () => '2026-02-30',
  () => '1899-12-31',
  () => '2101-01-01',
  () => '0000-01-01T00:00:00Z',
  () => '99999-12-31T23:59:59Z',
  () => '24:00',
  () => '25:61',
  () => '7:5',
  () => '00000000-0000-0000-0000-000000000000',
  () => nothing(),
  () => 'not-a-uuid',
  () => "' OR 1=1 --",
  () => '<script>alert(1)</script>',
  () => '\u202e\u0301',
  () => '',
];

const BAD_QUERIES: (() => string)[] = [
  () => 'offset=1e20',
  () => 'limit=-1',
  () => 'limit=abc',
  () => 'limit=1e20',
  () => 'offset=-1',
  () => 'limit=0',
  () => 'limit=501',
  () => 'offset=1.5',
  () => 'limit=',
  () => 'limit=1&limit=2',
  () => 'offset=99999999999999999999',
  () => 'limit=NaN',
  () => 'offset=Infinity',
  () => 'limit=%00',
  () => 'offset=%ED%A0%80',
  () => 'limit=2147483648',
  () => 'from=0000-01-01',
  () => 'to=99999-01-01',
  () => 'from=2026-02-30&to=2026-01-01',
  () => 'entityType=%00',
  () => 'entityId=not-a-uuid',
  () => `entityId=${nothing()}`,
  () => 'month=2026-13',
  () => 'status[]=x',
  () => `${'x'.repeat(2_000)}=1`,
  () => 'from=%F0%9F',
  () => 'region=%ED%B0%80',
  () => 'a=%',
];

const BAD_PATH_VALUES: (() => string)[] = [
  () => 'not-a-uuid',
  () => '%00',
  () => '%ED%A0%80',
  () => 'x'.repeat(3_000),
  () => nothing(),
  () => '00000000-0000-0000-0000-000000000000',
  () => '1%20OR%201%3D1',
  () => '%2e%2e',
  () => '-1',
  () => '1e20',
  () => `${nothing()}x`,
  () => '%',
];

const BAD_HEADERS: (() => Record<string, string>)[] = [
  () => ({ 'content-type': 'text/plain' }),
  () => ({ 'content-type': 'application/x-www-form-urlencoded' }),
  () => ({ 'idempotency-key': 'k'.repeat(5_000) }),
  () => ({ 'accept-language': 'x'.repeat(3_000) }),
];

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
}
interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: { in: string; name: string }[] }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

/** What the OpenAPI document says a route takes: its body's fields (if it has a body), which of them are required, and its query parameters. */
interface Inputs {
  body?: string[];
  required: string[];
  query: string[];
}

function inputsOf(document: OpenApi, route: Route): Inputs {
  const path = route.path.replace(/:(\w+)/g, '{$1}');
  const operation = document.paths[path]?.[route.method.toLowerCase()];
  if (!operation) throw new Error(`${route.key} is not in the OpenAPI document`);
  const resolve = (schema: Schema): Schema =>
    schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()!] : schema;
  const schema = operation.requestBody ? resolve(Object.values(operation.requestBody.content)[0].schema) : undefined;
  return {
    body: schema ? Object.keys(schema.properties ?? {}) : undefined,
    required: schema?.required ?? [],
    query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
  };
}

/**
 * Writes on the Ambon booking days ahead that answer 409 to any body that passes validation (not checked in yet,
 * nothing to sign off): there the bad values go all the way to the service.
 */
const REFUSED_BY_STATE = [
  'POST /api/v1/assignments/:id/check-in',
  'POST /api/v1/assignments/:id/check-out',
  'POST /api/v1/assignments/:id/sign-off',
];

interface Case {
  route: Route;
  path: string;
  query: string;
  body?: string;
  headers: Record<string, string>;
  caller?: Username;
}

describe('fuzzing every route with bad input', () => {
  let t: TestApp;
  let tokens: Map<Username, string>;
  let ids: AmbonIds;
  let routes: Route[];
  let document: OpenApi;
  let base: string;

  const ROLES = new Map(demoCast.users.map((user) => [user.username, user.role as Role]));
  /** An allowed caller for the route: in scope where the route has one, so the input reaches past R-26. */
  function callerFor(route: Route): Username | undefined {
    const access = ACCESS[route.key];
    if (!access) throw new Error(`${route.key} has no row in test/support/access-table.ts`);
    if (access.who === 'anyone') return undefined;
    // Never the users the other routes use for what only concerns oneself (a wrong current password counts).
    if (access.who === 'signed-in' && !access.scope) return 'jaksa.sungaipenuh';
    const chosen = (['pk.ambon', 'koord.dlhp', 'jaksa.ambon', 'admin', 'kanwil.maluku'] as Username[]).find(
      (username) => verdict(access, { username, role: ROLES.get(username)! }) === 'allowed',
    );
    if (!chosen) throw new Error(`nobody may call ${route.key}`);
    return chosen;
  }

  beforeAll(async () => {
    ({ t, tokens } = await startDemoApp('fuzz'));
    ids = await ambonIds(t, tokens);
    routes = registeredRoutes(t);
    document = (await t.http().get('/api/docs-json')).body;
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
  }, 240_000);
  afterAll(() => t?.close());

  /**
   * A body of bad values for the route's own fields (or for fields it doesn't have), as raw JSON text. A body that
   * has every required field (free text takes almost anything, and an optional field may take null) also gets an
   * unknown one, so that it is refused as a whole; unless the route can only refuse it anyway (`refusedByState`).
   */
  function badBody(inputs: Inputs, refusedByState: boolean): string {
    const fields = inputs.body ?? [];
    const kind = random();
    if (kind < 0.08) return deepObject();
    if (kind < 0.12) return deepArray();
    if (kind < 0.16) return `{"${pick(fields.length ? fields : ['x'])}":${deepObject()}}`;
    if (kind < 0.2)
      return JSON.stringify(Object.fromEntries(Array.from({ length: 12_000 }, (_, i) => [i.toString(36), 0])));
    if (kind < 0.23)
      return JSON.stringify({ [pick(fields.length ? fields : ['x'])]: Array.from({ length: 20_000 }, () => 0) });
    if (kind < 0.26)
      return pick([
        '[]',
        '"x"',
        '5',
        'null',
        '{"a":',
        '{"__proto__":{"role":"admin"}}',
        '{"constructor":{"prototype":{"x":1}}}',
      ]);
    const body: Record<string, unknown> = {};
    const members = 1 + Math.floor(random() * 3);
    for (let i = 0; i < members; i++)
      body[fields.length && random() < 0.85 ? pick(fields) : `unknown${i}`] = pick(BAD_VALUES)();
    const complete = inputs.required.every((field) => body[field] !== undefined && body[field] !== null);
    if (complete && !refusedByState) body.notAField = 1;
    return JSON.stringify(body);
  }

  function cases(): Case[] {
    const all: Case[] = [];
    for (const route of routes) {
      const caller = callerFor(route);
      const inputs = inputsOf(document, route);
      const params = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]);
      const reads = route.method === 'GET';
      const base = { route, caller, headers: {} };
      const signIn = !caller && route.method === 'POST';
      const limit = (n: number) => (signIn ? Math.min(n, PUBLIC_CASES) : n);
      // A write that takes no body (apply, deactivate, a checkpoint) would act on real ids: only bad ids for it.
      const acts = !reads && !inputs.body;
      const refusedByState = REFUSED_BY_STATE.includes(route.key);
      for (const param of params) {
        for (let i = 0; i < PATH_CASES_PER_PARAM; i++) {
          const path = fillPath(route.path, ids, (name) => (name === param ? pick(BAD_PATH_VALUES)() : undefined));
          all.push({ ...base, path, query: '', body: reads ? undefined : badBody(inputs, refusedByState) });
        }
      }
      const path = fillPath(route.path, ids);
      all.push({
        ...base,
        path,
        query: '',
        headers: { authorization: pick(['Bearer', 'Bearer x.y.z', `Bearer ${'a'.repeat(8_000)}`, 'Basic %%%']) },
        caller: undefined,
      });
      if (acts) continue;
      if (reads || inputs.query.length > 0) {
        for (let i = 0; i < limit(QUERY_CASES); i++) {
          const named =
            inputs.query.length > 0 && random() < 0.4
              ? `&${pick(inputs.query)}=${pick(['%00', '%ED%A0%80', '0000-01-01', '1e20', 'x'.repeat(500)])}`
              : '';
          all.push({
            ...base,
            path,
            query: `?${pick(BAD_QUERIES)()}${named}`,
            body: reads ? undefined : badBody(inputs, refusedByState),
          });
        }
      }
      if (!reads) {
        for (let i = 0; i < limit(BODY_CASES); i++) {
          // Not parsed as JSON, a body is empty: a valid one where nothing is required (PATCH), so not sent there.
          const headers = random() < 0.1 ? pick(inputs.required.length > 0 ? BAD_HEADERS : BAD_HEADERS.slice(2))() : {};
          all.push({ ...base, path, query: '', headers, body: badBody(inputs, refusedByState) });
        }
      }
    }
    return all;
  }

  /** Through a real socket with keep-alive (fetch), not a server started per request. */
  async function send(c: Case): Promise<{ status: number; text: string; what: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...c.headers };
    if (c.caller) headers.authorization = `Bearer ${tokens.get(c.caller)}`;
    const response = await fetch(`${base}${c.path}${c.query}`, { method: c.route.method, headers, body: c.body });
    const text = await response.text();
    return {
      status: response.status,
      text,
      what: `${c.route.key} ${c.path.slice(0, 120)}${c.query.slice(0, 80)} ${(c.body ?? '').slice(0, 120)}: ${response.status} ${text.slice(0, 160)}`,
    };
  }

  it('a lone surrogate in a JSON string reaches the service as one, and is refused naming the field', async () => {
    const response = await t
      .http()
      .post(`/api/v1/assignments/${ids.assignment}/cancel`)
      .set('authorization', `Bearer ${tokens.get('pk.ambon')}`)
      .send({ reason: 'a\ud800b' });
    expect(JSON.stringify({ reason: 'a\ud800b' })).toContain('\\ud800');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
  });

  it('answers no 5xx to thousands of bad requests over every route, and no table gains or loses a row', async () => {
    const generated = cases();
    // a Kanwil's look at a signal is audited by design, the one write a read makes; every other row stays.
    const looks = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM audit_event WHERE action IN ('misuse_signal.viewed', 'misuse_signal.trail_viewed')`,
        )
      )[0].n as number;
    const withoutLooks = async () => {
      const counts = await rowCounts(t.db);
      return { ...counts, audit_event: counts.audit_event - (await looks()) };
    };
    const before = await withoutLooks();
    const failures: string[] = [];
    for (let start = 0; start < generated.length; start += 8) {
      const answers = await Promise.all(generated.slice(start, start + 8).map(send));
      for (const { status, what } of answers) {
        if (status >= 500) failures.push(what);
      }
    }
    expect(failures).toEqual([]);
    expect(await withoutLooks()).toEqual(before);
    expect(generated.length).toBeGreaterThanOrEqual(2_000);
    expect(new Set(generated.map((c) => c.route.key)).size).toBe(routes.length);
  }, 120_000);

  // Last: these may change what they name (null clears a phone, an address...), which the row counts above forbid.
  it('answers each field of a PATCH set to null with 200 (cleared) or 400 naming the field, never 5xx', async () => {
    const patches = routes.filter((route) => route.method === 'PATCH');
    const wrong: string[] = [];
    let calls = 0;
    for (const route of patches) {
      for (const field of inputsOf(document, route).body ?? []) {
        const body = JSON.stringify({ [field]: null });
        const { status, text, what } = await send({
          route,
          caller: callerFor(route),
          path: fillPath(route.path, ids),
          query: '',
          headers: {},
          body,
        });
        calls++;
        const named =
          status === 400 && (JSON.parse(text).errors as { field: string }[]).some((error) => error.field === field);
        if (status !== 200 && !named) wrong.push(what);
      }
    }
    expect(wrong).toEqual([]);
    expect(patches.length).toBeGreaterThanOrEqual(2);
    expect(calls).toBeGreaterThanOrEqual(10);
  });
});
