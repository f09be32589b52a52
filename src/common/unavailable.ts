import { QueryFailedError } from 'typeorm';
import { defineMessages } from './messages.js';

export const unavailableMessages = defineMessages({
  'service.database_unavailable': {
    id: 'Basis data sementara tidak dapat dihubungi; tidak ada yang berubah. Coba lagi sebentar lagi.',
    en: 'The database is unreachable for the moment; nothing was changed. Try again shortly.',
  },
  'service.queue_unavailable': {
    id: 'Antrean pesan sementara tidak dapat dihubungi. Coba lagi sebentar lagi.',
    en: 'The job queues are unreachable for the moment. Try again shortly.',
  },
});

/** SQLSTATE classes and codes that say "the server is gone or refusing", not "your request is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-4]|53300)/;
const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'];
const LOST_CONNECTION =
  /Connection terminated|terminating connection|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established/i;

/**
 * Which dependency a failure is about when it is PostgreSQL (or Redis) being away: the client sees 503 with
 * Retry-After and retries (with its Idempotency-Key), never 500. A transaction cut in the middle rolled back.
 */
export function unavailableDependency(exception: unknown): 'database' | 'queue' | null {
  const name = (exception as Error)?.name;
  if (name === 'RedisUnavailable') return 'queue';
  // TypeORM lets go of a connection that failed; the transaction's next query then meets these.
  if (name === 'QueryRunnerAlreadyReleasedError' || name === 'QueryRunnerProviderAlreadyReleasedError')
    return 'database';
  const error = (exception instanceof QueryFailedError ? exception.driverError : exception) as {
    code?: unknown;
    message?: unknown;
  } | null;
  if (!error || typeof error !== 'object') return null;
  const code = typeof error.code === 'string' ? error.code : '';
  if (UNAVAILABLE_SQLSTATE.test(code) || NETWORK_CODES.includes(code)) return 'database';
  return typeof error.message === 'string' && LOST_CONNECTION.test(error.message) ? 'database' : null;
}
