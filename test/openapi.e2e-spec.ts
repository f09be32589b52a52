import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { loginBookAndRead, ProblemAnswer } from '../clients/typed-smoke/smoke.js';
import {
  CLIENT_TYPES_FILE,
  clientTypesText,
  committed,
  DOCUMENT_FILE,
  documentText,
  ROOT,
} from '../scripts/openapi/artifacts.js';
import { previewOpenApiDocument } from '../src/bootstrap.js';
import { Conformance } from './support/openapi-conformance.js';
import { DEFAULT_NOW, startTestApp, TestApp } from './support/test-app.js';
import { testConfig } from './support/test-config.js';
import { type Actor, World } from './support/world.js';

/**
 * The OpenAPI document tells the truth: it is the one committed (npm run openapi), Redocly's recommended rules
 * pass, every operation documents its answers and errors, and a client generated from it compiles, fails to
 * compile when an answer has no schema, and logs in, books and reads an order against the running app. Real
 * answers of every operation match their documented schema, with no undocumented field.
 */

const run = promisify(execFile);
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
const tsc = (project: string) =>
  run(bin('tsc'), ['-p', project], { cwd: ROOT }).then(
    () => 0,
    (error: { code: number }) => error.code,
  );

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

function operations(document: OpenAPIObject): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      item[method]!,
    ]),
  );
}

