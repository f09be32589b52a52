import { randomInt, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DEFAULT_NOW, startTestApp, TestApp } from './support/test-app.js';
import { Actor, World } from './support/world.js';

/**
 * Bad input on every POST of API.md: a missing required field, an unknown extra field and an ill-typed field
 * each get 400 application/problem+json whose `errors` name the offending field; bad path ids get 400 naming
 * the parameter, unknown ones 404; a refused request changes nothing; nothing a client sends gives a 500.
 */

type Json = Record<string, unknown>;

interface Endpoint {
  actor: Actor;
  path: () => string;
  /** A body the endpoint accepts: each case breaks exactly one field of it. */
  body: () => Json;
}

interface Case {
  endpoint: string;
  what: string;
  mutate: (body: Json) => Json;
  field: string;
}

/** A copy of `body` with the value at `path` ('location.lat', 'unavailable.0.from') replaced, or removed. */
function edit(body: Json, path: string, value?: unknown, remove = false): Json {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}
const missing = (path: string) => (body: Json) => edit(body, path, undefined, true);
const set = (path: string, value: unknown) => (body: Json) => edit(body, path, value);

const fieldsOf = (response: Response): string[] =>
  ((response.body?.errors ?? []) as { field?: string }[]).map((error) => error.field ?? '(none)');

const nik = () => `8171${String(randomInt(10 ** 11, 10 ** 12)).padStart(12, '0')}`;

