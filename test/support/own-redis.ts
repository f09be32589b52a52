import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { waitFor } from './wait.js';

/** A TCP port nothing listens on right now (the kernel's pick), for a Redis of the test's own or a dead one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A redis-server of the test's own, so that a test can stop it and start it again without touching the shared
 * Redis. It keeps nothing on disk: started again, it is empty, as a Redis that lost its memory.
 */
export class OwnRedis {
  private process?: ChildProcess;

  constructor(readonly port: number) {}

  static async onFreePort(): Promise<OwnRedis> {
    return new OwnRedis(await freePort());
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await waitFor(
        () =>
          probe.connect().then(
            () => probe.ping(),
            () => null,
          ),
        `redis-server on ${this.port}`,
      );
    } finally {
      probe.disconnect();
    }
  }

  /** Killed outright, as a crashed or unplugged Redis. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
