import { ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { redisConnection } from '../src/common/redis.js';
import { QUEUES } from '../src/jobs/jobs.js';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { startTestApp, TestApp } from './support/test-app.js';
import { ownDatabase, testRedisUrl } from './support/test-config.js';
import { waitFor } from './support/wait.js';
import { World } from './support/world.js';

/**
 * Delivery through the webhook channel, end to end: the API stores a notification (and its outbox row), a worker
 * running as its own process (`node dist/main.js`, APP_ROLE=worker) relays and sends it to a stand-in gateway
 * in this process. The file has its own database, Redis database and queue prefix, so no other test file's
 * outbox rows or jobs meet this file's worker.
 */
const REDIS_URL = testRedisUrl(7);
const PREFIX = `{bakti-delivery-${randomInt(1e9)}}`;
const SECRET = 'delivery-test-secret-0123456789';
const PHONE = '081234567890';
const E164 = '+6281234567890';
const WORKER_LOCK_MS = 1500;

interface Received {
  id: string;
  raw: string;
  body: Record<string, unknown>;
  signatureValid: boolean;
  answered: number | 'held';
}

/**
 * An SMS/WhatsApp gateway standing in for the real one: it checks the signature, keeps every POST, takes each
 * message id once ("dedupe by id": a repeated id is acknowledged but not delivered again), and can be down
 * (503), refuse messages (400), or hold requests without answering (a send in flight).
 */
class Gateway {
  mode: 'normal' | 'down' | 'refuse' | 'hold' = 'normal';
  readonly received: Received[] = [];
  /** How often each id was taken as a new message; the dedupe keeps this at most 1. */
  readonly deliveries = new Map<string, number>();
  private readonly delivered = new Set<string>();
  private readonly held = new Set<ServerResponse>();
  private sequence = 0;
  private server: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/send`;
  }

  async stop(): Promise<void> {
    this.releaseHeld();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  of(id: string): Received[] {
    return this.received.filter((r) => r.id === id);
  }

  /** Held requests are dropped (their sender is usually dead by then). */
  releaseHeld(): void {
    for (const res of this.held) res.destroy();
    this.held.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (req.method !== 'POST' || req.url !== '/send') return void res.writeHead(404).end();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw);
    } catch {
      // recorded with an empty body; the assertions catch it
    }
    const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`);
    const given = Buffer.from(String(req.headers['x-bakti-signature'] ?? ''));
    const received: Received = {
      id: String(body.id),
      raw,
      body,
      signatureValid: given.length === expected.length && timingSafeEqual(given, expected),
      answered: 'held',
    };
    this.received.push(received);
    const answer = (status: number, payload: object) => {
      received.answered = status;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    if (this.mode === 'down') return answer(503, { error: 'maintenance' });
    if (this.mode === 'refuse') return answer(400, { error: 'invalid recipient' });
    // From here on the gateway has the message: a held request is one whose answer never reaches the sender.
    if (!this.delivered.has(received.id)) {
      this.delivered.add(received.id);
      this.deliveries.set(received.id, (this.deliveries.get(received.id) ?? 0) + 1);
    }
    if (this.mode === 'hold') {
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      return;
    }
    answer(200, { id: `gw-${++this.sequence}`, status: 'queued' });
  }
}

