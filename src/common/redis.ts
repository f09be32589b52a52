import { Logger } from '@nestjs/common';
import { Redis, RedisOptions } from 'ioredis';

export const REDIS = Symbol('REDIS');

/** Reconnect soon after Redis comes back: 200 ms more per attempt, at most 5 s apart. */
const retryStrategy = (attempt: number) => Math.min(attempt * 200, 5000);

/**
 * The shared client (health, heartbeat, readiness of the queues). Commands fail at once while Redis is down
 * instead of waiting in an offline queue, and its state changes are logged once each, not once per retry.
 */
export function createRedis(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy });
  logStateChanges(client, new Logger('Redis'));
  return client;
}

export const redisUp = (client: Redis): boolean => client.status === 'ready';

/** Resolves when the client is (or becomes) ready; never rejects: the caller decides how long to wait. */
export function whenRedisUp(client: Redis): Promise<void> {
  if (redisUp(client)) return Promise.resolve();
  return new Promise((resolve) => client.once('ready', () => resolve()));
}

/** One line when Redis becomes unreachable (with the first error), one when it is back. */
function logStateChanges(client: Redis, logger: Logger): void {
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  client.on('ready', () => {
    if (state === 'down') logger.log('Redis is reachable again');
    state = 'up';
  });
  const down = (reason: string) => {
    if (state === 'down') return;
    state = 'down';
    logger.warn(`Redis is unreachable (${reason}); retrying in the background, the API keeps serving`);
  };
  client.on('error', (error: Error) => down(error.message || (error as NodeJS.ErrnoException).code || error.name));
  client.on('close', () => {
    if (state === 'up' && client.status !== 'end') down('connection closed');
  });
}

/** Errors a BullMQ client raises while Redis is away: the shared client already said so once. */
export function isConnectionError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code) ||
    /Connection is closed|connect ECONNREFUSED|Stream isn't writeable/i.test(error.message)
  );
}

/** ioredis options from a redis:// URL, as BullMQ wants them (workers need maxRetriesPerRequest: null). */
export function redisConnection(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    retryStrategy,
  };
}
