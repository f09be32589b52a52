import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { AuditCheckpoints } from '../src/audit/audit-checkpoints.service.js';
import { canonicalJson } from '../src/common/canonical-json.js';
import { grantServiceRole } from '../src/database/service-role.js';
import { DEFAULT_NOW, startTestApp, TestApp } from './support/test-app.js';
import { codes, minutesAfter } from './support/problems.js';
import { ownDatabase } from './support/test-config.js';
import { World } from './support/world.js';

/** Each attack of issue 11, tried against the running service, now refused or found (R-14, R-16, R-25..R-28, R-30). */
describe('the record defends itself', () => {
  let t: TestApp;
  let w: World;
  let service: DataSource;
  let day = 1;

  /** The anchor: a copy of every checkpoint outside the database. */
  const anchored: { body: string; signature: string | undefined }[] = [];
  const anchor = createServer((request, response) => {
    let body = '';
    request
      .on('data', (chunk) => (body += chunk))
      .on('end', () => {
        anchored.push({ body, signature: request.headers['x-bakti-signature'] as string | undefined });
        response.writeHead(204).end();
      });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => anchor.listen(0, '127.0.0.1', resolve));
    const { port } = anchor.address() as AddressInfo;
    // A database of its own: the tampering below breaks its trail on purpose.
    t = await startTestApp(DEFAULT_NOW, {
      DATABASE_URL: await ownDatabase('integrity'),
      AUDIT_ANCHOR_URL: `http://127.0.0.1:${port}/checkpoints`,
    });
    w = await World.build(t);
    service = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    anchor.close();
  });
  afterEach(() => t.clock.set(DEFAULT_NOW));

  async function workedShift(orderId: string) {
    const shift = await w.shift('siteA', {
      date: `2026-12-${String(day++).padStart(2, '0')}`,
      start: '08:00',
      end: '12:00',
    });
    const booked = await w.book(orderId, shift.id);
    expect(booked.status).toBe(201);
    t.clock.set(minutesAfter(shift.endsAt, 5));
    expect(
      (await w.post('coordinatorA', `/assignments/${booked.body.id}/check-in`, { at: shift.startsAt })).status,
    ).toBe(200);
    expect(
      (await w.post('coordinatorA', `/assignments/${booked.body.id}/check-out`, { at: shift.endsAt })).status,
    ).toBe(200);
    return booked.body.id as string;
  }

  describe("R-28: the service's database role owns nothing", () => {
    it("is no superuser and can't switch triggers off, truncate, alter or rewrite the trail", async () => {
      const [role] = await service.query(
        `SELECT current_user AS name, rolsuper FROM pg_roles WHERE rolname = current_user`,
      );
      expect(role).toEqual({ name: 'bakti_app', rolsuper: false });
      await expect(service.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
      await expect(service.query(`TRUNCATE audit_event`)).rejects.toThrow(/permission denied/);
      await expect(service.query(`DELETE FROM ledger_entry`)).rejects.toThrow(/permission denied/);
      await expect(service.query(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(service.query(`ALTER TABLE audit_event DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
      await expect(service.query(`CREATE TABLE forged (id int)`)).rejects.toThrow(/permission denied/);
    });

    it('keeps its limits while another replica starts and grants them anew', async () => {
      const serviceUrl = (service.options as { url: string }).url;
      let starting = true;
      const starts = (async () => {
        for (let start = 0; start < 20; start++) await grantServiceRole(t.db, serviceUrl);
        starting = false;
      })();
      let written = 0;
      let refused = 0;
      while (starting) {
        await service.query(`UPDATE ledger_month_totals SET minutes = minutes WHERE false`).then(
          () => written++,
          (error: Error) => (/permission denied/.test(error.message) ? refused++ : Promise.reject(error)),
        );
      }
      await starts;
      expect(refused).toBeGreaterThan(20);
      expect(written).toBe(0);
    });

    it("the service's reads run without parallel workers (short lookups, many at once)", async () => {
      const [setting] = await service.query(`SHOW max_parallel_workers_per_gather`);
      expect(setting.max_parallel_workers_per_gather).toBe('0');
    });

    it("R-16: an order's credited minutes can't be set directly, by the service or by the owner", async () => {
      const orderId = await w.personWithOrder({}, { totalHours: 8 });
      for (const db of [service, t.db]) {
        await expect(
          db.query(`UPDATE court_order SET credited_minutes = required_minutes WHERE id = $1`, [orderId]),
        ).rejects.toThrow(/sum of the ledger/);
      }
      const order = (await w.get('prosecutor', `/orders/${orderId}`)).body;
      expect(order.progress.creditedMinutes).toBe(0);
    });

    it("R-26: an order's person is a person of the order's Bapas, in the database too", async () => {
      const orderId = await w.personWithOrder({}, { totalHours: 8 });
      await expect(
        t.db.query(`UPDATE court_order SET bapas_id = $2 WHERE id = $1`, [orderId, w.ids.otherBapas]),
      ).rejects.toThrow(/court_order_person_of_bapas/);
      const [order] = await t.db.query(`SELECT bapas_id FROM court_order WHERE id = $1`, [orderId]);
      expect(order.bapas_id).toBe(w.ids.bapas);
    });
  });

  describe('R-28: separation of duties', () => {
    it('an account made by an admin is unusable until its owner activates it with the code sent to their phone', async () => {
      const username = `pk.sod.${w.tag.toLowerCase()}`;
      const created = await w.post('admin', '/users', {
        username,
        password: 'admin-chose-this-1',
        fullName: 'PK SoD',
        role: 'supervisor',
        agencyId: w.ids.bapas,
        phone: '081298765432',
      });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('pending_activation');
      const adminLogin = await t.http().post('/api/v1/auth/login').send({ username, password: 'admin-chose-this-1' });
      expect(adminLogin.status).toBe(401);

      const code = await w.activationCode(created.body.id);
      expect(JSON.stringify(created.body)).not.toContain(code);
      expect(JSON.stringify((await w.get('admin', '/users?limit=500')).body)).not.toContain(code);
      const wrong = await t
        .http()
        .post('/api/v1/auth/activate')
        .send({ username, code: code === '00000000' ? '11111111' : '00000000', password: 'my-own-password-1' });
      expect(wrong.status).toBe(409);
      expect(codes(wrong.body)).toEqual(['account.activation_code_wrong']);
      const activated = await t
        .http()
        .post('/api/v1/auth/activate')
        .send({ username, code, password: 'my-own-password-1' });
      expect(activated.status).toBe(200);
      expect(activated.body.accessToken).toEqual(expect.any(String));
      const again = await t
        .http()
        .post('/api/v1/auth/activate')
        .send({ username, code, password: 'another-password-1' });
      expect(codes(again.body)).toEqual(['account.activation_not_pending']);
      expect((await t.http().post('/api/v1/auth/login').send({ username, password: 'my-own-password-1' })).status).toBe(
        200,
      );

      const events = (await w.get('admin', `/audit-events?entityType=user&entityId=${created.body.id}`)).body.items;
      expect(events.map((e: { action: string }) => e.action)).toEqual(['user.created', 'user.activated']);
    });

    it("creation and role changes are told to the agency's head; a reset voids the password at once", async () => {
      expect((await w.post('admin', `/agencies/${w.ids.bapas}/head`, { userId: w.ids.supervisor2 })).status).toBe(200);
      const username = `pk.head.${w.tag.toLowerCase()}`;
      const created = await w.post('admin', '/users', {
        username,
        fullName: 'PK Head',
        role: 'supervisor',
        agencyId: w.ids.bapas,
        phone: '081298765433',
      });
      await w.activate(created.body.id, username, 'first-password-1');
      const patched = await t
        .http()
        .patch(`/api/v1/users/${created.body.id}`)
        .set('authorization', w.authorization('admin'))
        .send({ role: 'coordinator' });
      expect(patched.status).toBe(200);
      const told = await t.db.query(
        `SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1 AND reason = 'account_changed'`,
        [w.ids.supervisor2],
      );
      expect(told[0].n).toBeGreaterThanOrEqual(2);

      const reset = await w.post('admin', `/users/${created.body.id}/password-reset`);
      expect(reset.status).toBe(200);
      expect(reset.body.status).toBe('pending_activation');
      expect((await t.http().post('/api/v1/auth/login').send({ username, password: 'first-password-1' })).status).toBe(
        401,
      );
      await w.activate(created.body.id, username, 'second-password-1');
      expect((await t.http().post('/api/v1/auth/login').send({ username, password: 'second-password-1' })).status).toBe(
        200,
      );
    });

    it("a deactivated user's token is refused at once", async () => {
      const username = `koord.gone.${w.tag.toLowerCase()}`;
      const created = await w.post('admin', '/users', {
        username,
        fullName: 'Koord',
        role: 'coordinator',
        agencyId: w.ids.opd,
        phone: '081298765434',
      });
      await w.activate(created.body.id, username, 'coordinator-pass-1');
      const token = (await t.http().post('/api/v1/auth/login').send({ username, password: 'coordinator-pass-1' })).body
        .accessToken;
      expect((await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${token}`)).status).toBe(200);
      expect((await w.post('admin', `/users/${created.body.id}/deactivate`)).status).toBe(200);
      expect((await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${token}`)).status).toBe(401);
    });

    it('R-27: a conflict declared after a related coordinator confirmed blocks the sign-off until another coordinator confirms again', async () => {
      const personId = await w.person();
      const orderId = await w.order(personId);
      const assignmentId = await workedShift(orderId);
      expect(
        (
          await w.post('supervisor2', `/persons/${personId}/conflicts`, {
            userId: w.ids.coordinatorA,
            relation: 'sepupu',
          })
        ).status,
      ).toBe(201);

      const refused = await w.post('supervisor', `/assignments/${assignmentId}/sign-off`, {});
      expect(refused.status).toBe(409);
      expect(codes(refused.body)).toEqual(['signoff.confirmed_by_related_user']);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1`, [orderId]);
      expect(n).toBe(0);

      const shift = (await w.get('supervisor', `/assignments/${assignmentId}`)).body;
      const again = await w.post('supervisor2', `/assignments/${assignmentId}/check-out`, {
        at: shift.endsAt,
        note: 'dikonfirmasi ulang',
      });
      expect(again.status).toBe(200);
      expect(again.body.checkOut.recordedBy).toBe(w.ids.supervisor2);
      expect((await w.post('supervisor', `/assignments/${assignmentId}/sign-off`, {})).status).toBe(200);
    });
  });

  describe('R-30: personal data to those who need it', () => {
    it('audit events about a person hold fingerprints, never the NIK, religion, phone or address', async () => {
      const nik = '8171019988776655';
      const created = await w.post('supervisor', '/persons', {
        fullName: `Data ${w.tag}`,
        nik,
        birthDate: '1991-02-03',
        sex: 'F',
        religion: 'catholic',
        phone: '081377788899',
        address: 'Jl. Rahasia 7',
      });
      expect(created.status).toBe(201);
      const patched = await t
        .http()
        .patch(`/api/v1/persons/${created.body.id}`)
        .set('authorization', w.authorization('supervisor'))
        .send({ phone: '081377788800' });
      expect(patched.status).toBe(200);
      const events = (await w.get('admin', `/audit-events?entityType=person&entityId=${created.body.id}`)).body.items;
      const text = JSON.stringify(events);
      for (const secret of [nik, 'catholic', '81377788899', '81377788800', 'Rahasia'])
        expect(text).not.toContain(secret);
      expect(events[1].before.phone).not.toBe(events[1].after.phone);
    });

    it('a coordinator reads that a message went out, not its number or text', async () => {
      const orderId = await w.personWithOrder({ phone: '081355566677' });
      const shift = await w.shift('siteA', {
        date: `2026-12-${String(day++).padStart(2, '0')}`,
        start: '08:00',
        end: '12:00',
      });
      const booked = await w.book(orderId, shift.id);
      await t.db.query(
        `INSERT INTO notification (recipient_type, recipient_id, reason, subject_key, assignment_id, channel, to_address, locale, text, status)
         SELECT 'person', person_id, 'warning', 'test', id, 'log', '+6281355566677', 'id', 'Peringatan tertulis', 'sent' FROM assignment WHERE id = $1`,
        [booked.body.id],
      );
      const listed = await w.get('coordinatorA', `/assignments/${booked.body.id}/notifications`);
      expect(listed.status).toBe(200);
      expect(listed.body.total).toBe(1);
      expect(JSON.stringify(listed.body)).not.toMatch(/81355566677|Peringatan/);
      expect(
        JSON.stringify((await w.get('supervisor', `/assignments/${booked.body.id}/notifications`)).body),
      ).toContain('Peringatan');
    });
  });

  describe('R-28: credentials', () => {
    it('the 21st wrong password answers 429 with Retry-After; the account was locked on the way, and an admin unlock is audited', async () => {
      const login = (password: string) =>
        t
          .http()
          .post('/api/v1/auth/login')
          .send({ username: `coordinatorb.${w.tag.toLowerCase()}`, password });
      const statuses: number[] = [];
      for (let attempt = 1; attempt <= 21; attempt++) statuses.push((await login(`wrong-guess-${attempt}`)).status);
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      const blocked = await login('test-password-1');
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.headers['content-type']).toMatch(/problem\+json/);
      expect(statuses[20]).toBe(429);
      const [user] = await t.db.query(`SELECT locked_until FROM app_user WHERE id = $1`, [w.ids.coordinatorB]);
      expect(user.locked_until).not.toBeNull();
      expect((await w.post('admin', `/users/${w.ids.coordinatorB}/unlock`)).status).toBe(200);
      const actions = (
        await w.get('admin', `/audit-events?entityType=user&entityId=${w.ids.coordinatorB}`)
      ).body.items.map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['user.locked', 'user.unlocked']));
    });

    it('security headers, no X-Powered-By, and no caching of the token', async () => {
      const health = await t.http().get('/api/v1/health');
      expect(health.headers['x-powered-by']).toBeUndefined();
      expect(health.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(health.headers['x-content-type-options']).toBe('nosniff');
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: `prosecutor.${w.tag.toLowerCase()}`, password: 'test-password-1' });
      expect(login.status).toBe(200);
      expect(login.headers['cache-control']).toBe('no-store');
    });

    it('R-28: in production the service refuses to start connected as a superuser', async () => {
      const { ServiceRoleCheck } = await import('../src/database/service-role.js');
      const asOwner = new ServiceRoleCheck(t.db, { NODE_ENV: 'production' } as never);
      await expect(asOwner.onApplicationBootstrap()).rejects.toThrow(/is a superuser/);
      await expect(
        new ServiceRoleCheck(service, { NODE_ENV: 'production' } as never).onApplicationBootstrap(),
      ).resolves.toBeUndefined();
    });

    it('the service refuses to start on the built-in secrets unless NODE_ENV=development is said', () => {
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !['NODE_ENV', 'JWT_SECRET', 'AUDIT_KEY'].includes(key)),
      );
      const run = spawnSync(process.execPath, ['dist/main.js'], { env, encoding: 'utf8', timeout: 20_000 });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/JWT_SECRET must be set/);
      expect(run.stderr).toMatch(/AUDIT_KEY must be set/);
    });
  });

  describe("R-25, R-28: tampering is found (these tests break this database's trail, so they run last)", () => {
    let checkpoint: Record<string, unknown>;
    const verify = async () => (await w.get('admin', '/audit-events/verify')).body;

    it('a signed checkpoint verifies against the trail, also from outside the database', async () => {
      const written = await w.post('admin', '/audit-events/checkpoints');
      expect(written.status).toBe(201);
      checkpoint = written.body;
      expect(await verify()).toEqual(expect.objectContaining({ intact: true, problems: [] }));
      const anchored = await w.post('prosecutor', '/audit-events/checkpoints/verify', checkpoint);
      expect(anchored.body).toEqual({ signatureValid: true, missing: [], intact: true });
      const forged = await w.post('prosecutor', '/audit-events/checkpoints/verify', { ...checkpoint, eventCount: 1 });
      expect(forged.body.signatureValid).toBe(false);
      expect((await w.get('admin', '/audit-events/verify?from=latest-checkpoint')).body).toEqual(
        expect.objectContaining({ intact: true }),
      );
    });

    it('the hourly job writes a checkpoint and sends a signed copy to the anchor', async () => {
      expect(await t.app.get(AuditCheckpoints).checkpointAndAnchor()).toBe('anchored');
      expect(anchored).toHaveLength(1);
      const sent = JSON.parse(anchored[0].body);
      expect(sent).toEqual(
        expect.objectContaining({ signature: expect.stringMatching(/^[0-9a-f]{64}$/), eventCount: expect.any(Number) }),
      );
      const expected = createHmac('sha256', process.env.AUDIT_KEY!).update(anchored[0].body).digest('hex');
      expect(anchored[0].signature).toBe(`sha256=${expected}`);
      expect((await w.post('prosecutor', '/audit-events/checkpoints/verify', sent)).body.intact).toBe(true);
    });

    it('an event changed and re-hashed without the key is found', async () => {
      const [victim] = await t.db.query(`SELECT * FROM audit_event ORDER BY seq DESC LIMIT 1`);
      const forged = { ...victim.after, note: 'forged' };
      const event = {
        id: victim.id,
        chain: victim.chain,
        at: victim.at.toISOString(),
        actorId: victim.actor_id,
        action: victim.action,
        entityType: victim.entity_type,
        entityId: victim.entity_id,
        before: victim.before,
        after: forged,
        prevHash: victim.prev_hash,
      };
      const rehashed = createHash('sha256').update(canonicalJson(event)).digest('hex');
      await tamper(`UPDATE audit_event SET after = $2, hash = $3 WHERE seq = $1`, [
        victim.seq,
        JSON.stringify(forged),
        rehashed,
      ]);
      const verdict = await verify();
      expect(verdict.intact).toBe(false);
      expect(verdict.firstBrokenSeq).toBe(victim.seq);
    });

    it('a deleted tail covered by a checkpoint is found, in the database and against the outside copy', async () => {
      const heads = (checkpoint.heads as { seq: string }[]).map((head) => head.seq);
      await tamper(`DELETE FROM audit_event WHERE seq = ANY($1::bigint[])`, [heads]);
      const verdict = await verify();
      expect(verdict.intact).toBe(false);
      expect(verdict.problems.join(' ')).toMatch(/is missing \(the trail was cut or rewritten\)/);
      const anchored = await w.post('prosecutor', '/audit-events/checkpoints/verify', checkpoint);
      expect(anchored.body.intact).toBe(false);
      expect(anchored.body.missing.length).toBe(heads.length);
    });

    it("credited minutes forged behind the triggers' back are found by the verification", async () => {
      const orderId = await w.personWithOrder({}, { totalHours: 8 });
      await t.db.query(`ALTER TABLE court_order DISABLE TRIGGER court_order_credit_by_ledger_only`);
      await t.db.query(`UPDATE court_order SET credited_minutes = required_minutes WHERE id = $1`, [orderId]);
      await t.db.query(`ALTER TABLE court_order ENABLE TRIGGER court_order_credit_by_ledger_only`);
      expect((await verify()).ledger.ordersOutOfBalance).toEqual([orderId]);
    });

    /** What a superuser could do; the service's own role can't (see above). */
    async function tamper(sql: string, params: unknown[]): Promise<void> {
      await t.db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
      try {
        await t.db.query(sql, params);
      } finally {
        await t.db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
      }
    }
  });
});
