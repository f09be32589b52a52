import { randomUUID } from 'node:crypto';
import { ConsoleLogger } from '@nestjs/common';
import { IdempotencyExpiry } from '../src/common/idempotency-expiry.js';
import { IdempotencyService } from '../src/common/idempotency.js';
import { AppConfig } from '../src/config/app-config.js';
import { Transactions } from '../src/database/transactions.js';
import { DEFAULT_NOW, TestApp } from './support/test-app.js';
import { testRedisUrl } from './support/test-config.js';
import { World } from './support/world.js';

const METRICS_TOKEN = 'metrics-token-for-the-tests';

/** Keeps what the application logs, as the production logger would print it (JSON). */
class KeptLogs extends ConsoleLogger {
  readonly lines: { context?: string; message: unknown }[] = [];

  constructor() {
    super({ json: true, logLevels: ['log', 'warn', 'error'] });
  }

  protected override printMessages(messages: unknown[], context?: string): void {
    for (const message of messages) this.lines.push({ context, message });
  }
}

/** Access log, request ids, /metrics and the expiry of idempotency keys. */
describe('operations: access log, request ids, metrics, idempotency expiry', () => {
  let t: TestApp;
  let w: World;
  let logs: KeptLogs;

  beforeAll(async () => {
    logs = new KeptLogs();
    // The production logger kept, so the JSON lines themselves are checked.
    ({ t, w } = await World.start(
      DEFAULT_NOW,
      {
        REDIS_URL: testRedisUrl(13),
        QUEUE_PREFIX: '{bakti-ops-test}',
        METRICS_TOKEN,
        NODE_ENV: 'production',
        JWT_SECRET: 'operations-test-secret-of-32-characters-or-more',
        AUDIT_KEY: 'operations-test-audit-key-of-32-characters-or-more',
      },
      logs,
    ));
  }, 90_000); // World.build signs in a dozen users (argon2): slow on a loaded machine
  afterAll(() => t.close());

  const accessLines = (requestId: string) =>
    logs.lines
      .filter((line) => line.context === 'HTTP' && (line.message as { requestId?: string }).requestId === requestId)
      .map((line) => line.message);

  it('one access log line per request: method, route, status, duration, user and request id; no password, token or NIK', async () => {
    const nik = '8171012345678901';
    const person = await w.post('supervisor', '/persons', {
      fullName: 'Klien Log',
      nik,
      birthDate: '1990-01-15',
      sex: 'M',
    });
    expect(person.status).toBe(201);
    const read = await w.get('supervisor', `/persons/${person.body.id}?nik=${nik}`);
    expect(read.status).toBe(200);
    expect(accessLines(read.headers['x-request-id'])).toEqual([
      {
        msg: 'request',
        method: 'GET',
        route: '/api/v1/persons/:id',
        status: 200,
        durationMs: expect.any(Number),
        userId: w.ids.supervisor,
        requestId: read.headers['x-request-id'],
      },
    ]);
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'nobody', password: 'secret-password-in-body' });
    expect(accessLines(login.headers['x-request-id'])).toEqual([
      expect.objectContaining({ method: 'POST', route: '/api/v1/auth/login', status: 401, userId: null }),
    ]);

    const everything = JSON.stringify(logs.lines);
    expect(everything).not.toContain(nik);
    expect(everything).not.toContain('secret-password-in-body');
    expect(everything).not.toContain(w.authorization('supervisor').slice(7));
  });

  it("X-Request-Id: a caller's sane id is echoed, anything else replaced; problem+json carries it", async () => {
    const given = `trace-${randomUUID()}`;
    const echoed = await t.http().get('/api/v1/health/live').set('X-Request-Id', given);
    expect(echoed.status).toBe(200);
    expect(echoed.headers['x-request-id']).toBe(given);
    const replaced = await t.http().get('/api/v1/health/live').set('X-Request-Id', 'no spaces <or> markup');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const missing = await w.get('supervisor', '/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body.requestId).toBe(missing.headers['x-request-id']);
    const refused = await t.http().post('/api/v1/persons').set('X-Request-Id', given).send({});
    expect(refused.status).toBe(401);
    expect(refused.body.requestId).toBe(given);
  });

  it('/metrics in Prometheus text for the bearer of METRICS_TOKEN only: HTTP latency by route, queues, outbox, deliveries, planner', async () => {
    const anonymous = await t.http().get('/metrics').set('Accept-Language', 'en');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect(anonymous.body).toMatchObject({
      type: 'urn:bakti:problem:metrics.token_required',
      detail: 'The METRICS_TOKEN bearer token is required.',
      requestId: anonymous.headers['x-request-id'],
    });
    expect((await t.http().get('/metrics').set('authorization', 'Bearer wrong-token-of-the-same-size')).status).toBe(
      401,
    );
    expect((await t.http().get('/metrics').set('authorization', w.authorization('admin'))).status).toBe(401);

    const orderId = await w.personWithOrder({ home: { lat: -3.6925, lng: 128.1842 } });
    const shift = await w.shift('siteA', { date: '2026-12-08' });
    expect(
      (await w.post('supervisor', `/orders/${orderId}/plan`, { from: '2026-12-07', to: '2026-12-13' })).status,
    ).toBe(201);
    expect((await w.book(orderId, shift.id)).status).toBe(201);

    const metrics = await t.http().get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = metrics.text;
    expect(text).toMatch(
      /^bakti_http_request_duration_seconds_bucket\{le="\+Inf",method="POST",route="\/api\/v1\/orders\/:id\/plan",status="201"\} 1$/m,
    );
    expect(text).toMatch(
      /^bakti_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/orders\/:id\/plan",status="201"\} 1$/m,
    );
    expect(text).not.toContain(orderId);
    for (const state of ['waiting', 'active', 'delayed', 'failed']) {
      expect(text).toMatch(new RegExp(`^bakti_queue_jobs\\{queue="work",state="${state}"\\} \\d+$`, 'm'));
      expect(text).toMatch(new RegExp(`^bakti_queue_jobs\\{queue="delivery",state="${state}"\\} \\d+$`, 'm'));
    }
    expect(text).toMatch(/^bakti_outbox_pending [1-9]\d*$/m); // the API role relays nothing: the booking's jobs wait
    expect(text).toMatch(/^bakti_outbox_lag_seconds \d+(\.\d+)?$/m);
    expect(text).toMatch(/^bakti_planner_duration_seconds_count\{scope="order"\} 1$/m);
    expect(text).toContain('# TYPE bakti_notification_delivery_failures_total counter');
    expect(text).toContain('# TYPE bakti_queue_job_failures_total counter');
    expect(text).toMatch(/^bakti_process_resident_memory_bytes \d+$/m);
  });

  it('idempotency keys older than IDEMPOTENCY_TTL_HOURS are forgotten, by one replica at a time', async () => {
    const expiry = new IdempotencyExpiry(
      new Transactions(t.db),
      t.app.get(IdempotencyService),
      t.clock,
      t.app.get(AppConfig),
    );
    const ttlHours = t.app.get(AppConfig).IDEMPOTENCY_TTL_HOURS;
    const keys = { old: `old-${randomUUID()}`, young: `young-${randomUUID()}` };
    const ago = (hours: number) => new Date(t.clock.now().getTime() - hours * 3600_000);
    await t.db.query(
      `INSERT INTO idempotency_record (user_id, key, request_hash, status_code, response, created_at)
       VALUES ($1, $2, 'h', 200, '{}', $3), ($1, $4, 'h', 200, '{}', $5)`,
      [w.ids.coordinatorA, keys.old, ago(ttlHours + 1), keys.young, ago(ttlHours - 1)],
    );
    const remaining = () =>
      t.db.query(`SELECT key FROM idempotency_record WHERE key = ANY($1) ORDER BY key`, [Object.values(keys)]);

    const other = await t.db.createQueryRunner();
    await other.connect();
    await other.query(`SELECT pg_advisory_lock(hashtext('bakti.idempotency-expiry'))`);
    expect(await expiry.run()).toBeNull(); // another replica is at it
    expect(await remaining()).toHaveLength(2);
    await other.query(`SELECT pg_advisory_unlock(hashtext('bakti.idempotency-expiry'))`);
    await other.release();

    expect(await expiry.run()).toBeGreaterThanOrEqual(1);
    expect(await remaining()).toEqual([{ key: keys.young }]);
  });
});
