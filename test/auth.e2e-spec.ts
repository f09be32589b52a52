import { randomInt } from 'node:crypto';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from './support/test-app.js';
import { World } from './support/world.js';

/** Login, tokens, roles, scope, personal data and the audit trail over HTTP. */

const PASSWORD = 'auth-spec-password-1';

/** Every key anywhere in a JSON value, lower-cased. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key.toLowerCase(), ...keysOf(inner)]);
  }
  return [];
}

const expectProblem = (response: Response, status: number) => {
  expect({ status: response.status, body: response.body }).toEqual(expect.objectContaining({ status }));
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual(
    expect.objectContaining({ type: expect.any(String), title: expect.any(String), status }),
  );
};

describe('authentication, roles, scope and personal data', () => {
  let t: TestApp;
  let w: World;
  let username: string;
  let userId: string;
  let personNik: string;
  let personId: string;
  let orderId: string;
  let shiftId: string;
  let assignmentId: string;

  const login = (name: string, password: string) =>
    t.http().post('/api/v1/auth/login').send({ username: name, password });

  beforeAll(async () => {
    t = await startTestApp();
    w = await World.build(t);
    username = `pk.auth.${w.tag.toLowerCase()}`;
    const created = await w.post('admin', '/users', {
      username,
      password: PASSWORD,
      fullName: `PK Auth ${w.tag}`,
      role: 'supervisor',
      agencyId: w.ids.bapas,
      phone: '081234567890',
    });
    expect(created.status).toBe(201);
    userId = created.body.id;
    await w.activate(userId, username, PASSWORD);

    personNik = `8171${String(randomInt(10 ** 11, 10 ** 12)).padStart(12, '0')}`;
    const person = await w.post('supervisor', '/persons', {
      fullName: `Yohanis Auth ${w.tag}`,
      nik: personNik,
      birthDate: '1988-06-30',
      sex: 'M',
      religion: 'protestant',
    });
    expect(person.status).toBe(201);
    personId = person.body.id;
    orderId = await w.order(personId);
    shiftId = (await w.shift('siteA', { date: '2026-12-01', start: '08:00', end: '12:00' })).id;
    const booked = await w.book(orderId, shiftId);
    expect(booked.status).toBe(201);
    assignmentId = booked.body.id;
  });
  afterAll(() => t.close());

  describe('login', () => {
    it("gives a bearer token and the user, and no password or hash anywhere; /users/me adds the user's own agency", async () => {
      const response = await login(username, PASSWORD);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: expect.any(Number),
        user: { id: userId, username, fullName: `PK Auth ${w.tag}`, role: 'supervisor', agencyId: w.ids.bapas },
      });
      expect(response.body.expiresIn).toBeGreaterThan(0);
      expect(keysOf(response.body).filter((key) => /password|hash/.test(key))).toEqual([]);
      expect(JSON.stringify(response.body)).not.toContain(PASSWORD);
      expect(JSON.stringify(response.body)).not.toMatch(/\$argon2/);

      const me = await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${response.body.accessToken}`);
      expect(me.status).toBe(200);
      // The desk's dates start in the user's own office zone, without listing every agency to find it.
      expect(me.body).toEqual({
        ...response.body.user,
        agency: { name: `bapas ${w.tag}`, timezone: 'Asia/Jayapura' },
      });
    });

    it('POST /users answers without the password or its hash', async () => {
      const response = await w.post('admin', '/users', {
        username: `pk.nopw.${w.tag.toLowerCase()}`,
        password: 'another-password-2',
        fullName: 'PK',
        role: 'supervisor',
        agencyId: w.ids.bapas,
      });
      expect(response.status).toBe(201);
      expect(keysOf(response.body).filter((key) => /password|hash/.test(key))).toEqual([]);
      expect(JSON.stringify(response.body)).not.toContain('another-password-2');
      expect(JSON.stringify(response.body)).not.toMatch(/\$argon2/);
    });

    it('a wrong password and an unknown user both get 401 problem+json, with the same answer', async () => {
      const wrong = await login(username, 'wrong-password-9');
      const unknown = await login(`nobody.${w.tag.toLowerCase()}`, PASSWORD);
      expectProblem(wrong, 401);
      expectProblem(unknown, 401);
      expect(wrong.body.accessToken).toBeUndefined();
      expect(unknown.body.detail).toBe(wrong.body.detail);
    });
  });

  describe('tokens', () => {
    it.each([
      ['no Authorization header', undefined],
      ['a garbage token', 'Bearer garbage.token.value'],
      ['a token of the wrong scheme', 'Basic dXNlcjpwYXNz'],
      [
        'a token with a forged signature',
        'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl',
      ],
    ])('%s gets 401 on a protected endpoint', async (_what, header) => {
      const request = t.http().get(`/api/v1/orders/${orderId}`);
      const response = header ? await request.set('authorization', header) : await request;
      expectProblem(response, 401);
      const write = t.http().post('/api/v1/orders').send({});
      expectProblem(header ? await write.set('authorization', header) : await write, 401);
    });

    it('GET /api/v1/health answers 200 {status: "ok"} without a token', async () => {
      const response = await t.http().get('/api/v1/health');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok' });
    });

    it('GET /api/docs-json serves the OpenAPI document without a token, listing /api/v1/assignments', async () => {
      const response = await t.http().get('/api/docs-json');
      expect(response.status).toBe(200);
      expect(response.body.openapi).toMatch(/^3\./);
      expect(Object.keys(response.body.paths)).toContain('/api/v1/assignments');
      expect(response.body.paths['/api/v1/assignments']).toHaveProperty('post');
    });
  });

  describe('roles', () => {
    it('a coordinator may not create an order (403), and none is made', async () => {
      const person = await w.person();
      const response = await w.post('coordinatorA', '/orders', w.orderBody(person));
      expectProblem(response, 403);
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM court_order WHERE person_id = $1`, [
        person,
      ]);
      expect(count).toBe(0);
    });

    it('a supervisor may not create an agency (403)', async () => {
      const response = await w.post('supervisor', '/agencies', {
        code: `SUP-${w.tag}`,
        name: 'Bapas palsu',
        kind: 'bapas',
        region: 'ID-MA',
        timezone: 'Asia/Jayapura',
      });
      expectProblem(response, 403);
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM agency WHERE code = $1`, [
        `SUP-${w.tag}`,
      ]);
      expect(count).toBe(0);
    });

    it('R-26: an administrator may not book a person on a shift (403)', async () => {
      const order = await w.personWithOrder();
      const shift = await w.shift('siteB', { date: '2026-12-03' });
      const response = await w.post('admin', '/assignments', { orderId: order, shiftId: shift.id });
      expectProblem(response, 403);
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM assignment WHERE order_id = $1`, [
        order,
      ]);
      expect(count).toBe(0);
    });
  });

  describe('scope (R-26)', () => {
    it('R-26: a supervisor of another Bapas gets 403 reading the order and booking on it', async () => {
      expectProblem(await w.get('otherBapasSupervisor', `/orders/${orderId}`), 403);
      expectProblem(await w.get('otherBapasSupervisor', `/orders/${orderId}/ledger`), 403);
      const shift = await w.shift('siteA', { date: '2026-12-04', start: '14:00', end: '16:00' });
      expectProblem(await w.post('otherBapasSupervisor', '/assignments', { orderId, shiftId: shift.id }), 403);
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM assignment WHERE shift_id = $1`, [
        shift.id,
      ]);
      expect(count).toBe(0);
    });

    it('R-26: the supervisor of the Bapas reads its order (the positive control)', async () => {
      const response = await w.get('supervisor', `/orders/${orderId}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: orderId,
        status: 'active',
        regime: 'adult',
        progress: { requiredMinutes: 2400 },
      });
    });

    it('R-26: a prosecutor of another Kejari gets 403 on the order and its ledger', async () => {
      expectProblem(await w.get('otherProsecutor', `/orders/${orderId}`), 403);
      expectProblem(await w.get('otherProsecutor', `/orders/${orderId}/ledger`), 403);
    });

    it("R-09/R-26: the prosecutor of the order's Kejari reads the order and its ledger", async () => {
      const order = await w.get('prosecutor', `/orders/${orderId}`);
      expect(order.status).toBe(200);
      expect(order.body).toMatchObject({ id: orderId, kejaksaanId: w.ids.kejari, status: 'active' });
      const ledger = await w.get('prosecutor', `/orders/${orderId}/ledger`);
      expect(ledger.status).toBe(200);
      expect(ledger.body).toEqual({ items: [], total: 0 });
    });

    it('R-26: a coordinator sees the shifts of their own site only (coordinatorA: siteA 200, siteB 403)', async () => {
      const own = await w.get('coordinatorA', `/sites/${w.ids.siteA}/shifts`);
      expect(own.status).toBe(200);
      expect(own.body.items.map((shift: { id: string }) => shift.id)).toContain(shiftId);
      expectProblem(await w.get('coordinatorA', `/sites/${w.ids.siteB}/shifts`), 403);
    });

    it('R-26: a coordinator of another site gets 403 on the assignment', async () => {
      expectProblem(await w.get('coordinatorB', `/assignments/${assignmentId}`), 403);
    });
  });

  describe('personal data (R-30)', () => {
    it("R-30: the supervisor of the person's Bapas sees the NIK", async () => {
      const response = await w.get('supervisor', `/persons/${personId}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: personId, nik: personNik, religion: 'protestant' });
    });

    it('R-30/R-12: a supervisor of another Bapas does not see the person at all', async () => {
      const response = await w.get('otherBapasSupervisor', `/persons/${personId}`);
      expect([403, 404]).toContain(response.status);
      expect(JSON.stringify(response.body)).not.toContain(personNik);
    });

    it("R-30: the site coordinator's view of a booking shows the name but no NIK and no religion", async () => {
      const response = await w.get('coordinatorA', `/assignments/${assignmentId}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: assignmentId, person: { fullName: `Yohanis Auth ${w.tag}` } });
      expect(keysOf(response.body)).not.toContain('nik');
      expect(keysOf(response.body)).not.toContain('religion');
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(personNik);
      expect(text).not.toContain('protestant');
    });
  });

  describe('audit trail (R-25)', () => {
    it('R-25: the supervisor lists the order trail oldest first, starting with order.created, chained by hash', async () => {
      const response = await w.get('supervisor', `/audit-events?entityType=order&entityId=${orderId}`);
      expect(response.status).toBe(200);
      expect(response.body.total).toBeGreaterThanOrEqual(1);
      const [first] = response.body.items;
      expect(first).toMatchObject({
        action: 'order.created',
        entityType: 'order',
        entityId: orderId,
        actorId: w.ids.supervisor,
      });
      expect(first).toHaveProperty('prevHash');
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(first.prevHash).not.toBe(first.hash);
      expect(first.after).toMatchObject({ id: orderId, status: 'active' });
    });

    it('R-25/R-26: the prosecutor in scope reads the trail; a supervisor of another Bapas and another Kejari get 403', async () => {
      const path = `/audit-events?entityType=order&entityId=${orderId}`;
      const prosecutor = await w.get('prosecutor', path);
      expect(prosecutor.status).toBe(200);
      expect(prosecutor.body.items[0].action).toBe('order.created');
      expectProblem(await w.get('otherBapasSupervisor', path), 403);
      expectProblem(await w.get('otherProsecutor', path), 403);
    });
  });
});

describe('the signed-in users kept in memory, across replicas', () => {
  let t: TestApp;
  let replica: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    replica = await startTestApp();
    w = await World.build(t);
  });
  afterAll(async () => {
    await replica.close();
    await t.close();
  });

  it('a user deactivated through one replica has its token refused at once by another that had it cached', async () => {
    const username = `koord.replica.${w.tag.toLowerCase()}`;
    const created = await w.post('admin', '/users', {
      username,
      fullName: 'Koord Replica',
      role: 'coordinator',
      agencyId: w.ids.opd,
      phone: '081298765435',
    });
    expect(created.status).toBe(201);
    await w.activate(created.body.id, username, PASSWORD);
    const token = (await t.http().post('/api/v1/auth/login').send({ username, password: PASSWORD })).body.accessToken;
    const me = () => replica.http().get('/api/v1/users/me').set('authorization', `Bearer ${token}`);
    expect((await me()).status).toBe(200);
    expect((await me()).status).toBe(200);
    expect((await w.post('admin', `/users/${created.body.id}/deactivate`)).status).toBe(200);
    expect((await me()).status).toBe(401);
    expect((await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${token}`)).status).toBe(401);
    // Again and again: the other replica hears of the change by Redis pub/sub, which once lost the race against
    // the next request when the change answered as soon as Redis had taken the message.
    const refused: number[] = [];
    for (let round = 0; round < 20; round++) {
      expect((await w.post('admin', `/users/${created.body.id}/reactivate`)).status).toBe(200);
      expect((await me()).status).toBe(200);
      expect((await w.post('admin', `/users/${created.body.id}/deactivate`)).status).toBe(200);
      refused.push((await me()).status);
    }
    expect(refused).toEqual(Array(20).fill(401));
  });

  it('a name change through one replica is seen at once by another that had the user cached', async () => {
    const username = `pk.replica.${w.tag.toLowerCase()}`;
    const created = await w.post('admin', '/users', {
      username,
      fullName: 'PK Replica',
      role: 'supervisor',
      agencyId: w.ids.bapas,
      phone: '081298765436',
    });
    expect(created.status).toBe(201);
    await w.activate(created.body.id, username, PASSWORD);
    const token = (await t.http().post('/api/v1/auth/login').send({ username, password: PASSWORD })).body.accessToken;
    const me = () => replica.http().get('/api/v1/users/me').set('authorization', `Bearer ${token}`);
    expect((await me()).body.fullName).toBe('PK Replica');
    const renamed = await t
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set('authorization', w.authorization('admin'))
      .send({ fullName: 'PK Replica Renamed' });
    expect(renamed.status).toBe(200);
    expect((await me()).body.fullName).toBe('PK Replica Renamed');
  });
});
