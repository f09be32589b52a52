/**
 * The smallest client generated from openapi/openapi.json (openapi-typescript types, openapi-fetch calls): a
 * supervisor logs in, books an order on a shift and reads the order back. Compiled in `npm test`, and run against
 * a test app by test/openapi.e2e-spec.ts. Regenerate the types with `npm run openapi`.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

type Schemas = components['schemas'];

/** The JSON answer of an operation's status: a compile error when the document gave it no schema. */
type Answer<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

/** A response typed `never` (no schema) or typed loosely fails these checks, and so the build. */
export type DocumentChecks = [
  Expect<Equals<Answer<'/api/v1/auth/login', 'post', 200>['accessToken'], string>>,
  Expect<Equals<Answer<'/api/v1/auth/login', 'post', 200>['tokenType'], 'Bearer'>>,
  Expect<Equals<Answer<'/api/v1/assignments', 'post', 201>, Schemas['BookedAssignment']>>,
  Expect<Equals<Answer<'/api/v1/orders/{id}', 'get', 200>, Schemas['Order']>>,
  Expect<Equals<Schemas['Order']['progress']['remainingMinutes'], number>>,
  Expect<Equals<Schemas['Assignment']['checkIn'], Schemas['AttendanceRecord'] | null>>,
  Expect<Equals<Schemas['Problem']['status'], number>>,
];

export interface SmokeInput {
  baseUrl: string;
  username: string;
  password: string;
  orderId: string;
  shiftId: string;
  fetch?: typeof fetch;
}

export interface SmokeResult {
  login: Schemas['Login'];
  assignment: Schemas['BookedAssignment'];
  order: Schemas['Order'];
}

/** Thrown with the problem+json the service answered. */
export class ProblemAnswer extends Error {
  constructor(
    readonly step: string,
    readonly problem: Schemas['Problem'],
  ) {
    super(`${step}: ${problem.status} ${problem.detail}`);
  }
}

export async function loginBookAndRead(input: SmokeInput): Promise<SmokeResult> {
  const client = createClient<paths>({ baseUrl: input.baseUrl, fetch: input.fetch });
  const login = await client.POST('/api/v1/auth/login', {
    body: { username: input.username, password: input.password },
  });
  if (!login.data) throw new ProblemAnswer('login', login.error);
  const headers = { authorization: `${login.data.tokenType} ${login.data.accessToken}` };

  const booking = await client.POST('/api/v1/assignments', {
    headers,
    body: { orderId: input.orderId, shiftId: input.shiftId },
  });
  if (!booking.data) throw new ProblemAnswer('book', booking.error);

  const order = await client.GET('/api/v1/orders/{id}', { headers, params: { path: { id: booking.data.orderId } } });
  if (!order.data) throw new ProblemAnswer('read order', order.error);
  return { login: login.data, assignment: booking.data, order: order.data };
}
