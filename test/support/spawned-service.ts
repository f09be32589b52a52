import { ChildProcess, spawn } from 'node:child_process';
import { freePort } from './own-redis.js';
import { waitFor } from './wait.js';

/** The built service (dist/main.js, as `npm start` runs it) in a process of its own, with its output kept. */
export class SpawnedService {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; at: number }>;
  private readonly child: ChildProcess;

  private constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, ['dist/main.js'], {
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let rest = '';
      stream.on('data', (chunk: Buffer) => {
        const parts = (rest + chunk.toString()).split('\n');
        rest = parts.pop()!;
        this.lines.push(...parts.filter((line) => line.trim() !== ''));
      });
    }
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve({ code, at: Date.now() })));
  }

  /** Started and answering its liveness endpoint. */
  static async start(env: Record<string, string>, timeoutMs = 60_000): Promise<SpawnedService> {
    const service = new SpawnedService(await freePort(), env);
    try {
      await waitFor(
        async () => service.ended() || (await service.get('/api/v1/health/live').catch(() => null))?.status === 200,
        'the service listening',
        timeoutMs,
      );
    } catch (error) {
      service.kill(); // never left running by a test that gave up on it
      throw new Error(`${(error as Error).message}; its output:\n${service.lines.join('\n')}`, { cause: error });
    }
    return service;
  }

  /** A worker (APP_ROLE=worker: no HTTP), started once it says its queues, relay and schedules run. */
  static async startWorker(env: Record<string, string>, timeoutMs = 60_000): Promise<SpawnedService> {
    const service = new SpawnedService(await freePort(), env);
    try {
      await waitFor(
        () => service.lines.some((line) => line.includes('Worker running')),
        'the worker running',
        timeoutMs,
      );
    } catch (error) {
      service.kill();
      throw new Error(`${(error as Error).message}; its output:\n${service.lines.join('\n')}`, { cause: error });
    }
    return service;
  }

  /** Stopped waiting for a service that already ended (a bad configuration): its output says why. */
  private ended(): boolean {
    if (this.child.exitCode !== null) throw new Error(`it exited with code ${this.child.exitCode}`);
    return false;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.url}${path}`);
  }

  signal(signal: NodeJS.Signals): number {
    this.child.kill(signal);
    return Date.now();
  }

  /** For a test that failed half-way: nothing is left running. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
