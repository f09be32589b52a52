import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loginBookAndRead, ProblemAnswer } from '../clients/typed-smoke/smoke.js';
import { CLIENT_TYPES_FILE, clientTypesText, committed, DOCUMENT_FILE, documentText, ROOT } from '../scripts/openapi/artifacts.js';
import { previewOpenApiDocument } from '../src/bootstrap.js';
import { startTestApp, TestApp } from './support/test-app.js';
import { testConfig } from './support/test-config.js';
import { World } from './support/world.js';

/**
 * The OpenAPI document tells the truth: it is the one committed (npm run openapi), Redocly's recommended rules
 * pass, every operation documents its answers and errors, and a client generated from it compiles, fails to
 * compile when an answer has no schema, and logs in, books and reads an order against the running app.
 */

const run = promisify(execFile);
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
const tsc = (project: string) => run(bin('tsc'), ['-p', project], { cwd: ROOT }).then(() => 0, (error: { code: number }) => error.code);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

function operations(document: OpenAPIObject): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method): [string, Operation] => [`${method.toUpperCase()} ${path}`, item[method]!]),
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
  let served: OpenAPIObject;

  beforeAll(async () => {
    t = await startTestApp();
    served = (await t.http().get('/api/docs-json')).body;
  });
  afterAll(() => t.close());

  describe('is the committed one', () => {
    it(`${DOCUMENT_FILE} is what the app serves, and what npm run openapi writes without booting anything`, async () => {
      const preview = await previewOpenApiDocument(testConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing_listens_here' }));
      expect(documentText(served)).toBe(committed(DOCUMENT_FILE));
      expect(documentText(preview)).toBe(committed(DOCUMENT_FILE));
    });

    it(`${CLIENT_TYPES_FILE} is generated from it`, async () => {
      expect(await clientTypesText(served)).toBe(committed(CLIENT_TYPES_FILE));
    });
  });

  describe('documents every operation', () => {
    it('with a summary, a JSON schema for each answer and problem+json for each client error', () => {
      const gaps = operations(served).flatMap(([name, operation]) => {
        const answers = Object.entries(operation.responses);
        return [
          ...(operation.summary ? [] : [`${name}: no summary`]),
          ...(answers.some(([status]) => status.startsWith('2')) ? [] : [`${name}: no 2xx`]),
          ...answers.flatMap(([status, answer]) => {
            const content = (answer as { content?: Record<string, { schema?: unknown }> }).content ?? {};
            const media = status.startsWith('4') ? 'application/problem+json' : 'application/json';
            return content[media]?.schema ? [] : [`${name}: ${status} without a ${media} schema`];
          }),
        ];
      });
      expect(gaps).toEqual([]);
    });

    it('with bearer security by default; login, health and the document itself are public', () => {
      expect(served.security).toEqual([{ bearer: [] }]);
      const publicOperations = operations(served).filter(([, operation]) => operation.security !== undefined);
      expect(publicOperations.map(([name, operation]) => [name, operation.security])).toEqual([
        ['GET /api/docs-json', [{}]],
        ['POST /api/v1/auth/login', [{}]],
        ['GET /api/v1/health', [{}]],
      ]);
    });

    it('with 401 on every operation that needs a token, and 400 on every one that takes a path id, a body or a query', () => {
      const gaps = operations(served).flatMap(([name, operation]) => {
        const statuses = Object.keys(operation.responses);
        const takesInput = (operation.parameters ?? []).some((p) => 'in' in p && p.in !== 'header') || operation.requestBody;
        return [
          ...(operation.security === undefined && !statuses.includes('401') ? [`${name}: no 401`] : []),
          ...(takesInput && !statuses.includes('400') ? [`${name}: no 400`] : []),
        ];
      });
      expect(gaps).toEqual([]);
    });

    it('with path ids as uuid, limit and offset as integers, and one shared optional Idempotency-Key header', () => {
      const parameters = operations(served).flatMap(([name, operation]) => (operation.parameters ?? []).map((p) => [name, p] as const));
      const inline = parameters.filter(([, p]) => 'in' in p);
      for (const [name, p] of inline) {
        if (!('in' in p)) continue;
        const schema = p.schema as Record<string, unknown>;
        if (p.in === 'path' && p.name !== 'channel') expect([name, p.name, schema.format]).toEqual([name, p.name, 'uuid']);
        if (p.name === 'limit' || p.name === 'offset') expect([name, p.name, schema.type]).toEqual([name, p.name, 'integer']);
        expect([name, p.in, p.name.toLowerCase()]).not.toEqual([name, 'header', 'idempotency-key']);
      }
      const keyed = parameters.filter(([, p]) => '$ref' in p && p.$ref === '#/components/parameters/IdempotencyKey').map(([name]) => name);
      expect(keyed.sort()).toEqual([
        'POST /api/v1/assignments/{id}/absence',
        'POST /api/v1/assignments/{id}/check-in',
        'POST /api/v1/assignments/{id}/check-out',
      ]);
      expect(served.components?.parameters?.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: false });
    });

    it('with minutes as integers and ids as uuid in every schema (but the SMS provider\'s own ids)', () => {
      const ours = properties(served).filter(([, name]) => name !== 'providerId');
      const loose = ours.flatMap(([schema, name, property]) => [
        ...(/Minutes$/.test(name) && property.type !== 'integer' ? [`${schema}.${name}: ${String(property.type)}`] : []),
        ...(/(^id|Id|Ids)$/.test(name) && property.type !== 'array' && property.format !== 'uuid' ? [`${schema}.${name}: not uuid`] : []),
        ...(/Ids$/.test(name) && (property.items as { format?: string })?.format !== 'uuid' ? [`${schema}.${name}: items not uuid`] : []),
      ]);
      expect(loose).toEqual([]);
    });
  });

  it("passes Redocly's recommended rules (redocly.yaml) with no error and no warning", async () => {
    const { stdout } = await run(bin('redocly'), ['lint', DOCUMENT_FILE, '--format=json'], {
      cwd: ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

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
      const w = await World.build(t);
      const username = `pk.typed.${w.tag.toLowerCase()}`;
      const password = 'typed-client-password-1';
      const user = { username, password, fullName: 'PK Typed', role: 'supervisor', agencyId: w.ids.bapas };
      expect((await w.post('admin', '/users', user)).status).toBe(201);
      const orderId = await w.personWithOrder();
      const shift = await w.shift('siteA', { date: '2026-12-02', start: '08:00', end: '12:00' });
      await t.app.listen(0, '127.0.0.1');
      const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;

      const { login, assignment, order } = await loginBookAndRead({ baseUrl, username, password, orderId, shiftId: shift.id });
      expect(login).toMatchObject({ tokenType: 'Bearer', user: { username, role: 'supervisor' } });
      expect(assignment).toMatchObject({ orderId, shiftId: shift.id, status: 'scheduled', plannedMinutes: 240 });
      expect(order).toMatchObject({
        id: orderId,
        status: 'active',
        progress: { requiredMinutes: 2400, scheduledMinutes: 240, creditedMinutes: 0, remainingMinutes: 2400 },
      });

      const again = await loginBookAndRead({ baseUrl, username, password, orderId, shiftId: shift.id }).catch((error: unknown) => error);
      expect(again).toBeInstanceOf(ProblemAnswer);
      expect(again).toMatchObject({ step: 'book', problem: { status: 409, type: 'urn:bakti:problem:booking.overlap' } });
    });
  });
});
