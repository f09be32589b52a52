import { hostname } from 'node:os';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { REDIS, redisUp } from '../common/redis.js';

const BEAT_MS = 10_000;
const ALIVE_MS = 3 * BEAT_MS;

export const workersKey = (prefix: string) => `${prefix}:workers`;

/** Each worker process marks itself alive in Redis; /health counts the marks of the last 30 seconds. */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly me = `${hostname()}-${process.pid}`;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private readonly onReady = () => this.beat();

  /** A beat as soon as Redis is ready, at boot and after every outage, so /health doesn't wait 10 s. */
  onApplicationBootstrap(): void {
    this.redis.on('ready', this.onReady);
    this.beat();
  }

  /** Per process by nature: each replica says it is alive. A beat missed while Redis is away is simply missed. */
  @Interval('worker-heartbeat', BEAT_MS)
  beat(): void {
    if (!redisUp(this.redis)) return;
    this.redis.zadd(workersKey(this.config.QUEUE_PREFIX), Date.now(), this.me).catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.off('ready', this.onReady);
    if (redisUp(this.redis))
      await this.redis.zrem(workersKey(this.config.QUEUE_PREFIX), this.me).catch(() => undefined);
  }
}

export async function liveWorkers(redis: Redis, prefix: string): Promise<number> {
  return redis.zcount(workersKey(prefix), Date.now() - ALIVE_MS, '+inf');
}
