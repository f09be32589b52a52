import pg from 'pg';
import { freePort } from './support/own-redis.js';
import { SpawnedService } from './support/spawned-service.js';
import { asServiceRole, ownDatabase } from './support/test-config.js';
import { waitFor } from './support/wait.js';

const DEADLINE_MS = 5000;

/**
 * Shutdown of the built service (dist/main.js) in its default role (APP_ROLE=all, the worker's reconcile at
 * boot on) with Redis unreachable the whole time: it listens, says Redis is down, logs that once however many
 * times it retries, and on SIGTERM stops taking requests, lets the running ones finish and exits within
 * SHUTDOWN_TIMEOUT_MS; when a request can't finish, the deadline (or a second SIGTERM) ends it.
 */
describe('shutdown (SIGTERM) with Redis unreachable', () => {
  let env: Record<string, string>;
  let databaseUrl: string;
  let services: SpawnedService[] = [];

  const start = async (extra: Record<string, string> = {}) => {
    const service = await SpawnedService.start({ ...env, ...extra });
    services.push(service);
    return service;
  };

  /** A transaction of the test's own holds app_user, so a login waits inside PostgreSQL until it is released. */
  async function holdUsers(): Promise<pg.Client> {
    const holder = new pg.Client({ connectionString: databaseUrl, application_name: 'bakti-shutdown-test' });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE app_user IN ACCESS EXCLUSIVE MODE');
    return holder;
  }
  const login = (service: SpawnedService) =>
    fetch(`${service.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nobody', password: 'not-a-password' }),
    });
  /**
   * Logins of the service waiting on that lock, counted in PostgreSQL. A service ended by its deadline leaves its
   * backend waiting until the lock goes (PostgreSQL notices the client gone only then): count those first.
   */
  const waitingLogins = async () => {
    const probe = new pg.Client({ connectionString: databaseUrl });
    await probe.connect();
    try {
      const { rows } = await probe.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND application_name IN ('bakti-all', 'bakti-api') AND wait_event_type = 'Lock'`,
      );
      return rows[0].count;
    } finally {
      await probe.end();
    }
  };
  const loginWaiting = (already = 0) =>
    waitFor(async () => (await waitingLogins()) > already, 'the login waiting on the lock');

  beforeAll(async () => {
    databaseUrl = await ownDatabase('shutdown');
    env = {
      NODE_ENV: 'production',
      APP_ROLE: 'all',
      DATABASE_URL: asServiceRole(databaseUrl),
      MIGRATION_DATABASE_URL: databaseUrl,
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      JWT_SECRET: 'shutdown-test-secret-of-at-least-32-characters',
      AUDIT_KEY: 'shutdown-test-audit-key-of-at-least-32-characters',
      QUEUE_PREFIX: '{bakti-shutdown}',
      SHUTDOWN_TIMEOUT_MS: String(DEADLINE_MS),
      SEED_DEMO: 'false',
      RECONCILE_ON_BOOT: 'true',
    };
  });
  afterEach(() => {
    for (const service of services) service.kill();
    services = [];
  });

  const SPAWNING_TEST_MS = 90_000;

  it(
    "listens in APP_ROLE=all with Redis down, logs JSON and Redis's state once, and SIGTERM exits 0 within SHUTDOWN_TIMEOUT_MS",
    async () => {
      const service = await start();
      const readiness = await service.get('/api/v1/health');
      expect(readiness.status).toBe(503);
      expect(await readiness.json()).toMatchObject({ status: 'unavailable', redis: 'down', postgres: 'up' });
      // Up for 2 s: ioredis has retried several times by now (every 200-400 ms at first).
      await waitFor(
        async () =>
          ((await (await service.get('/api/v1/health/live')).json()) as { uptimeSeconds: number }).uptimeSeconds >= 2,
        'two seconds up',
      );

      const sent = service.signal('SIGTERM');
      const { code, at } = await service.exited;
      expect(code).toBe(0);
      expect(at - sent).toBeLessThan(DEADLINE_MS);

      const logs = service.lines.map(
        (line) => JSON.parse(line) as { context?: string; message: unknown; level: string },
      );
      expect(logs.filter((log) => log.context === 'Redis').map((log) => log.message)).toEqual([
        expect.stringContaining('Redis is unreachable'),
      ]);
      expect(service.lines.join('\n')).not.toMatch(/Unhandled error event/);
      expect(
        logs.find((log) => log.context === 'HTTP' && (log.message as { route?: string }).route === '/api/v1/health')
          ?.message,
      ).toEqual({
        msg: 'request',
        method: 'GET',
        route: '/api/v1/health',
        status: 503,
        durationMs: expect.any(Number),
        userId: null,
        requestId: readiness.headers.get('x-request-id'),
      });
    },
    SPAWNING_TEST_MS,
  );

  it(
    'SIGTERM stops taking requests and lets the request in flight finish before exiting 0',
    async () => {
      const service = await start({ SHUTDOWN_TIMEOUT_MS: '30000' }); // not about the deadline: room for a loaded machine
      const holder = await holdUsers();
      try {
        const inFlight = login(service);
        await loginWaiting();
        service.signal('SIGTERM');
        await waitFor(
          async () =>
            await service.get('/api/v1/health/live').then(
              () => false,
              () => true,
            ),
          'new connections refused',
        );
        await holder.query('ROLLBACK');
        expect((await inFlight).status).toBe(401);
        expect((await service.exited).code).toBe(0);
      } finally {
        await holder.end();
      }
    },
    SPAWNING_TEST_MS,
  );

  it(
    'API_PROCESSES=2: both HTTP processes serve one port; SIGTERM to the primary lets the request in flight finish and every process exit 0',
    async () => {
      // Two Nest applications booting at once: room for a loaded machine.
      const service = await SpawnedService.start({ ...env, API_PROCESSES: '2', SHUTDOWN_TIMEOUT_MS: '30000' }, 150_000);
      services.push(service);
      await waitFor(
        () => service.lines.filter((line) => line.includes('/api/v1, docs on')).length === 2,
        'both HTTP processes listening',
        150_000,
      );
      const holder = await holdUsers();
      try {
        const inFlight = login(service);
        await loginWaiting();
        service.signal('SIGTERM');
        await waitFor(
          () => service.lines.filter((line) => line.includes('SIGTERM: stopping')).length === 2,
          'both processes stopping',
        );
        await holder.query('ROLLBACK');
        expect((await inFlight).status).toBe(401);
        expect((await service.exited).code).toBe(0);
        expect(service.lines.filter((line) => line.includes('"Stopped"'))).toHaveLength(2);
        expect(service.lines.some((line) => line.includes('Every HTTP process stopped'))).toBe(true);
      } finally {
        await holder.end();
      }
    },
    4 * SPAWNING_TEST_MS,
  );

  it(
    "a request that can't finish: the deadline ends the process (exit 1), and a second SIGTERM ends it at once",
    async () => {
      const holder = await holdUsers();
      try {
        const stuck = await start();
        void login(stuck).catch(() => undefined);
        await loginWaiting();
        const sent = stuck.signal('SIGTERM');
        const { code, at } = await stuck.exited;
        expect(code).toBe(1);
        expect(at - sent).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
        expect(at - sent).toBeLessThan(DEADLINE_MS + 2000);

        const impatient = await start({ SHUTDOWN_TIMEOUT_MS: '60000' });
        const left = await waitingLogins();
        void login(impatient).catch(() => undefined);
        await loginWaiting(left);
        impatient.signal('SIGTERM');
        await waitFor(
          () => impatient.lines.some((line) => line.includes('SIGTERM: stopping')),
          'the first SIGTERM taken',
        );
        const second = impatient.signal('SIGTERM');
        const ended = await impatient.exited;
        expect(ended.code).toBe(1);
        expect(ended.at - second).toBeLessThan(2000);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
    },
    SPAWNING_TEST_MS,
  );
});
