import { hostname } from 'node:os';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { REDIS } from '../common/redis.js';

const BEAT_MS = 10_000;
const ALIVE_MS = 3 * BEAT_MS;

export const workersKey = (prefix: string) => `${prefix}:workers`;

/** Each worker process marks itself alive in Redis; /health counts the marks of the last 30 seconds. */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private readonly me = `${hostname()}-${process.pid}`;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const beat = () => this.redis.zadd(workersKey(this.config.QUEUE_PREFIX), Date.now(), this.me).catch(() => undefined);
    void beat();
    this.timer = setInterval(beat, BEAT_MS);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.zrem(workersKey(this.config.QUEUE_PREFIX), this.me).catch(() => undefined);
  }
}

export async function liveWorkers(redis: Redis, prefix: string): Promise<number> {
  return redis.zcount(workersKey(prefix), Date.now() - ALIVE_MS, '+inf');
}