/** Every schema property anywhere in the document, as [where, name, schema]. */
function properties(document: OpenAPIObject): [string, string, Record<string, unknown>][] {
  return Object.entries(document.components?.schemas ?? {}).flatMap(([schema, definition]) =>
    Object.entries((definition as { properties?: Record<string, Record<string, unknown>> }).properties ?? {}).map(
      ([name, property]): [string, string, Record<string, unknown>] => [schema, name, property],
    ),
  );
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let w: World;
  let served: OpenAPIObject;

  beforeAll(async () => {
    t = await startTestApp();
    served = (await t.http().get('/api/docs-json')).body;
    w = await World.build(t);
  }, 120_000);
  afterAll(() => t.close());
  afterEach(() => t.clock.set(DEFAULT_NOW));

  describe('is the committed one', () => {
    it(`${DOCUMENT_FILE} is what the app serves, and what npm run openapi writes without booting anything`, async () => {
      const preview = await previewOpenApiDocument(
        testConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing_listens_here' }),
      );
      expect(documentText(served)).toBe(committed(DOCUMENT_FILE));
      expect(documentText(preview)).toBe(committed(DOCUMENT_FILE));
    });

    it(`${CLIENT_TYPES_FILE} is generated from it`, async () => {
      expect(await clientTypesText(served)).toBe(committed(CLIENT_TYPES_FILE));
    });
  });

  describe('documents every operation', () => {
    it('with a summary, a schema for each answer (JSON, or binary for files; none for 204) and problem+json for each client error', () => {
      const gaps = operations(served).flatMap(([name, operation]) => {
        const answers = Object.entries(operation.responses);
        return [
          ...(operation.summary ? [] : [`${name}: no summary`]),
          ...(answers.some(([status]) => status.startsWith('2')) ? [] : [`${name}: no 2xx`]),
          ...answers
            .filter(([status]) => status !== '204')
            .flatMap(([status, answer]) => {
              const content = (answer as { content?: Record<string, { schema?: { format?: string } }> }).content ?? {};
              if (status.startsWith('4'))
                return content['application/problem+json']?.schema ? [] : [`${name}: ${status} not problem+json`];
              const files = Object.entries(content).filter(([media]) => !media.endsWith('json'));
              return [
                ...(content['application/json']?.schema || files.length > 0
                  ? []
                  : [`${name}: ${status} without a JSON schema`]),
                ...files
                  .filter(([media, { schema }]) => !(schema?.format === 'binary' || media.startsWith('text/')))
                  .map(([media]) => `${name}: ${status} ${media} not typed as binary`),
              ];
            }),
        ];
      });
      expect(gaps).toEqual([]);
    });

    it('with bearer security by default; login, activation, health and the document itself are public', () => {
      expect(served.security).toEqual([{ bearer: [] }]);
      const publicOperations = operations(served).filter(([, operation]) => operation.security !== undefined);
      expect(publicOperations.map(([name, operation]) => [name, operation.security])).toEqual([
        ['GET /api/docs-json', [{}]],
        ['POST /api/v1/auth/activate', [{}]],
        ['POST /api/v1/auth/login', [{}]],
        ['GET /api/v1/health', [{}]],
        ['GET /api/v1/health/live', [{}]],
        ['GET /api/v1/health/ready', [{}]],
        ['GET /api/v1/person-page/{token}', [{}]],
        ['POST /api/v1/person-page/{token}/notices', [{}]],
      ]);
    });

    it('with 401 on every operation that needs a token, and 400 on every one that takes a path id, a body or a query', () => {
      const gaps = operations(served).flatMap(([name, operation]) => {
        const statuses = Object.keys(operation.responses);
        const takesInput =
          (operation.parameters ?? []).some((p) => 'in' in p && p.in !== 'header') || operation.requestBody;
        return [
          ...(operation.security === undefined && !statuses.includes('401') ? [`${name}: no 401`] : []),
          ...(takesInput && !statuses.includes('400') ? [`${name}: no 400`] : []),
        ];
      });
      expect(gaps).toEqual([]);
    });

    it('with path ids as uuid, limit and offset as integers, and headers only as shared optional parameters', () => {
      const parameters = operations(served).flatMap(([name, operation]) =>
        (operation.parameters ?? []).map((p) => [name, p] as const),
      );
      const inline = parameters.filter(([, p]) => 'in' in p);
      for (const [name, p] of inline) {
        if (!('in' in p)) continue;
        const schema = p.schema as Record<string, unknown>;
        if (p.in === 'path' && /(^id|Id)$/.test(p.name))
          expect([name, p.name, schema.format]).toEqual([name, p.name, 'uuid']);
        if (p.name === 'limit' || p.name === 'offset')
          expect([name, p.name, schema.type]).toEqual([name, p.name, 'integer']);
        expect([name, p.in, p.name]).not.toEqual([name, 'header', p.name]);
      }
      const keyed = parameters
        .filter(([, p]) => '$ref' in p && p.$ref === '#/components/parameters/IdempotencyKey')
        .map(([name]) => name);
      expect(keyed.sort()).toEqual([
        'POST /api/v1/assignments/{id}/absence',
        'POST /api/v1/assignments/{id}/check-in',
        'POST /api/v1/assignments/{id}/check-out',
      ]);
      expect(served.components?.parameters?.IdempotencyKey).toMatchObject({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
      });
      expect(served.components?.parameters?.AcceptLanguage).toMatchObject({
        name: 'Accept-Language',
        in: 'header',
        required: false,
      });
    });

    it("with every property typed, minutes as integers and ids as uuid (but ids from outside: provider's, caller's request id)", () => {
      const shapes = ['$ref', 'allOf', 'oneOf', 'anyOf', 'enum', 'properties', 'additionalProperties'];
      const described = (p: Record<string, unknown>) =>
        shapes.some((key) => key in p) || (p.type && p.type !== 'object');
      const ours = properties(served).filter(([, name]) => !['providerId', 'requestId'].includes(name));
      const loose = ours.flatMap(([schema, name, property]) => [
        ...(described(property) ? [] : [`${schema}.${name}: untyped ${JSON.stringify(property)}`]),
        ...(/Minutes$/.test(name) && property.type !== 'integer'
          ? [`${schema}.${name}: ${String(property.type)}`]
          : []),
        ...(/(^id|Id|Ids)$/.test(name) && property.type !== 'array' && property.format !== 'uuid'
          ? [`${schema}.${name}: not uuid`]
          : []),
        ...(/Ids$/.test(name) && (property.items as { format?: string })?.format !== 'uuid'
          ? [`${schema}.${name}: items not uuid`]
          : []),
      ]);
      expect(loose).toEqual([]);
    });
  });

  it("passes Redocly's recommended rules (redocly.yaml) with no error and no warning", async () => {
    const { stdout } = await run(bin('redocly'), ['lint', DOCUMENT_FILE, '--format=json'], {
      cwd: ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('answers every operation as documented: each status listed, each body its schema, no undocumented field', async () => {
    const conformance = new Conformance(served);
    const problems: string[] = [];
    /** `METHOD /path/{template}` (under /api/v1 unless it starts with /api/docs), the status it must answer, the call. */
    const call = async (operation: string, status: number, response: Promise<Response> | Response) => {
      const [method, path] = operation.split(' ');
      const name = `${method} ${path.startsWith('/api/') ? path : `/api/v1${path}`}`;
      const answer = await response;
      problems.push(...conformance.problems(name, answer));
      expect([name, answer.status]).toEqual([name, status]);
      return answer.body;
    };
    const send = (method: 'put' | 'patch' | 'delete', actor: Actor, path: string, body: object = {}) =>
      t.http()[method](`/api/v1${path}`).set('authorization', w.authorization(actor)).send(body);
    const login = (username: string, password: string) =>
      t.http().post('/api/v1/auth/login').send({ username, password });

    await call('GET /api/docs-json', 200, t.http().get('/api/docs-json'));
    await call('GET /health', 200, t.http().get('/api/v1/health'));
    await call('GET /health/ready', 200, t.http().get('/api/v1/health/ready'));
    await call('GET /health/live', 200, t.http().get('/api/v1/health/live'));
    await call('POST /auth/login', 401, login('nobody', 'wrong-password'));
    const password = 'conformance-password-1';
    const user = await call(
      'POST /users',
      201,
      w.post('admin', '/users', {
        username: `pk.tour.${w.tag.toLowerCase()}`,
        fullName: 'PK Tour',
        role: 'supervisor',
        agencyId: w.ids.bapas,
        phone: '081234567890',
      }),
    );
    const activation = { username: user.username, code: await w.activationCode(user.id), password };
    const signedIn = await call('POST /auth/activate', 200, t.http().post('/api/v1/auth/activate').send(activation));
    await call('POST /auth/activate', 409, t.http().post('/api/v1/auth/activate').send(activation));
    await call('POST /auth/login', 200, login(user.username, password));
    const own = { authorization: `Bearer ${signedIn.accessToken}` };
    const change = { currentPassword: password, newPassword: `${password}-2` };
    await call('POST /auth/password', 204, t.http().post('/api/v1/auth/password').set(own).send(change));
    await call('POST /auth/password', 409, t.http().post('/api/v1/auth/password').set(own).send(change));
    await call('GET /users', 200, w.get('admin', '/users?limit=2'));
    await call('GET /users/{id}', 200, w.get('admin', `/users/${user.id}`));
    await call('GET /users/{id}', 404, w.get('admin', `/users/${w.ids.opd}`));
    await call('GET /users/me', 200, w.get('supervisor', '/users/me'));
    await call('GET /users/me', 401, t.http().get('/api/v1/users/me'));
    await call('PATCH /users/{id}', 200, send('patch', 'admin', `/users/${user.id}`, { fullName: 'PK Tour Dua' }));
    await call('POST /users/{id}/deactivate', 200, w.post('admin', `/users/${user.id}/deactivate`));
    await call('POST /users/{id}/reactivate', 200, w.post('admin', `/users/${user.id}/reactivate`));
    await call('POST /users/{id}/unlock', 200, w.post('admin', `/users/${user.id}/unlock`));
    await call('POST /users/{id}/password-reset', 200, w.post('admin', `/users/${user.id}/password-reset`));
    await call(
      'POST /agencies/{id}/head',
      200,
      w.post('admin', `/agencies/${w.ids.bapas}/head`, { userId: w.ids.supervisor }),
    );
    const agency = { code: `TOUR-${w.tag}`, name: 'Tour', kind: 'opd', region: 'ID-MA', timezone: 'Asia/Jayapura' };
    await call('POST /agencies', 201, w.post('admin', '/agencies', agency));
    await call('POST /agencies', 400, w.post('admin', '/agencies', { code: 'x' }));
    await call('GET /agencies', 200, w.get('admin', '/agencies?limit=2'));
    await call('GET /agencies/{id}', 200, w.get('admin', `/agencies/${w.ids.opd}`));
    await call('GET /agencies/{id}', 404, w.get('admin', `/agencies/${w.ids.admin}`));
    const agreement = await call(
      'POST /agreements',
      201,
      w.post('admin', '/agreements', {
        number: `PKS-TOUR/${w.tag}`,
        title: 'PKS',
        agencyIds: [w.ids.bapas, w.ids.opd],
        validFrom: '2026-01-02',
        validTo: '2027-12-31',
      }),
    );
    await call('GET /agreements', 200, w.get('admin', '/agreements?limit=2'));
    await call('GET /agreements/{id}', 200, w.get('admin', `/agreements/${agreement.id}`));
    await call('GET /agreements/{id}', 404, w.get('admin', `/agreements/${w.ids.bapas}`));
    const tourSite = await call(
      'POST /sites',
      201,
      w.post('admin', '/sites', {
        name: `Tour ${w.tag}`,
        agencyId: w.ids.opd,
        agreementId: agreement.id,
        workType: 'street_cleaning',
        address: 'Jl. Tour',
        location: { lat: -3.69, lng: 128.18 },
        radiusMeters: 100,
        timezone: 'Asia/Jayapura',
        defaultCapacity: 5,
        minorsAllowed: false,
        coordinatorIds: [],
      }),
    );
    const moved = { location: { lat: -3.6931, lng: 128.1848 }, radiusMeters: 250 };
    await call('PATCH /sites/{siteId}', 200, send('patch', 'admin', `/sites/${tourSite.id}`, moved));
    await call('PATCH /sites/{siteId}', 400, send('patch', 'admin', `/sites/${tourSite.id}`, {}));
    await call('PATCH /sites/{siteId}', 403, send('patch', 'supervisor', `/sites/${tourSite.id}`, moved));
    await call('PATCH /sites/{siteId}', 404, send('patch', 'admin', `/sites/${w.ids.bapas}`, moved));
    const withoutOpd = await call(
      'POST /agreements',
      201,
      w.post('admin', '/agreements', {
        number: `PKS-NO-OPD/${w.tag}`,
        title: 'PKS tanpa OPD',
        agencyIds: [w.ids.bapas, w.ids.kejari],
        validFrom: '2026-01-02',
        validTo: '2027-12-31',
      }),
    );
    const notCovering = { agreementId: withoutOpd.id };
    await call('PATCH /sites/{siteId}', 409, send('patch', 'admin', `/sites/${tourSite.id}`, notCovering));
    await call('GET /sites', 200, w.get('supervisor', '/sites?limit=2'));
    await call('GET /sites/{siteId}', 200, w.get('coordinatorA', `/sites/${w.ids.siteA}`));
    await call('GET /sites/{siteId}', 400, w.get('coordinatorA', '/sites/not-a-uuid'));
    const christmas = { date: '2026-12-25', reason: 'Kerja bakti Natal' };
    await call('POST /sites/{siteId}/open-dates', 201, w.post('admin', `/sites/${w.ids.siteB}/open-dates`, christmas));
    await call('GET /sites/{siteId}/open-dates', 200, w.get('admin', `/sites/${w.ids.siteB}/open-dates`));
    await call('GET /holidays', 200, w.get('supervisor', '/holidays?from=2026-12-01&to=2026-12-31&region=ID-MA'));
    const decree = { source: 'SKB 2099', national: [{ date: '2099-01-01', name: 'Tahun Baru 2099' }], cutiBersama: [] };
    await call('PUT /holiday-years/{year}', 200, send('put', 'admin', '/holiday-years/2099', decree));
    await call('GET /holiday-years', 200, w.get('supervisor', '/holiday-years'));
    const regional = { date: '2099-03-10', region: 'ID-MA', kind: 'regional', name: 'Hari Jadi Kota Ambon' };
    await call('POST /holidays', 201, w.post('admin', '/holidays', regional));
    await call('POST /holidays', 409, w.post('admin', '/holidays', regional));
    await call(
      'POST /holidays/{date}/move',
      200,
      w.post('admin', '/holidays/2099-03-10/move', { to: '2099-03-11', region: 'ID-MA' }),
    );
    await call('DELETE /holidays/{date}', 200, send('delete', 'admin', '/holidays/2099-03-11?region=ID-MA'));

    const shift = { date: '2026-12-03', start: '08:00', end: '12:00' };
    const first = await call(
      'POST /sites/{siteId}/shifts',
      201,
      w.post('supervisor', `/sites/${w.ids.siteA}/shifts`, shift),
    );
    const second = await w.shift('siteA', { date: '2026-12-04' });
    const third = await w.shift('siteA', { date: '2026-12-07' });
    await call(
      'GET /sites/{siteId}/shifts',
      200,
      w.get('coordinatorA', `/sites/${w.ids.siteA}/shifts?from=2026-12-01&to=2026-12-31`),
    );

    const person = await call(
      'POST /persons',
      201,
      w.post('supervisor', '/persons', {
        fullName: `Tour ${w.tag}`,
        nik: `8171${String(Date.now()).slice(-12)}`,
        birthDate: '1990-01-15',
        sex: 'F',
        religion: 'protestant',
        home: { lat: -3.702, lng: 128.1842 },
        unavailable: [{ weekday: 6, from: '07:00', to: '12:00', reason: 'pasar' }],
      }),
    );
    await call('GET /persons', 200, w.get('supervisor', '/persons?limit=2'));
    await call('GET /persons/{id}', 200, w.get('supervisor', `/persons/${person.id}`));
    await call('GET /persons/{id}', 403, w.get('otherBapasSupervisor', `/persons/${person.id}`));
    await call(
      'PATCH /persons/{id}',
      200,
      send('patch', 'supervisor', `/persons/${person.id}`, { phone: '081299990002' }),
    );
    const conflict = { userId: w.ids.coordinatorB, relation: 'sepupu' };
    await call('POST /persons/{id}/conflicts', 201, w.post('supervisor', `/persons/${person.id}/conflicts`, conflict));
    await call(
      'POST /persons/{id}/opt-outs',
      201,
      w.post('supervisor', `/persons/${person.id}/opt-outs`, { channel: 'webhook' }),
    );
    await call(
      'DELETE /persons/{id}/opt-outs/{channel}',
      200,
      send('delete', 'supervisor', `/persons/${person.id}/opt-outs/webhook`),
    );

    const order = await call('POST /orders', 201, w.post('supervisor', '/orders', w.orderBody(person.id)));
    await call(
      'POST /orders',
      409,
      w.post('supervisor', '/orders', w.orderBody(person.id, { caseNumber: order.caseNumber })),
    );
    await call('GET /orders', 200, w.get('prosecutor', '/orders?limit=2'));
    await call('GET /orders/{id}', 200, w.get('prosecutor', `/orders/${order.id}`));
    const worked = await call('POST /assignments', 201, w.book(order.id, first.id));
    await call('POST /assignments', 409, w.book(order.id, first.id));
    const missed = (await w.book(order.id, second.id)).body;
    const cancelled = (await w.book(order.id, third.id)).body;
    await call('GET /assignments/{id}', 200, w.get('coordinatorA', `/assignments/${worked.id}`));
    await call('GET /orders/{orderId}/assignments', 200, w.get('supervisor', `/orders/${order.id}/assignments`));
    await call('GET /shifts/{shiftId}/assignments', 200, w.get('coordinatorA', `/shifts/${first.id}/assignments`));
    await call(
      'POST /assignments/{id}/cancel',
      200,
      w.post('supervisor', `/assignments/${cancelled.id}/cancel`, { reason: 'pindah' }),
    );

    t.clock.set(new Date(Date.parse(second.endsAt) + 60_000));
    const key = { 'Idempotency-Key': `tour-${worked.id}` };
    const arrival = { at: worked.startsAt, location: { lat: -3.6926, lng: 128.184 } };
    await call(
      'POST /assignments/{id}/check-in',
      200,
      w.post('coordinatorA', `/assignments/${worked.id}/check-in`, arrival, key),
    );
    await call(
      'POST /assignments/{id}/check-in',
      409,
      w.post('coordinatorA', `/assignments/${worked.id}/check-in`, {}, key),
    );
    const departure = { at: worked.endsAt, note: 'menyapu' };
    await call(
      'POST /assignments/{id}/check-out',
      200,
      w.post('coordinatorA', `/assignments/${worked.id}/check-out`, departure),
    );
    await call('POST /assignments/{id}/sign-off', 200, w.post('supervisor', `/assignments/${worked.id}/sign-off`, {}));
    const absent = { reason: 'tidak datang' };
    await call(
      'POST /assignments/{id}/absence',
      200,
      w.post('coordinatorA', `/assignments/${missed.id}/absence`, absent),
    );
    const excused = { excused: true, reason: 'sakit' };
    await call(
      'POST /assignments/{id}/absence-decision',
      200,
      w.post('supervisor', `/assignments/${missed.id}/absence-decision`, excused),
    );
    const ledger = await call('GET /orders/{id}/ledger', 200, w.get('prosecutor', `/orders/${order.id}/ledger`));
    const reversal = { reason: 'salah hitung', minutes: 30 };
    const entry = `/orders/${order.id}/ledger/${ledger.items[0].id}/reversal`;
    await call('POST /orders/{id}/ledger/{entryId}/reversal', 201, w.post('supervisor', entry, reversal));
    await call(
      'GET /assignments/{id}/notifications',
      200,
      w.get('supervisor', `/assignments/${worked.id}/notifications`),
    );
    await call('GET /persons/{id}/notifications', 200, w.get('supervisor', `/persons/${person.id}/notifications`));
    await call('GET /persons/{id}/export', 200, w.get('supervisor', `/persons/${person.id}/export`));
    await call('GET /persons/{id}/export', 403, w.get('otherBapasSupervisor', `/persons/${person.id}/export`));
    await call('GET /worklist', 200, w.get('supervisor', '/worklist'));
    await call('GET /shifts', 200, w.get('coordinatorA', '/shifts?from=2026-12-01&to=2026-12-07'));
    await call('GET /shifts/{id}', 200, w.get('coordinatorA', `/shifts/${first.id}`));
    await call('POST /shifts/{shiftId}/sign-off', 200, w.post('supervisor', `/shifts/${third.id}/sign-off`));
    const link = await call('POST /persons/{id}/link', 201, w.post('supervisor', `/persons/${person.id}/link`));
    await call('GET /person-page/{token}', 200, t.http().get(`/api/v1/person-page/${link.token}`));
    await call('GET /person-page/{token}', 401, t.http().get('/api/v1/person-page/forged.token'));
    const notice = { assignmentId: '00000000-0000-4000-8000-000000000000', reason: 'Sakit' };
    await call(
      'POST /person-page/{token}/notices',
      400,
      t.http().post(`/api/v1/person-page/${link.token}/notices`).send(notice),
    );
    t.clock.set(DEFAULT_NOW);

    await w.shift('siteB', { date: '2026-12-08', start: '08:00', end: '16:00' });
    const horizon = { from: '2026-12-08', to: '2026-12-09' };
    const plan = await call('POST /orders/{id}/plan', 201, w.post('supervisor', `/orders/${order.id}/plan`, horizon));
    await call('GET /plans/{id}', 200, w.get('supervisor', `/plans/${plan.id}`));
    await call('POST /plans/{id}/apply', 200, w.post('supervisor', `/plans/${plan.id}/apply`));
    await call('POST /plans/{id}/apply', 409, w.post('supervisor', `/plans/${plan.id}/apply`));
    await call(
      'POST /plans',
      201,
      w.post('supervisor', '/plans', { from: '2026-12-10', to: '2026-12-11', orderIds: [order.id] }),
    );
    await call(
      'GET /audit-events',
      200,
      w.get('supervisor', `/audit-events?entityType=assignment&entityId=${worked.id}`),
    );
    await call('GET /audit-events/verify', 200, w.get('admin', '/audit-events/verify'));
    const checkpoint = await call('POST /audit-events/checkpoints', 201, w.post('admin', '/audit-events/checkpoints'));
    await call('GET /audit-events/checkpoints/latest', 200, w.get('prosecutor', '/audit-events/checkpoints/latest'));
    await call(
      'POST /audit-events/checkpoints/verify',
      200,
      w.post('prosecutor', '/audit-events/checkpoints/verify', checkpoint),
    );

    await call('GET /orders/{id}/completion-report', 409, w.get('prosecutor', `/orders/${order.id}/completion-report`));
    await call(
      'GET /reports/monthly',
      200,
      w.get('supervisor', `/reports/monthly?agencyId=${w.ids.bapas}&month=2026-10&format=csv`),
    );
    await call(
      'GET /reports/monthly',
      200,
      w.get('supervisor', `/reports/monthly?agencyId=${w.ids.bapas}&month=2026-10`),
    );
    await call(
      'GET /reports/monthly',
      403,
      w.get('supervisor', `/reports/monthly?agencyId=${w.ids.otherBapas}&month=2026-10`),
    );
    await call('GET /exports', 200, w.get('admin', '/exports?limit=5'));

    const breached = await w.personWithOrder();
    const report = { reason: 'Tidak hadir tiga kali dan tidak dapat dihubungi' };
    const breach = await call(
      'POST /orders/{id}/breaches',
      201,
      w.post('supervisor', `/orders/${breached}/breaches`, report),
    );
    await call('POST /orders/{id}/breaches', 409, w.post('supervisor', `/orders/${breached}/breaches`, report));
    await call('GET /breaches', 200, w.get('prosecutor', `/breaches?orderId=${breached}`));
    await call('GET /breaches/{id}', 200, w.get('prosecutor', `/breaches/${breach.id}`));
    const decision = {
      outcome: 'dismissed',
      decisionNumber: `B-1/${w.tag}`,
      decisionDate: '2026-11-23',
      note: 'Tidak terbukti',
    };
    const decided = await call(
      'POST /breaches/{id}/decision',
      200,
      w.post('prosecutor', `/breaches/${breach.id}/decision`, decision),
    );
    const correction = { ...decision, correctsId: decided.decision.id, reason: 'Nomor putusan salah ketik' };
    const corrections = `/breaches/${breach.id}/decision/corrections`;
    const corrected = await call(
      'POST /breaches/{id}/decision/corrections',
      201,
      w.post('prosecutor', corrections, correction),
    );
    await call('POST /breaches/{id}/decision/corrections', 409, w.post('prosecutor', corrections, correction));
    expect(corrected.decisions).toHaveLength(2);
    await call('GET /breaches/{id}', 200, w.get('prosecutor', `/breaches/${breach.id}`));

    // R-29: the reversal above is a misuse signal of this world's Bapas once scanned.
    await call('GET /oversight/summary', 200, w.get('oversight', '/oversight/summary?month=2026-11'));
    await call('POST /oversight/signals/scan', 200, w.post('oversight', '/oversight/signals/scan'));
    const signals = await call('GET /oversight/signals', 200, w.get('oversight', '/oversight/signals?kind=reversal'));
    const signal = signals.items.find((s: { orderId: string }) => s.orderId === order.id);
    await call('GET /oversight/signals/{id}', 200, w.get('oversight', `/oversight/signals/${signal.id}`));
    await call('GET /oversight/signals/{id}/trail', 200, w.get('oversight', `/oversight/signals/${signal.id}/trail`));
    const review = { note: 'Dicek: koreksi istirahat yang sah' };
    await call(
      'POST /oversight/signals/{id}/review',
      200,
      w.post('oversight', `/oversight/signals/${signal.id}/review`, review),
    );
    await call(
      'POST /oversight/signals/{id}/review',
      409,
      w.post('oversight', `/oversight/signals/${signal.id}/review`, review),
    );

    expect(problems).toEqual([]);
    expect(
      operations(served)
        .map(([name]) => name)
        .filter((name) => !conformance.visited.has(name)),
    ).toEqual([]);
  }, 180_000);

  describe('generates a typed client (clients/typed-smoke)', () => {
    it('that compiles, and fails to compile when the login answer has no schema (typed never)', async () => {
      const broken = structuredClone(served);
      delete (broken.paths['/api/v1/auth/login'].post!.responses['200'] as { content?: unknown }).content;
      const copy = mkdtempSync(join(tmpdir(), 'typed-smoke-never-'));
      try {
        cpSync(join(ROOT, 'clients/typed-smoke'), copy, { recursive: true });
        writeFileSync(join(copy, 'schema.d.ts'), await clientTypesText(broken));
        writeFileSync(join(copy, 'package.json'), '{"type": "module"}');
        const [real, never] = await Promise.all([tsc('clients/typed-smoke'), tsc(copy)]);
        expect({ real, never }).toEqual({ real: 0, never: 2 });
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    }, 120_000);

    it('that logs in, books an order on a shift and reads the order against the running app', async () => {
      const username = `pk.typed.${w.tag.toLowerCase()}`;
      const password = 'typed-client-password-1';
      const user = { username, fullName: 'PK Typed', role: 'supervisor', agencyId: w.ids.bapas, phone: '081234567890' };
      const created = await w.post('admin', '/users', user);
      expect(created.status).toBe(201);
      await w.activate(created.body.id, username, password);
      const orderId = await w.personWithOrder();
      const shift = await w.shift('siteA', { date: '2026-12-02', start: '08:00', end: '12:00' });
      await t.app.listen(0, '127.0.0.1');
      const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;

      const { login, assignment, order } = await loginBookAndRead({
        baseUrl,
        username,
        password,
        orderId,
        shiftId: shift.id,
      });
      expect(login).toMatchObject({ tokenType: 'Bearer', user: { username, role: 'supervisor' } });
      expect(assignment).toMatchObject({ orderId, shiftId: shift.id, status: 'scheduled', plannedMinutes: 240 });
      expect(order).toMatchObject({
        id: orderId,
        status: 'active',
        progress: { requiredMinutes: 2400, scheduledMinutes: 240, creditedMinutes: 0, remainingMinutes: 2400 },
      });

      const again = await loginBookAndRead({ baseUrl, username, password, orderId, shiftId: shift.id }).catch(
        (error: unknown) => error,
      );
      expect(again).toBeInstanceOf(ProblemAnswer);
      expect(again).toMatchObject({
        step: 'book',
        problem: { status: 409, type: 'urn:bakti:problem:booking.overlap' },
      });
    }, 60_000);
  });
});
