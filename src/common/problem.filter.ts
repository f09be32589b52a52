import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error.js';
import { BODY_LIMIT } from './input-guard.js';
import { hasMessage, Locale, localize, pickLocale } from './messages.js';
import { requestIdOf, routeOf } from './observability/http-observability.js';
import { RuleViolation } from './rule-violation.js';
import { unavailableDependency } from './unavailable.js';

interface Problem {
  status: number;
  violations: RuleViolation[];
  headers?: Record<string, string>;
}

/** A client may retry a 503 after this many seconds. */
const RETRY_AFTER_SECONDS = 5;

/** Every error leaves as application/problem+json (RFC 9457), in Indonesian unless the client asks for English. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.classify(exception);
    if (problem.status === 503) {
      // The loss itself is logged once by the dependency's watch; the access log has this request.
      this.logger.debug(
        `${request.method} ${routeOf(request)}: 503, ${(exception as Error)?.message ?? String(exception)}`,
      );
    } else if (problem.status >= 500) {
      this.logger.error(`${request.method} ${routeOf(request)}: ${(exception as Error)?.stack ?? String(exception)}`);
    }
    const locale = pickLocale(request.headers['accept-language']);
    for (const [name, value] of Object.entries(problem.headers ?? {})) response.setHeader(name, value);
    response
      .status(problem.status)
      .type('application/problem+json')
      .setHeader('Content-Language', locale)
      .send(JSON.stringify({ ...render(problem, locale), requestId: requestIdOf(response) }));
  }

  private classify(exception: unknown): Problem {
    const unavailable = unavailableDependency(exception);
    if (unavailable) {
      return {
        status: 503,
        violations: [{ code: `service.${unavailable}_unavailable` }],
        headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      };
    }
    if (exception instanceof DomainError) {
      return { status: exception.status, violations: exception.violations, headers: exception.headers };
    }
    if (exception instanceof QueryFailedError) return fromDatabase(exception);
    const bodyParser = exception as { type?: string; status?: number };
    if (bodyParser?.type === 'entity.parse.failed') return { status: 400, violations: [{ code: 'malformed_json' }] };
    if (bodyParser?.type === 'entity.too.large') {
      return { status: 413, violations: [{ code: 'input.too_large', params: { value: BODY_LIMIT } }] };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? 'route_not_found' : `status.${status}`;
      return { status, violations: [{ code }] };
    }
    if (typeof bodyParser?.status === 'number' && bodyParser.status >= 400 && bodyParser.status < 500) {
      return { status: bodyParser.status, violations: [{ code: `status.${bodyParser.status}` }] };
    }
    return { status: 500, violations: [{ code: 'internal_error' }] };
  }
}

/** The database's own guards (R-17, R-18, uniqueness) answer 409 when a race got past the service's checks. */
function fromDatabase(error: QueryFailedError): Problem {
  const { code, constraint } = error.driverError as { code?: string; constraint?: string };
  switch (code) {
    case '23P01':
      return { status: 409, violations: [{ code: 'booking.overlap' }] };
    case '23505':
      return { status: 409, violations: [{ code: 'duplicate', params: { detail: constraint ?? '' } }] };
    case '23514':
      if (constraint === 'shift_capacity') return { status: 409, violations: [{ code: 'booking.shift_full' }] };
      return { status: 409, violations: [{ code: 'constraint', params: { detail: constraint ?? '' } }] };
    default:
      // Class 22 is a value the database can't hold (out of range, bad encoding): the client's input, never ours.
      if (code?.startsWith('22')) return { status: 400, violations: [{ code: 'invalid_value' }] };
      return { status: 500, violations: [{ code: 'internal_error' }] };
  }
}

function render({ status, violations }: Problem, locale: Locale) {
  const messages = violations.map((violation) => ({
    ...(violation.field ? { field: violation.field } : {}),
    code: violation.code,
    message: localize(hasMessage(violation.code) ? violation.code : 'validation.invalid', locale, violation.params),
  }));
  const first = violations[0]?.code ?? `status.${status}`;
  return {
    type: `urn:bakti:problem:${first}`,
    title: localize(`status.${status}`, locale),
    status,
    detail: messages.map((m) => (m.field ? `${m.field}: ${m.message}` : m.message)).join(' '),
    ...(messages.length > 0 ? { errors: messages } : {}),
  };
}
