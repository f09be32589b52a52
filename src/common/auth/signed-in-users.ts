import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config.js';
import type { AuthUser } from './auth-user.js';

/** How long a user read for a bearer token is served from memory when nothing says it changed. */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
/** How long `forget` waits for its own eviction to come back through Redis before it gives up waiting. */
const ECHO_WAIT_MS = 200;

/**
 * The users behind bearer tokens, kept a few seconds so that a request does not read `app_user` again.
 * Deactivation (or a role or agency change) still takes effect at once: the service that changes a user calls
 * `forget` after its transaction commits, which evicts it here and, through Redis pub/sub, in every other
 * replica. A read that began before an eviction is not kept (the epoch moved on), so a stale row read just
 * before the commit can't be stored after it. While the subscription is not up, nothing is served from memory.
 * `forget` returns once this process's own subscription has heard the eviction: Redis answers the publisher before
 * it writes the message to the subscribers, so a caller answered at the publish's reply could ask another replica
 * before that replica had heard (a test saw the token served once more); the message reaches every subscriber in the
 * same pass, so hearing our own means the others' is on its way too.
 */
@Injectable()
export class SignedInUsers implements OnApplicationShutdown {
  private readonly users = new Map<string, { user: AuthUser; until: number }>();
  /** Reads under way, joined by the requests that miss meanwhile in the same epoch (one read, not one each). */
  private readonly reading = new Map<string, { epoch: number; user: Promise<AuthUser | null> }>();
  private epoch = 0;
  private listening = false;
  /** Per user id, the `forget` calls' places in the line for their eviction's echo, oldest first. */
  private readonly echoes = new Map<string, (() => void)[]>();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;

  constructor(config: AppConfig) {
    this.channel = `${config.QUEUE_PREFIX}:users-changed`;
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true };
    this.publisher = new Redis(config.REDIS_URL, options);
    this.subscriber = new Redis(config.REDIS_URL, { ...options, enableOfflineQueue: true });
    for (const client of [this.publisher, this.subscriber]) client.on('error', () => undefined);
    this.subscriber.on('ready', () => {
      this.subscriber
        .subscribe(this.channel)
        .then(() => {
          this.clear();
          this.listening = true;
        })
        .catch(() => undefined);
    });
    this.subscriber.on('close', () => {
      this.listening = false;
      this.clear();
      // No echo will come back on this connection: nobody waits for one.
      for (const waiting of this.echoes.values()) for (const heard of waiting) heard();
      this.echoes.clear();
    });
    this.subscriber.on('message', (_channel: string, id: string) => {
      this.evict(id);
      // Oldest first: this process's evictions of one user come back in the order it published them.
      const waiting = this.echoes.get(id);
      waiting?.shift()?.();
      if (waiting?.length === 0) this.echoes.delete(id);
    });
    this.publisher.connect().catch(() => undefined);
    this.subscriber.connect().catch(() => undefined);
  }

  /** The cached user, or the one `read` finds (kept only when no change was announced meanwhile). */
  async get(id: string, read: () => Promise<AuthUser | null>): Promise<AuthUser | null> {
    const now = Date.now();
    const cached = this.users.get(id);
    if (this.listening && cached && cached.until > now) return cached.user;
    const epoch = this.epoch;
    const under = this.reading.get(id);
    if (under && under.epoch === epoch) return under.user;
    const user = read();
    this.reading.set(id, { epoch, user });
    try {
      const found = await user;
      if (found && this.listening && epoch === this.epoch) {
        if (this.users.size >= MAX_ENTRIES) this.users.clear();
        this.users.set(id, { user: found, until: now + TTL_MS });
      }
      return found;
    } finally {
      if (this.reading.get(id)?.user === user) this.reading.delete(id);
    }
  }

  /** Call after the change has committed. */
  async forget(id: string): Promise<void> {
    this.evict(id);
    if (!this.listening) {
      await this.publisher.publish(this.channel, id).catch(() => undefined);
      return;
    }
    let heard: () => void = () => undefined;
    const echoed = new Promise<void>((resolve) => (heard = resolve));
    // A waiter that stops waiting keeps its place: its echo, when it comes late, must not release a later one.
    const waiting = this.echoes.get(id) ?? [];
    waiting.push(heard);
    this.echoes.set(id, waiting);
    if ((await this.publisher.publish(this.channel, id).catch(() => 0)) === 0) {
      const at = waiting.indexOf(heard); // no subscriber took it: no echo will come
      if (at >= 0) waiting.splice(at, 1);
      if (waiting.length === 0 && this.echoes.get(id) === waiting) this.echoes.delete(id);
      return;
    }
    const timer = setTimeout(heard, ECHO_WAIT_MS).unref();
    await echoed;
    clearTimeout(timer);
  }

  onApplicationShutdown(): void {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  private evict(id: string): void {
    this.epoch++;
    this.users.delete(id);
  }

  private clear(): void {
    this.epoch++;
    this.users.clear();
  }
}