/** A worker process as production runs it: `node dist/main.js` with APP_ROLE=worker and the webhook channel. */
class WorkerProcess {
  readonly output: string[] = [];
  private exited: Promise<void>;

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stdout!.on('data', (data: Buffer) => this.output.push(data.toString()));
    child.stderr!.on('data', (data: Buffer) => this.output.push(data.toString()));
  }

  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    const worker = new WorkerProcess(
      spawn(process.execPath, ['dist/main.js'], {
        cwd: process.cwd(),
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let exitCode: number | null = null;
    worker.child.once('exit', (code) => (exitCode = code ?? -1));
    try {
      await waitFor(
        () => {
          if (exitCode !== null) throw new Error(`worker exited with ${exitCode} before it ran:\n${worker.log()}`);
          return worker.output.join('').includes('Worker running');
        },
        'the worker process to start',
        40_000, // a Nest boot: 12 to 14 s at a load average of 11
      );
    } catch (error) {
      await worker.stop();
      throw error;
    }
    return worker;
  }

  log(): string {
    return this.output.join('');
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM (graceful shutdown), SIGKILL when it takes longer than 5 s. */
  async stop(): Promise<void> {
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.running && this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

interface NotificationRow {
  id: string;
  status: string;
  attempts: number;
  provider_id: string | null;
  provider_status: string | null;
  status_reason: string | null;
  sent_at: Date | null;
  channel: string;
  to_address: string;
  text: string;
  locale: string;
}

interface AttemptRow {
  outcome: 'sent' | 'failed';
  http_status: number | null;
  provider_id: string | null;
  provider_status: string | null;
  error: string | null;
}

describe('notifications through the webhook gateway, with a worker process that can die', () => {
  let t: TestApp;
  let w: World;
  let redis: Redis;
  let delivery: Queue;
  let gateway: Gateway;
  let workerEnv: Record<string, string>;
  const workers: WorkerProcess[] = [];

  const startWorker = async () => {
    const worker = await WorkerProcess.start(workerEnv);
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    await redis.flushdb();
    gateway = new Gateway();
    await gateway.start();
    const DATABASE_URL = await ownDatabase('delivery');
    const notify = { NOTIFY_CHANNEL: 'webhook', NOTIFY_WEBHOOK_URL: gateway.url, NOTIFY_WEBHOOK_SECRET: SECRET };
    // The API role only writes; its clock is real time so the worker (real clock) runs the delivery at once.
    t = await startTestApp(new Date().toISOString(), {
      APP_ROLE: 'api',
      DATABASE_URL,
      REDIS_URL,
      QUEUE_PREFIX: PREFIX,
      ...notify,
    });
    w = await World.build(t);
    delivery = new Queue(QUEUES.delivery, { connection: redisConnection(REDIS_URL), prefix: PREFIX });
    workerEnv = {
      ...notify,
      NODE_ENV: 'test',
      NODE_OPTIONS: '',
      APP_ROLE: 'worker',
      DATABASE_URL,
      REDIS_URL,
      QUEUE_PREFIX: PREFIX,
      SEED_DEMO: 'false',
      NOTIFY_RETRY_BASE_MS: '200',
      WORKER_LOCK_MS: String(WORKER_LOCK_MS),
      OUTBOX_POLL_MS: '50',
      RECONCILE_ON_BOOT: 'false',
    };
  }, 90_000); // a database of its own, the app and a world (a dozen argon2 sign-ins): slow on a loaded machine

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    gateway.releaseHeld();
    gateway.mode = 'normal';
  }, 15_000);

  afterAll(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.kill()));
    await delivery?.close();
    await gateway?.stop();
    await t?.close();
    if (redis) {
      await redis.flushdb();
      redis.disconnect();
    }
  }, 15_000);

  /** A person with a phone, and a warning for them stored (with its outbox row) in one transaction. */
  async function notifyWarning(): Promise<{ personId: string; subjectKey: string; id: string }> {
    const personId = await w.person({ phone: PHONE });
    const subjectKey = `delivery-${randomInt(1e9)}`;
    const stored = await t.db.transaction((manager) =>
      t.app.get(NotificationsService).notify(manager, {
        recipient: { type: 'person', id: personId },
        reason: 'warning',
        subjectKey,
        params: () => ({ date: '2026-11-20', site: `A ${w.tag}`, reason: 'tidak hadir tanpa kabar' }),
      }),
    );
    expect(stored).toBe(true);
    const [{ id }] = await t.db.query(
      `SELECT id FROM notification WHERE recipient_id = $1 AND reason = 'warning' AND subject_key = $2`,
      [personId, subjectKey],
    );
    return { personId, subjectKey, id };
  }

  const notification = async (id: string): Promise<NotificationRow> =>
    (await t.db.query(`SELECT * FROM notification WHERE id = $1`, [id]))[0];
  const attempts = (id: string): Promise<AttemptRow[]> =>
    t.db.query(
      `SELECT outcome, http_status, provider_id, provider_status, error FROM notification_attempt WHERE notification_id = $1 ORDER BY id`,
      [id],
    );
  const settled = (id: string, status: 'sent' | 'failed', timeoutMs = 10_000) =>
    waitFor(
      async () => {
        const row = await notification(id);
        return row.status === status ? row : null;
      },
      `notification ${id} to be ${status}`,
      timeoutMs,
    );
  /** The delivery job is finished in BullMQ: nothing will send this notification again. */
  const jobFinished = (id: string, state: 'completed' | 'failed') =>
    waitFor(async () => {
      // The state first, then the job: a job read before it finished would show its old attempts and no result.
      if ((await delivery.getJobState(`deliver-${id}`)) !== state) return null;
      return delivery.getJob(`deliver-${id}`);
    }, `job deliver-${id} to be ${state}`);

  it("the webhook POST carries {id, reason, to, text, locale} signed with the secret; the gateway's id and status are recorded and shown in the history", async () => {
    await startWorker();
    const n = await notifyWarning();

    const sent = await settled(n.id, 'sent');

    const [post, ...more] = gateway.of(n.id);
    expect(more).toEqual([]);
    expect(post.signatureValid).toBe(true);
    expect(post.body).toEqual(
      expect.objectContaining({ id: n.id, reason: 'warning', to: E164, locale: 'id', text: sent.text }),
    );
    expect(post.body.text).toContain('PERINGATAN TERTULIS');
    expect(post.body.text).toContain(`A ${w.tag}`);
    expect(post.body.text).not.toMatch(/\{\w+\}/);
    expect(gateway.deliveries.get(n.id)).toBe(1);
    expect(sent).toEqual(
      expect.objectContaining({
        channel: 'webhook',
        to_address: E164,
        attempts: 1,
        provider_status: 'queued',
        status_reason: null,
      }),
    );
    expect(sent.provider_id).toMatch(/^gw-\d+$/);
    expect(sent.sent_at).not.toBeNull();

    const listed = await w.get('supervisor', `/persons/${n.personId}/notifications`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: n.id,
        reason: 'warning',
        subjectKey: n.subjectKey,
        status: 'sent',
        to: E164,
        attempts: 1,
        providerId: sent.provider_id,
        providerStatus: 'queued',
        history: [
          expect.objectContaining({
            outcome: 'sent',
            httpStatus: 200,
            providerId: sent.provider_id,
            providerStatus: 'queued',
            error: null,
          }),
        ],
      }),
    ]);
    expect((await jobFinished(n.id, 'completed')).returnvalue).toBe('sent');
  }, 90_000);

  it('a worker killed with SIGKILL in the middle of a send: the job is retried by another worker and the gateway delivers the message exactly once (dedupe by id)', async () => {
    gateway.mode = 'hold';
    const a = await startWorker();
    const n = await notifyWarning();

    await waitFor(() => gateway.of(n.id).length > 0, 'the gateway to receive the POST');
    expect((await notification(n.id)).status).toBe('pending'); // mid-send: the answer never came back
    await a.kill();
    expect(a.child.signalCode).toBe('SIGKILL');
    gateway.mode = 'normal';
    await startWorker();

    const sent = await settled(n.id, 'sent', 20_000);
    await jobFinished(n.id, 'completed');

    const posts = gateway.of(n.id);
    // The first POST never got its answer; the row can only be sent through a later, answered one.
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts[0].answered).toBe('held');
    expect(posts.at(-1)!.answered).toBe(200);
    // Every retry carries the same id (and the same signed body), so the gateway can drop it as a repeat.
    expect(new Set(posts.map((post) => post.raw)).size).toBe(1);
    expect(posts.every((post) => post.signatureValid && post.body.id === n.id)).toBe(true);
    expect(gateway.deliveries.get(n.id)).toBe(1);
    expect(sent.provider_status).toBe('queued');
    expect((await attempts(n.id)).filter((attempt) => attempt.outcome === 'sent')).toHaveLength(1);
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int FROM notification WHERE recipient_id = $1 AND reason = 'warning' AND subject_key = $2`,
      [n.personId, n.subjectKey],
    );
    expect(count).toBe(1);
  }, 90_000);

  it('the gateway down for a while: the delivery is retried with backoff, then sent once it is back; every attempt is in the history', async () => {
    gateway.mode = 'down';
    await startWorker();
    const n = await notifyWarning();

    const failed = await waitFor(async () => {
      const rows = await attempts(n.id);
      return rows.length >= 3 ? rows : null;
    }, 'three failed attempts');
    expect(failed.every((attempt) => attempt.outcome === 'failed' && attempt.http_status === 503)).toBe(true);
    expect((await notification(n.id)).status).toBe('pending');
    gateway.mode = 'normal';

    const sent = await settled(n.id, 'sent');
    await jobFinished(n.id, 'completed');

    const history = await attempts(n.id);
    expect(history.length).toBeGreaterThanOrEqual(4);
    expect(history.slice(0, -1)).toEqual(
      history
        .slice(0, -1)
        .map(() => expect.objectContaining({ outcome: 'failed', http_status: 503, provider_id: null })),
    );
    expect(history.at(-1)).toEqual(
      expect.objectContaining({
        outcome: 'sent',
        http_status: 200,
        provider_id: sent.provider_id,
        provider_status: 'queued',
        error: null,
      }),
    );
    expect(sent.attempts).toBe(history.length);
    expect(sent.status_reason).toBeNull();
    expect(gateway.of(n.id).map((post) => post.answered)).toEqual([...history.slice(0, -1).map(() => 503), 200]);
    expect(gateway.deliveries.get(n.id)).toBe(1);

    const listed = await w.get('supervisor', `/persons/${n.personId}/notifications`);
    expect(
      listed.body.items[0].history.map(
        (attempt: { outcome: string; httpStatus: number }) => `${attempt.outcome} ${attempt.httpStatus}`,
      ),
    ).toEqual([...history.slice(0, -1).map(() => 'failed 503'), 'sent 200']);
  }, 30_000);

  it('a gateway that refuses the message itself (HTTP 400) is not retried: the notification ends failed after one attempt', async () => {
    gateway.mode = 'refuse';
    await startWorker();
    const n = await notifyWarning();

    const failed = await settled(n.id, 'failed');
    const job = await jobFinished(n.id, 'failed');

    expect(job.attemptsMade).toBe(1);
    expect(failed.attempts).toBe(1);
    expect(failed.status_reason).toContain('400');
    expect(failed.sent_at).toBeNull();
    expect(await attempts(n.id)).toEqual([
      expect.objectContaining({ outcome: 'failed', http_status: 400, provider_id: null }),
    ]);
    expect(gateway.of(n.id)).toHaveLength(1);
    expect(gateway.deliveries.has(n.id)).toBe(false);
  });
});
