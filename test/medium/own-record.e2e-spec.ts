import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AgenciesService } from '../../src/agencies/agencies.service.js';
import { AuditEventRepository } from '../../src/audit/audit-event.repository.js';
import { AUDIT_CHAINS, AuditService } from '../../src/audit/audit.service.js';
import { Clock } from '../../src/common/clock.js';
import { AppConfig } from '../../src/config/app-config.js';
import { IdempotencyService } from '../../src/common/idempotency.js';
import { Transactions } from '../../src/database/transactions.js';
import { UsersService } from '../../src/identity/users.service.js';
import { DEFAULT_NOW, startTestApp, TestApp } from '../support/test-app.js';
import { ownDatabase } from '../support/test-config.js';

class CountingEvents extends AuditEventRepository {
  statements = 0;
  wrongHeads = 0;

  override async appendOnHead(...args: Parameters<AuditEventRepository['appendOnHead']>) {
    const found = await super.appendOnHead(...args);
    this.statements++;
    if (!found.appended) this.wrongHeads++;
    return found;
  }
}

interface Process {
  events: CountingEvents;
  audit: AuditService;
}

/** What the audit, idempotency and jobs repositories guarantee on the real PostgreSQL, under concurrency. */
describe('own-record: the audit trail, runOnce and idempotency records under concurrency', () => {
  let t: TestApp;
  let transactions: Transactions;
  let userId: string;

  beforeAll(async () => {
    // A database of its own: the whole trail is verified below, so nobody else's tampering may be in it.
    t = await startTestApp(DEFAULT_NOW, { DATABASE_URL: await ownDatabase('ownrecord') });
    transactions = t.app.get(Transactions);
    const kanwil = await t.app.get(AgenciesService).create(null, {
      code: `KW-${randomUUID().slice(0, 8)}`,
      name: 'Kanwil Maluku',
      kind: 'kanwil',
      region: 'ID-MA',
      timezone: 'Asia/Jayapura',
    });
    const admin = await t.app.get(UsersService).seedActivated({
      username: `admin.${randomUUID().slice(0, 8)}`,
      password: 'test-password-1',
      fullName: 'Admin',
      role: 'admin',
      agencyId: kanwil.id,
    });
    userId = admin.id;
  });
  afterAll(() => t.close());

  /** An AuditService of its own, as another process of the service has, counting its appends and wrong guesses. */
  function oneProcess(): Process {
    const events = new CountingEvents(t.app.get(DataSource));
    return { events, audit: new AuditService(events, t.app.get(Clock), t.app.get(AppConfig)) };
  }

  it('R-25: 20 transactions appending at once (more than the 16 chains) leave gapless chains that verify', async () => {
    const audit = t.app.get(AuditService);
    const entityIds = Array.from({ length: 20 }, () => randomUUID());
    await Promise.all(
      entityIds.map((entityId) =>
        transactions.run(async (tx) => {
          const change = { actorId: userId, action: 'test.appended', entityType: 'test', entityId };
          await audit.record(tx, change);
          await sleep(20); // the chain stays locked while the transaction runs on
          await audit.record(tx, { ...change, after: { second: true } });
        }),
      ),
    );

    const events: { chain: number; prev_hash: string | null; predecessor: string | null }[] = await t.db.query(
      `SELECT e.chain, e.prev_hash,
              (SELECT p.hash FROM audit_event p WHERE p.chain = e.chain AND p.seq < e.seq ORDER BY p.seq DESC LIMIT 1)
                AS predecessor
         FROM audit_event e WHERE e.entity_id = ANY($1)`,
      [entityIds],
    );
    expect(events).toHaveLength(40);
    expect(events.filter((event) => event.prev_hash !== event.predecessor)).toEqual([]);
    const verdict = await audit.verifyChain();
    expect(verdict).toEqual(expect.objectContaining({ intact: true, problems: [] }));
    expect(verdict.checked).toBeGreaterThanOrEqual(40);
  });

  it('R-25: a process chains onto the head it wrote last in one statement; a head moved by another process or a rollback is followed', async () => {
    const processes = [oneProcess(), oneProcess()];
    const entityIds: string[] = [];
    const write = async (process: Process, rollBack = false) => {
      const entityId = randomUUID();
      const written = transactions.run(async (tx) => {
        await process.audit.record(tx, { actorId: userId, action: 'test.appended', entityType: 'test', entityId });
        if (rollBack) throw new Error('rolled back');
      });
      if (rollBack) await expect(written).rejects.toThrow('rolled back');
      else {
        await written;
        entityIds.push(entityId);
      }
    };
    // 200 transactions reach every one of the 16 chains (all but once in 25,000 runs).
    for (let i = 0; i < 200; i++) await write(processes[0]);
    expect(processes[0].events.wrongHeads).toBeLessThanOrEqual(AUDIT_CHAINS);
    processes[0].events.wrongHeads = processes[0].events.statements = 0;
    for (let i = 0; i < 32; i++) await write(processes[0]);
    expect(processes[0].events).toEqual(expect.objectContaining({ statements: 32, wrongHeads: 0 }));

    for (let i = 0; i < 64; i++) await write(processes[i % 3 === 0 ? 1 : 0], i % 5 === 0);
    expect(processes[0].events.wrongHeads + processes[1].events.wrongHeads).toBeGreaterThan(0);
    const events: { prev_hash: string | null; predecessor: string | null }[] = await t.db.query(
      `SELECT e.prev_hash,
              (SELECT p.hash FROM audit_event p WHERE p.chain = e.chain AND p.seq < e.seq ORDER BY p.seq DESC LIMIT 1)
                AS predecessor
         FROM audit_event e WHERE e.entity_type = 'test'`,
    );
    expect(events.length).toBeGreaterThanOrEqual(entityIds.length);
    expect(events.filter((event) => event.prev_hash !== event.predecessor)).toEqual([]);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM audit_event WHERE entity_id = ANY($1)`, [
      entityIds,
    ]);
    expect(entityIds).toHaveLength(200 + 32 + 64 - 13);
    expect(count).toBe(entityIds.length);
    expect(await t.app.get(AuditService).verifyChain()).toEqual(expect.objectContaining({ intact: true }));
  });

  it('runOnce: of 10 replicas starting the same work at once, exactly one does it', async () => {
    let runs = 0;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        transactions.runOnce('own-record.medium', async () => {
          runs++;
          await sleep(300);
          return 'done';
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(answers.filter((answer) => answer === 'done')).toHaveLength(1);
    expect(answers.filter((answer) => answer === null)).toHaveLength(9);
  });

  it('an Idempotency-Key sent 20 times at once is stored once and its work done once', async () => {
    const idempotency = t.app.get(IdempotencyService);
    const key = `key-${randomUUID()}`;
    let done = 0;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        transactions.run((tx) =>
          idempotency.once(tx, { userId, key, fingerprint: { tap: 'check-in' } }, async () => {
            done++;
            await sleep(100);
            return { done };
          }),
        ),
      ),
    );
    expect(done).toBe(1);
    expect(answers).toEqual(Array(20).fill({ done: 1 }));
    const rows = await t.db.query(`SELECT response FROM idempotency_record WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
    ]);
    expect(rows).toEqual([{ response: { done: 1 } }]);
  });

  it('a key whose work failed is rolled back with it, and may be sent again', async () => {
    const idempotency = t.app.get(IdempotencyService);
    const request = { userId, key: `key-${randomUUID()}`, fingerprint: { tap: 'check-out' } };
    const failing = transactions.run((tx) =>
      idempotency.once(tx, request, () => Promise.reject(new Error('the change failed'))),
    );
    await expect(failing).rejects.toThrow('the change failed');
    const stored = () =>
      t.db.query(`SELECT 1 FROM idempotency_record WHERE user_id = $1 AND key = $2`, [request.userId, request.key]);
    expect(await stored()).toHaveLength(0);

    await expect(transactions.run((tx) => idempotency.once(tx, request, async () => 'again'))).resolves.toBe('again');
    expect(await stored()).toHaveLength(1);
  });
});