describe('bad input on every POST', () => {
  let t: TestApp;
  let w: World;
  /** Ids made in beforeAll; the tables below read them lazily. */
  const fx: Record<string, string> = {};
  /** Every status this file received, to prove that nothing a client sends gives a 500. */
  const seen: { request: string; status: number }[] = [];

  const note = (request: string, response: Response): Response => {
    seen.push({ request, status: response.status });
    return response;
  };
  const post = async (actor: Actor, path: string, body: object = {}, headers: Record<string, string> = {}) =>
    note(`POST ${path}`, await w.post(actor, path, body, headers));
  const get = async (actor: Actor, path: string) => note(`GET ${path}`, await w.get(actor, path));

  const expectProblem = (response: Response, status: number) => {
    expect({ status: response.status, body: response.body }).toEqual(expect.objectContaining({ status }));
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual(
      expect.objectContaining({ type: expect.any(String), title: expect.any(String), status }),
    );
  };

  const orderBody = (overrides: Json = {}): Json => w.orderBody(fx.person, overrides);

  const endpoints: Record<string, Endpoint> = {
    'auth/login': {
      actor: 'admin',
      path: () => '/auth/login',
      body: () => ({ username: 'nobody.here', password: 'not-the-password' }),
    },
    agencies: {
      actor: 'admin',
      path: () => '/agencies',
      body: () => ({
        code: `VAL-${w.tag}`,
        name: 'Dinas Lingkungan Hidup',
        kind: 'opd',
        region: 'ID-MA',
        timezone: 'Asia/Jayapura',
      }),
    },
    users: {
      actor: 'admin',
      path: () => '/users',
      body: () => ({
        username: `val.${w.tag.toLowerCase()}`,
        password: 'long-enough-password',
        fullName: 'Validasi',
        role: 'supervisor',
        agencyId: w.ids.bapas,
      }),
    },
    agreements: {
      actor: 'admin',
      path: () => '/agreements',
      body: () => ({
        number: `PKS-VAL/${w.tag}`,
        title: 'PKS',
        agencyIds: [w.ids.bapas, w.ids.opd],
        validFrom: '2026-01-02',
        validTo: '2026-12-31',
      }),
    },
    sites: {
      actor: 'admin',
      path: () => '/sites',
      body: () => ({
        name: `Val ${w.tag}`,
        agencyId: w.ids.opd,
        agreementId: w.ids.agreement,
        workType: 'park',
        address: 'Jl. Slamet Riyadi, Ambon',
        location: { lat: -3.6954, lng: 128.1814 },
        radiusMeters: 150,
        timezone: 'Asia/Jayapura',
        defaultCapacity: 5,
        minorsAllowed: false,
        coordinatorIds: [w.ids.coordinatorA],
      }),
    },
    'sites/{id}/shifts': {
      actor: 'supervisor',
      path: () => `/sites/${w.ids.siteA}/shifts`,
      body: () => ({
        date: '2026-12-15',
        start: '08:00',
        end: '12:00',
        breakMinutes: 0,
        capacity: 5,
        coordinatorId: w.ids.coordinatorA,
      }),
    },
    'sites/{id}/open-dates': {
      actor: 'admin',
      path: () => `/sites/${w.ids.siteA}/open-dates`,
      body: () => ({ date: '2026-12-25', reason: 'Kerja bakti Natal' }),
    },
    persons: {
      actor: 'supervisor',
      path: () => '/persons',
      body: () => ({
        fullName: `Klien Val ${w.tag}`,
        nik: nik(),
        birthDate: '1990-01-15',
        sex: 'M',
        religion: 'protestant',
        home: { lat: -3.7, lng: 128.18 },
        unavailable: [{ weekday: 2, from: '05:00', to: '12:00' }],
        inSchool: false,
      }),
    },
    'persons/{id}/conflicts': {
      actor: 'supervisor',
      path: () => `/persons/${fx.person}/conflicts`,
      body: () => ({ userId: w.ids.coordinatorA, relation: 'saudara kandung' }),
    },
    orders: { actor: 'supervisor', path: () => '/orders', body: () => orderBody() },
    assignments: {
      actor: 'supervisor',
      path: () => '/assignments',
      body: () => ({ orderId: fx.order, shiftId: fx.shift }),
    },
    'assignments/{id}/cancel': {
      actor: 'supervisor',
      path: () => `/assignments/${fx.assignment}/cancel`,
      body: () => ({ reason: 'Pindah jadwal' }),
    },
    'assignments/{id}/check-in': {
      actor: 'coordinatorA',
      path: () => `/assignments/${fx.assignment}/check-in`,
      body: () => ({ at: '2026-12-01T08:00:00+09:00', location: { lat: -3.6925, lng: 128.1842 } }),
    },
    'assignments/{id}/check-out': {
      actor: 'coordinatorA',
      path: () => `/assignments/${fx.assignment}/check-out`,
      body: () => ({
        at: '2026-12-01T12:00:00+09:00',
        location: { lat: -3.6925, lng: 128.1842 },
        penaltyMinutes: 0,
        note: 'Selesai',
      }),
    },
    'assignments/{id}/absence': {
      actor: 'coordinatorA',
      path: () => `/assignments/${fx.assignment}/absence`,
      body: () => ({ reason: 'Tidak datang' }),
    },
    'assignments/{id}/sign-off': {
      actor: 'supervisor',
      path: () => `/assignments/${fx.assignment}/sign-off`,
      body: () => ({ creditedMinutes: 120, note: 'Dipotong: terlambat' }),
    },
    'assignments/{id}/absence-decision': {
      actor: 'supervisor',
      path: () => `/assignments/${fx.assignment}/absence-decision`,
      body: () => ({ excused: true, reason: 'Sakit dengan surat dokter' }),
    },
    'orders/{id}/ledger/{entryId}/reversal': {
      actor: 'supervisor',
      path: () => `/orders/${fx.order}/ledger/${randomUUID()}/reversal`,
      body: () => ({ reason: 'Istirahat belum dipotong', minutes: 30 }),
    },
    'persons/{id}/opt-outs': {
      actor: 'supervisor',
      path: () => `/persons/${fx.person}/opt-outs`,
      body: () => ({ channel: 'webhook' }),
    },
  };

  const c = (endpoint: string, what: string, mutate: Case['mutate'], field: string): Case => ({
    endpoint,
    what,
    mutate,
    field,
  });
  const extra = (field: string, value: unknown = 'x') => c('', `unknown field ${field}`, set(field, value), field);

  /** (a) a missing required field, (b) an unknown field, (c) an ill-typed field, per endpoint. */
  const table: [string, Omit<Case, 'endpoint'>[]][] = [
    [
      'auth/login',
      [
        c('', 'missing password', missing('password'), 'password'),
        extra('rememberMe', true),
        c('', 'number for a string (username)', set('username', 42), 'username'),
      ],
    ],
    [
      'agencies',
      [
        c('', 'missing kind', missing('kind'), 'kind'),
        extra('phone'),
        c('', 'number for a string (name)', set('name', 42), 'name'),
      ],
    ],
    [
      'users',
      [
        c('', 'missing role', missing('role'), 'role'),
        extra('isSuperuser', true),
        c('', 'bad uuid (agencyId)', set('agencyId', 'not-a-uuid'), 'agencyId'),
        c('', 'number for a string (phone)', set('phone', 81234567890), 'phone'),
      ],
    ],
    [
      'agreements',
      [
        c('', 'missing validTo', missing('validTo'), 'validTo'),
        extra('signedBy'),
        c('', "bad date '2026-02-30' (validFrom)", set('validFrom', '2026-02-30'), 'validFrom'),
        c('', 'bad uuid in agencyIds', set('agencyIds', ['not-a-uuid', randomUUID()]), 'agencyIds'),
      ],
    ],
    [
      'sites',
      [
        c('', 'missing location', missing('location'), 'location'),
        c('', 'missing location.lng', missing('location.lng'), 'location.lng'),
        extra('commercial', true),
        c('', 'unknown nested field location.alt', set('location.alt', 12), 'location.alt'),
        c('', 'string for a number (radiusMeters)', set('radiusMeters', '150'), 'radiusMeters'),
        c('', 'string for a number (location.lat)', set('location.lat', '-3.6954'), 'location.lat'),
        c('', 'bad uuid in coordinatorIds', set('coordinatorIds', ['123']), 'coordinatorIds'),
        c('', 'string for a boolean (minorsAllowed)', set('minorsAllowed', 'no'), 'minorsAllowed'),
        c('', 'array for an object (location)', set('location', [{ lat: -3.6954, lng: 128.1814 }]), 'location'),
      ],
    ],
    [
      'sites/{id}/shifts',
      [
        c('', 'missing end', missing('end'), 'end'),
        extra('note'),
        c('', "bad date '2026-02-30'", set('date', '2026-02-30'), 'date'),
        c('', "bad time '25:00'", set('start', '25:00'), 'start'),
        c('', 'string for a number (capacity)', set('capacity', '5'), 'capacity'),
        c('', 'bad uuid (coordinatorId)', set('coordinatorId', 'not-a-uuid'), 'coordinatorId'),
      ],
    ],
    [
      'sites/{id}/open-dates',
      [
        c('', 'missing reason', missing('reason'), 'reason'),
        extra('until', '2026-12-26'),
        c('', "bad date '2026-02-30'", set('date', '2026-02-30'), 'date'),
        c('', 'number for a string (reason)', set('reason', 42), 'reason'),
      ],
    ],
    [
      'persons',
      [
        c('', 'missing nik', missing('nik'), 'nik'),
        c('', 'missing unavailable[0].from', missing('unavailable.0.from'), 'unavailable[0].from'),
        extra('ktpPhoto'),
        c('', 'unknown nested field unavailable[0].note', set('unavailable.0.note', 'x'), 'unavailable[0].note'),
        c('', "bad date '2026-02-30' (birthDate)", set('birthDate', '2026-02-30'), 'birthDate'),
        c('', 'a birth date after today', set('birthDate', '2030-01-01'), 'birthDate'),
        c('', 'number for a string (nik)', set('nik', 8171012345670001), 'nik'),
        c('', "bad time '25:00' (unavailable[0].from)", set('unavailable.0.from', '25:00'), 'unavailable[0].from'),
        c(
          '',
          'string for a number (unavailable[0].weekday)',
          set('unavailable.0.weekday', '2'),
          'unavailable[0].weekday',
        ),
        c('', 'string for a number (home.lng)', set('home.lng', 'east'), 'home.lng'),
        c('', 'string for a boolean (inSchool)', set('inSchool', 'yes'), 'inSchool'),
        c('', 'array for an object (home)', set('home', [{ lat: -3.7, lng: 128.18 }]), 'home'),
        c('', 'string for an array (unavailable)', set('unavailable', 'Selasa pagi'), 'unavailable'),
        c('', 'null for an item (unavailable[0])', set('unavailable.0', null), 'unavailable[0]'),
      ],
    ],
    [
      'persons/{id}/conflicts',
      [
        c('', 'missing relation', missing('relation'), 'relation'),
        extra('since', '2020'),
        c('', 'bad uuid (userId)', set('userId', 'not-a-uuid'), 'userId'),
        c('', 'number for a string (relation)', set('relation', 42), 'relation'),
      ],
    ],
    [
      'orders',
      [
        c('', 'missing totalHours', missing('totalHours'), 'totalHours'),
        c('', 'missing replacedSentence.days', missing('replacedSentence.days'), 'replacedSentence.days'),
        extra('judgeName'),
        c(
          '',
          'unknown nested field replacedSentence.months',
          set('replacedSentence.months', 2),
          'replacedSentence.months',
        ),
        c('', 'string for a number (totalHours)', set('totalHours', '40'), 'totalHours'),
        c(
          '',
          'string for a number (replacedSentence.days)',
          set('replacedSentence.days', '60'),
          'replacedSentence.days',
        ),
        c(
          '',
          'string for an object (replacedSentence)',
          set('replacedSentence', 'penjara 2 bulan'),
          'replacedSentence',
        ),
        c('', 'null for an object (replacedSentence)', set('replacedSentence', null), 'replacedSentence'),
        c(
          '',
          'unknown field of the other kind (replacedSentence.days with a fine)',
          set('replacedSentence', { kind: 'fine', amountRupiah: 5_000_000, days: 10 }),
          'replacedSentence.days',
        ),
        c('', 'number for a string (caseNumber)', set('caseNumber', 12), 'caseNumber'),
        c('', "bad date '2026-02-30' (offenseDate)", set('offenseDate', '2026-02-30'), 'offenseDate'),
        c('', 'bad uuid (personId)', set('personId', 'not-a-uuid'), 'personId'),
        c('', 'string for a boolean (consentRecorded)', set('consentRecorded', 'true'), 'consentRecorded'),
      ],
    ],
    [
      'assignments',
      [
        c('', 'missing shiftId', missing('shiftId'), 'shiftId'),
        extra('note'),
        c('', 'number for a uuid (orderId)', set('orderId', 123), 'orderId'),
        c('', 'bad uuid (shiftId)', set('shiftId', 'not-a-uuid'), 'shiftId'),
      ],
    ],
    [
      'assignments/{id}/cancel',
      [
        c('', 'missing reason', missing('reason'), 'reason'),
        extra('notifyPerson', true),
        c('', 'number for a string (reason)', set('reason', 42), 'reason'),
      ],
    ],
    [
      'assignments/{id}/check-in',
      [
        c('', 'missing location.lng', missing('location.lng'), 'location.lng'),
        extra('photo'),
        c('', 'unknown nested field location.accuracy', set('location.accuracy', 5), 'location.accuracy'),
        c('', "bad date '2026-02-30' (at)", set('at', '2026-02-30T08:00:00+09:00'), 'at'),
        c('', "bad time '25:00' (at)", set('at', '2026-12-01T25:00:00+09:00'), 'at'),
        c('', 'number for a string (at)', set('at', 1764576000), 'at'),
        c('', 'string for a number (location.lat)', set('location.lat', '-3.6925'), 'location.lat'),
        c('', 'string for an object (location)', set('location', 'di lokasi'), 'location'),
        c('', 'array for an object (location)', set('location', [{ lat: -3.6925, lng: 128.1842 }]), 'location'),
      ],
    ],
    [
      'assignments/{id}/check-out',
      [
        c('', 'missing location.lat', missing('location.lat'), 'location.lat'),
        extra('rating', 5),
        c('', 'string for a number (penaltyMinutes)', set('penaltyMinutes', '15'), 'penaltyMinutes'),
        c('', 'number for a string (note)', set('note', 5), 'note'),
        c('', "bad time '25:00' (at)", set('at', '2026-12-01T25:00:00+09:00'), 'at'),
      ],
    ],
    [
      'assignments/{id}/absence',
      [
        c('', 'missing reason', missing('reason'), 'reason'),
        extra('evidence'),
        c('', 'number for a string (reason)', set('reason', 42), 'reason'),
      ],
    ],
    // sign-off has no required field (creditedMinutes and note are optional): (a) does not apply.
    [
      'assignments/{id}/sign-off',
      [
        extra('approved', true),
        c('', 'string for a number (creditedMinutes)', set('creditedMinutes', '120'), 'creditedMinutes'),
        c('', 'fraction for an integer (creditedMinutes)', set('creditedMinutes', 90.5), 'creditedMinutes'),
        c('', 'number for a string (note)', set('note', 5), 'note'),
      ],
    ],
    [
      'assignments/{id}/absence-decision',
      [
        c('', 'missing excused', missing('excused'), 'excused'),
        extra('evidence'),
        c('', 'string for a boolean (excused)', set('excused', 'true'), 'excused'),
        c('', 'number for a string (reason)', set('reason', 42), 'reason'),
      ],
    ],
    [
      'orders/{id}/ledger/{entryId}/reversal',
      [
        c('', 'missing reason', missing('reason'), 'reason'),
        extra('approvedBy'),
        c('', 'string for a number (minutes)', set('minutes', '30'), 'minutes'),
        c('', 'zero minutes', set('minutes', 0), 'minutes'),
      ],
    ],
    [
      'persons/{id}/opt-outs',
      [
        c('', 'missing channel', missing('channel'), 'channel'),
        extra('until', '2027-01-01'),
        c('', 'a channel that does not exist', set('channel', 'pigeon'), 'channel'),
        c('', 'number for a string (channel)', set('channel', 1), 'channel'),
      ],
    ],
  ];
  const cases: Case[] = table.flatMap(([endpoint, rows]) => rows.map((row) => ({ ...row, endpoint })));

  beforeAll(async () => {
    t = await startTestApp();
    w = await World.build(t);
    fx.person = await w.person({ religion: 'protestant' });
    fx.order = await w.order(fx.person);
    fx.shift = (await w.shift('siteA', { date: '2026-12-01', start: '08:00', end: '12:00' })).id;
    const otherShift = (await w.shift('siteA', { date: '2026-12-02', start: '08:00', end: '12:00' })).id;
    const booked = await w.book(fx.order, otherShift);
    expect(booked.status).toBe(201);
    fx.assignment = booked.body.id;
  });
  afterAll(() => t.close());

  it('covers every POST endpoint, each with a missing, an unknown and an ill-typed field', () => {
    expect(Object.keys(endpoints).sort()).toEqual([
      'agencies',
      'agreements',
      'assignments',
      'assignments/{id}/absence',
      'assignments/{id}/absence-decision',
      'assignments/{id}/cancel',
      'assignments/{id}/check-in',
      'assignments/{id}/check-out',
      'assignments/{id}/sign-off',
      'auth/login',
      'orders',
      'orders/{id}/ledger/{entryId}/reversal',
      'persons',
      'persons/{id}/conflicts',
      'persons/{id}/opt-outs',
      'sites',
      'sites/{id}/open-dates',
      'sites/{id}/shifts',
      'users',
    ]);
    for (const endpoint of Object.keys(endpoints)) {
      const whats = cases.filter((one) => one.endpoint === endpoint).map((one) => one.what);
      if (endpoint !== 'assignments/{id}/sign-off') expect(whats.some((what) => what.startsWith('missing'))).toBe(true);
      expect(whats.some((what) => what.startsWith('unknown'))).toBe(true);
      expect(whats.filter((what) => !what.startsWith('missing') && !what.startsWith('unknown')).length).toBeGreaterThan(
        0,
      );
    }
  });

  it.each(cases)('POST /$endpoint with $what: 400 problem+json naming $field', async ({ endpoint, mutate, field }) => {
    const { actor, path, body } = endpoints[endpoint];
    const response = await post(actor, path(), mutate(body()));
    expectProblem(response, 400);
    // Only the broken field is named: the rest of the body is valid.
    expect({ fields: [...new Set(fieldsOf(response))], body: response.body }).toEqual(
      expect.objectContaining({ fields: [field] }),
    );
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field, message: expect.any(String) }));
  });

  it.each([
    ['GET', '/orders/not-a-uuid', 'supervisor', 'id'],
    ['GET', '/orders/123/ledger', 'prosecutor', 'id'],
    ['GET', '/assignments/12345678-1234-1234-1234-12345678901', 'supervisor', 'id'],
    ['POST', '/assignments/123/check-in', 'coordinatorA', 'id'],
    ['POST', '/assignments/not-a-uuid/sign-off', 'supervisor', 'id'],
    ['POST', '/sites/site-a/shifts', 'supervisor', 'siteId'],
    ['POST', '/sites/1/open-dates', 'admin', 'siteId'],
    ['POST', '/persons/x/conflicts', 'supervisor', 'id'],
  ] as const)('%s %s (malformed id in the path): 400 naming the parameter %s', async (method, path, actor, param) => {
    const response = method === 'GET' ? await get(actor, path) : await post(actor, path, {});
    expectProblem(response, 400);
    expect(fieldsOf(response)).toEqual([param]);
  });

  it('GET /sites takes limit and offset with its agencyId filter (it refused them when they came in two query DTOs)', async () => {
    const all = await get('supervisor', `/sites?agencyId=${w.ids.opd}`);
    expect(all.status).toBe(200);
    const page = await get('supervisor', `/sites?agencyId=${w.ids.opd}&limit=1&offset=1`);
    expect({
      status: page.status,
      total: page.body.total,
      ids: page.body.items.map((site: { id: string }) => site.id),
    }).toEqual({ status: 200, total: all.body.total, ids: [all.body.items[1].id] });
    expect(fieldsOf(await get('supervisor', '/sites?limit=0'))).toEqual(['limit']);
  });

  it('DELETE /persons/{id}/opt-outs/{channel} opts back in (every call was a 400: the channel DTO refused the id)', async () => {
    const person = await w.person();
    const optedOut = () => t.db.query(`SELECT channel FROM notification_opt_out WHERE person_id = $1`, [person]);
    const optIn = async (channel: string) =>
      note(
        `DELETE opt-out ${channel}`,
        await t
          .http()
          .delete(`/api/v1/persons/${person}/opt-outs/${channel}`)
          .set('authorization', w.authorization('supervisor')),
      );
    expect((await w.post('supervisor', `/persons/${person}/opt-outs`, { channel: 'webhook' })).status).toBe(201);
    expect(await optedOut()).toEqual([{ channel: 'webhook' }]);
    const back = await optIn('webhook');
    expect({ status: back.status, body: back.body }).toEqual({
      status: 200,
      body: { personId: person, channel: 'webhook', optedOut: false },
    });
    expect(await optedOut()).toEqual([]);
    expect(fieldsOf(await optIn('pigeon'))).toEqual(['channel']);
  });

  it('a well-formed id of nothing gets 404', async () => {
    const nothing = randomUUID();
    const answers = [
      await get('supervisor', `/orders/${nothing}`),
      await get('prosecutor', `/orders/${nothing}/ledger`),
      await get('supervisor', `/assignments/${nothing}`),
      await get('supervisor', `/persons/${nothing}`),
      await post('coordinatorA', `/assignments/${nothing}/check-in`, {}),
      await post('supervisor', `/assignments/${nothing}/cancel`, { reason: 'Pindah jadwal' }),
      await post('supervisor', `/assignments/${nothing}/sign-off`, {}),
      await post('supervisor', `/sites/${nothing}/shifts`, { date: '2026-12-15', start: '08:00', end: '12:00' }),
      await post('admin', `/sites/${nothing}/open-dates`, { date: '2026-12-25', reason: 'Natal' }),
      await post('supervisor', `/persons/${nothing}/conflicts`, { userId: w.ids.coordinatorA, relation: 'ipar' }),
    ];
    for (const answer of answers) expectProblem(answer, 404);
  });

  it('R-19: a check-in at a valid time whose location is a list is 400 naming location (not 500), and changes nothing', async () => {
    const shift = await w.shift('siteA', { date: '2026-12-03', start: '08:00', end: '12:00' });
    const booked = await w.book(fx.order, shift.id);
    expect(booked.status).toBe(201);
    t.clock.set(shift.startsAt);
    try {
      const response = await post('coordinatorA', `/assignments/${booked.body.id}/check-in`, {
        location: [{ lat: -3.6925, lng: 128.1842 }],
      });
      expectProblem(response, 400);
      expect(fieldsOf(response)).toEqual(['location']);
    } finally {
      t.clock.set(DEFAULT_NOW);
    }
    const [{ status }] = await t.db.query(`SELECT status FROM assignment WHERE id = $1`, [booked.body.id]);
    expect(status).toBe('scheduled');
  });

  it('a body that is not JSON, or not a JSON object, gets 400 (not 500)', async () => {
    const raw = async (path: string, text: string) =>
      note(
        `POST ${path} (raw)`,
        await t.http().post(`/api/v1${path}`).set('content-type', 'application/json').send(text),
      );
    for (const response of [
      await raw('/auth/login', '{"username": "a", "password": '),
      await raw('/auth/login', "{'username': 'a'}"),
      await raw('/orders', '{"personId": "x",}'),
      await raw('/auth/login', 'null'),
    ]) {
      expectProblem(response, 400);
    }
    expectProblem(await post('supervisor', '/orders', []), 400);
    const huge = note(
      'POST /auth/login (300 kB)',
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'a', password: 'x'.repeat(300_000) }),
    );
    expectProblem(huge, 413);
    expectProblem(await post('admin', '/agencies', [endpoints.agencies.body()]), 400);
  });

  it("messages follow Accept-Language: English on 'en', Indonesian by default", async () => {
    const body = missing('totalHours')(orderBody());
    const english = await post('supervisor', '/orders', body, { 'accept-language': 'en' });
    const indonesian = await post('supervisor', '/orders', body);
    expectProblem(english, 400);
    expectProblem(indonesian, 400);
    expect(english.body.title).toBe('Bad request');
    expect(indonesian.body.title).toBe('Permintaan tidak valid');
    expect(english.body.errors).toContainEqual(
      expect.objectContaining({ field: 'totalHours', message: 'is required' }),
    );
    expect(indonesian.body.errors).toContainEqual(
      expect.objectContaining({ field: 'totalHours', message: 'wajib diisi' }),
    );

    const tooMany = orderBody({ totalHours: 300 });
    const ruleEn = await post('supervisor', '/orders', tooMany, { 'accept-language': 'en' });
    const ruleId = await post('supervisor', '/orders', tooMany);
    expect(ruleEn.body.errors).toContainEqual(
      expect.objectContaining({ field: 'totalHours', message: expect.stringMatching(/between 8 and 240/) }),
    );
    expect(ruleId.body.errors).toContainEqual(
      expect.objectContaining({ field: 'totalHours', message: expect.stringMatching(/antara 8 dan 240/) }),
    );
  });

  describe('a refused request changes nothing', () => {
    const count = async (sql: string, params: unknown[]): Promise<number> => (await t.db.query(sql, params))[0].count;
    /** Rows of this world only: other test files write to the same database at the same time. */
    const snapshot = async () => ({
      orders: await count(`SELECT count(*)::int AS count FROM court_order WHERE bapas_id = $1`, [w.ids.bapas]),
      persons: await count(`SELECT count(*)::int AS count FROM person WHERE bapas_id = $1`, [w.ids.bapas]),
      audit: await count(`SELECT count(*)::int AS count FROM audit_event WHERE actor_id = $1`, [w.ids.supervisor]),
    });

    it.each([
      { rule: 'R-02', what: 'an adult order of 300 hours', order: { totalHours: 300 }, field: 'totalHours' },
      { rule: 'R-02', what: 'an adult order of 7 hours', order: { totalHours: 7 }, field: 'totalHours' },
      {
        rule: 'R-10',
        what: 'an order of 121 hours for a child',
        child: true,
        order: { totalHours: 121, maxHoursPerDay: 4 },
        field: 'totalHours',
      },
      {
        rule: 'R-10',
        what: 'an order of 6 hours for a child',
        child: true,
        order: { totalHours: 6, maxHoursPerDay: 4 },
        field: 'totalHours',
      },
      {
        rule: 'R-01',
        what: 'an order replacing 181 days of prison',
        order: { replacedSentence: { kind: 'imprisonment', days: 181 } },
        field: 'replacedSentence.days',
      },
      {
        rule: 'R-01',
        what: 'an order replacing a fine of Rp10,000,001',
        order: { replacedSentence: { kind: 'fine', amountRupiah: 10_000_001 } },
        field: 'replacedSentence.amountRupiah',
      },
      {
        rule: 'R-04',
        what: 'an order ending one day after start + 6 months',
        order: { startDate: '2026-11-23', endDate: '2027-05-24' },
        field: 'endDate',
      },
      { rule: 'R-03', what: 'an order of 9 hours per day', order: { maxHoursPerDay: 9 }, field: 'maxHoursPerDay' },
      {
        rule: 'R-06',
        what: 'an order without recorded consent',
        order: { consentRecorded: false },
        field: 'consentRecorded',
      },
    ])(
      '$rule: $what is refused with 400 naming $field, and no row or audit event is written',
      async ({ order, field, ...rest }) => {
        const personId = 'child' in rest ? await w.person({ birthDate: '2010-03-01' }) : fx.person;
        const before = await snapshot();
        const response = await post('supervisor', '/orders', orderBody({ personId, ...order }));
        expectProblem(response, 400);
        expect(fieldsOf(response)).toContain(field);
        expect(await snapshot()).toEqual(before);
      },
    );

    it('R-01/R-02/R-04/R-10: the limits themselves are accepted (240 h, 180 days, Rp10,000,000, exactly 6 months, a child at 120 h)', async () => {
      const accepted = [
        await post(
          'supervisor',
          '/orders',
          orderBody({
            personId: await w.person(),
            totalHours: 240,
            replacedSentence: { kind: 'imprisonment', days: 180 },
            endDate: '2027-05-23',
          }),
        ),
        await post(
          'supervisor',
          '/orders',
          orderBody({ personId: await w.person(), replacedSentence: { kind: 'fine', amountRupiah: 10_000_000 } }),
        ),
        await post(
          'supervisor',
          '/orders',
          orderBody({ personId: await w.person({ birthDate: '2010-03-01' }), totalHours: 120, maxHoursPerDay: 4 }),
        ),
      ];
      expect(accepted.map((response) => [response.status, response.body.errors])).toEqual([
        [201, undefined],
        [201, undefined],
        [201, undefined],
      ]);
      expect(accepted[2].body.regime).toBe('child');
    });

    it('a refused person (an ill-typed NIK) writes no person and no audit event', async () => {
      const before = await snapshot();
      const response = await post('supervisor', '/persons', { ...endpoints.persons.body(), nik: '8171-0123-4567' });
      expectProblem(response, 400);
      expect(fieldsOf(response)).toEqual(['nik']);
      expect(await snapshot()).toEqual(before);
    });

    it('a refused person (an unavailable window that ends before it starts) writes nothing', async () => {
      const before = await snapshot();
      const response = await post('supervisor', '/persons', {
        ...endpoints.persons.body(),
        unavailable: [
          { weekday: 5, from: '11:00', to: '13:00' },
          { weekday: 1, from: '12:00', to: '07:00' },
        ],
      });
      expectProblem(response, 400);
      expect(fieldsOf(response)).toEqual(['unavailable[1].to']);
      expect(await snapshot()).toEqual(before);
    });
  });

  it('never answers 500 to anything this file sent', () => {
    expect(seen.length).toBeGreaterThan(100);
    expect(seen.filter(({ status }) => status >= 500)).toEqual([]);
  });
});
