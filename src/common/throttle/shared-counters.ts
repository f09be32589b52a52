import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

export interface CounterState {
  hits: number;
  /** Seconds until the window (or the block) ends. */
  retryAfterSeconds: number;
  blocked: boolean;
}

/** One Lua call: count the hit, start the window on the first, block once over the limit. Keys share a hash tag. */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local block = redis.call('PTTL', KEYS[2])
if hits > tonumber(ARGV[2]) and block < 0 then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  block = tonumber(ARGV[3])
end
return {hits, ttl, block}`;

const PEEK = `return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2])}`;

/**
 * Rate counters shared by every replica through Redis, with a per-process fallback while Redis is down (so a
 * Redis outage loosens the limits to one process's view, never lifts them): sign-in requests per address and
 * failed sign-ins per username and address.
 */
export class SharedCounters {
  private readonly logger = new Logger('SharedCounters');
  private readonly local = new Map<string, { hits: number; expiresAt: number; blockedUntil: number }>();
  private degraded = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Counts one hit in a window of `windowMs`; over `limit`, blocked for `blockMs`. */
  async hit(key: string, windowMs: number, limit: number, blockMs: number): Promise<CounterState> {
    const [counter, block] = this.keys(key);
    try {
      const [hits, ttl, blocked] = (await this.redis.eval(
        INCREMENT,
        2,
        counter,
        block,
        windowMs,
        limit,
        blockMs,
      )) as number[];
      this.recovered();
      return state(hits, blocked > 0 ? blocked : ttl, blocked > 0);
    } catch (error) {
      this.fellBack(error);
      return this.localHit(counter, windowMs, limit, blockMs);
    }
  }

  async peek(key: string): Promise<CounterState> {
    const [counter, block] = this.keys(key);
    try {
      const [hits, ttl, blocked] = (await this.redis.eval(PEEK, 2, counter, block)) as number[];
      this.recovered();
      return state(hits, blocked > 0 ? blocked : ttl, blocked > 0);
    } catch (error) {
      this.fellBack(error);
      const entry = this.live(counter);
      return state(
        entry?.hits ?? 0,
        entry ? Math.max(entry.blockedUntil, entry.expiresAt) - Date.now() : 0,
        (entry?.blockedUntil ?? 0) > Date.now(),
      );
    }
  }

  private keys(key: string): [string, string] {
    return [`${this.prefix}:${key}`, `${this.prefix}:${key}:blocked`];
  }

  private localHit(counter: string, windowMs: number, limit: number, blockMs: number): CounterState {
    const now = Date.now();
    const entry = this.live(counter) ?? { hits: 0, expiresAt: now + windowMs, blockedUntil: 0 };
    entry.hits++;
    if (entry.hits > limit && entry.blockedUntil <= now) entry.blockedUntil = now + blockMs;
    this.local.set(counter, entry);
    const blocked = entry.blockedUntil > now;
    return state(entry.hits, (blocked ? entry.blockedUntil : entry.expiresAt) - now, blocked);
  }

  private live(counter: string) {
    const entry = this.local.get(counter);
    if (entry && Math.max(entry.expiresAt, entry.blockedUntil) <= Date.now()) this.local.delete(counter);
    return this.local.get(counter);
  }

  private fellBack(error: unknown): void {
    if (!this.degraded)
      this.logger.warn(`Redis unavailable, counting in this process only: ${(error as Error).message}`);
    this.degraded = true;
  }

  private recovered(): void {
    if (this.degraded) this.logger.log('Redis back: counters shared again');
    this.degraded = false;
  }
}

function state(hits: number, remainingMs: number, blocked: boolean): CounterState {
  return { hits, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)), blocked };
}
