import type { Role } from '../src/identity/user.entity.js';
import { demoCast } from '../src/database/demo-cast.js';
import { ACCESS, verdict, Verdict } from './support/access-table.js';
import {
  AmbonIds,
  ambonIds,
  fillPath,
  registeredRoutes,
  Route,
  rowCounts,
  startDemoApp,
  Username,
  USERNAMES,
} from './support/demo-app.js';
import type { TestApp } from './support/test-app.js';

/**
 * R-26, every route × every demo user (and nobody) × in and out of scope, the routes read from the running
 * router and the expected answers from one table (test/support/access-table.ts).
 */
describe('the access matrix, generated from the router', () => {
  let t: TestApp;
  let tokens: Map<Username, string>;
  let ids: AmbonIds;
  let routes: Route[];

  const ROLES = new Map(demoCast.users.map((user) => [user.username, user.role as Role]));
  const CALLERS: (Username | undefined)[] = [undefined, ...USERNAMES];

  beforeAll(async () => {
    ({ t, tokens } = await startDemoApp('matrix'));
    ids = await ambonIds(t, tokens);
    routes = registeredRoutes(t);
  }, 120_000);
  afterAll(() => t?.close());

  interface Cell {
    route: Route;
    caller: Username | undefined;
    expected: Verdict;
  }

  const cells = (): Cell[] =>
    routes
      .filter((route) => ACCESS[route.key])
      .flatMap((route) =>
        CALLERS.map((caller) => ({
          route,
          caller,
          expected: verdict(ACCESS[route.key], caller ? { username: caller, role: ROLES.get(caller)! } : undefined),
        })),
      );

  async function call(cell: Cell, body: object): Promise<{ status: number; text: string }> {
    const access = ACCESS[cell.route.key];
    const query = access.query ? `?${access.query(ids)}` : '';
    const method = cell.route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
    let request = t.http()[method](fillPath(cell.route.path, ids) + query);
    if (cell.caller) request = request.set('authorization', `Bearer ${tokens.get(cell.caller)}`);
    const response = method === 'get' ? await request : await request.send(body);
    return {
      status: response.status,
      text: `${cell.route.key} as ${cell.caller ?? 'nobody'}: ${response.status} ${response.text.slice(0, 200)}`,
    };
  }

  it('has a row for every registered route, and a route for every row', () => {
    expect(routes.length).toBeGreaterThanOrEqual(67);
    expect(routes.map((route) => route.key).filter((key) => !ACCESS[key])).toEqual([]);
    expect(Object.keys(ACCESS).filter((key) => !routes.some((route) => route.key === key))).toEqual([]);
  });

  it('refuses every caller the table denies (401 for nobody, 403 for a role, 403 or 404 out of scope), changing no row', async () => {
    const denied = cells().filter((cell) => cell.expected !== 'allowed');
    const before = await rowCounts(t.db);
    const wrong: string[] = [];
    for (const cell of denied) {
      const { status, text } = await call(cell, ACCESS[cell.route.key].denyBody?.(ids) ?? {});
      const expected = !cell.caller ? [401] : cell.expected === 'role' ? [403] : [403, 404];
      if (!expected.includes(status)) wrong.push(`${text} (expected ${expected.join(' or ')})`);
    }
    expect(wrong).toEqual([]);
    expect(await rowCounts(t.db)).toEqual(before);
    expect(denied.length).toBeGreaterThanOrEqual(444);
  }, 60_000);

  it('lets every caller the table allows through: never 401, 403 or 404, never 5xx', async () => {
    const allowed = cells().filter((cell) => cell.expected === 'allowed');
    const wrong: string[] = [];
    for (const cell of allowed) {
      const { status, text } = await call(cell, {});
      if ([401, 403, 404].includes(status) || status >= 500) wrong.push(text);
    }
    expect(wrong).toEqual([]);
    expect(allowed.length).toBeGreaterThanOrEqual(226);
    expect(cells().length).toBe(routes.length * CALLERS.length);
  }, 60_000);
});
