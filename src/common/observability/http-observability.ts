import { randomUUID, timingSafeEqual } from 'node:crypto';
import { INestApplication, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../../config/app-config.js';
import { defineMessages, localize, pickLocale } from '../messages.js';
import { Metrics } from './metrics.js';

defineMessages({
  'metrics.disabled': {
    id: 'Metrik dimatikan: METRICS_TOKEN belum diatur.',
    en: 'Metrics are off: METRICS_TOKEN is not set.',
  },
  'metrics.token_required': {
    id: 'Token bearer METRICS_TOKEN diperlukan.',
    en: 'The METRICS_TOKEN bearer token is required.',
  },
});

export const REQUEST_ID_HEADER = 'X-Request-Id';
export const METRICS_PATH = '/metrics';
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id of a request, as echoed in X-Request-Id (a caller's own id when it sent a sane one). */
export function requestIdOf(response: Response): string | undefined {
  return response.getHeader(REQUEST_ID_HEADER) as string | undefined;
}

/**
 * The route's pattern (`/api/v1/assignments/:id/check-in`), never the path itself: no ids, no query string,
 * so neither a NIK nor a token can reach a log line or a metric label, and labels stay few.
 */
export function routeOf(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (typeof route?.path === 'string') return `${request.baseUrl}${route.path}`;
  return request.baseUrl || 'unmatched';
}

/**
 * Mounted first, before every other handler: a request id on every answer, one access log line per request
 * (method, route, status, duration, user id, request id; JSON in production) and the HTTP latency histogram.
 * The metrics are served at /metrics to a bearer of METRICS_TOKEN only (off when it is not set).
 */
export function mountObservability(app: INestApplication): void {
  const config = app.get(AppConfig);
  const metrics = app.get(Metrics);
  const logger = new Logger('HTTP');
  const json = config.NODE_ENV === 'production';

  app.use((request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const given = request.headers['x-request-id'];
    const requestId = typeof given === 'string' && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
    response.setHeader(REQUEST_ID_HEADER, requestId);
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(request);
      const status = response.statusCode;
      metrics.httpDuration.observe({ method: request.method, route, status: String(status) }, seconds);
      const userId = (request as Request & { user?: { id?: string } }).user?.id ?? null;
      const durationMs = Math.round(seconds * 10_000) / 10;
      holdStdoutForThisTurn();
      logger.log(
        json
          ? { msg: 'request', method: request.method, route, status, durationMs, userId, requestId }
          : `${request.method} ${route} ${status} ${durationMs}ms user=${userId ?? '-'} request=${requestId}`,
      );
    });
    next();
  });

  app.use(METRICS_PATH, async (request: Request, response: Response) => {
    if (!config.METRICS_TOKEN) return void problem(request, response, 404, 'metrics.disabled');
    if (!bearerMatches(request.headers.authorization, config.METRICS_TOKEN)) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="Bakti metrics"');
      return void problem(request, response, 401, 'metrics.token_required');
    }
    response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

let flushesOnExit = false;

/**
 * The log lines of one turn of the event loop leave stdout together at its end, in one write: stdout to a pipe
 * or a terminal is written synchronously, one system call a line, and every access line woke whoever reads the
 * log (at a thousand requests a second, a thousand wake-ups). Whatever is held is written on exit too.
 */
function holdStdoutForThisTurn(): void {
  if (process.stdout.writableCorked) return;
  if (!flushesOnExit) {
    flushesOnExit = true;
    process.once('exit', () => {
      while (process.stdout.writableCorked) process.stdout.uncork();
    });
  }
  process.stdout.cork();
  setImmediate(() => process.stdout.uncork());
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Outside Nest's filter (this is plain Express), so the problem+json is written here, in the same shape. */
function problem(request: Request, response: Response, status: number, code: string): void {
  const locale = pickLocale(request.headers['accept-language']);
  response
    .status(status)
    .type('application/problem+json')
    .setHeader('Content-Language', locale)
    .send(
      JSON.stringify({
        type: `urn:bakti:problem:${code}`,
        title: localize(`status.${status}`, locale),
        status,
        detail: localize(code, locale),
        requestId: requestIdOf(response),
      }),
    );
}
