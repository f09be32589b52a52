import type { Server } from 'node:http';
import { INestApplicationContext, Logger } from '@nestjs/common';

/**
 * SIGTERM (or SIGINT): stop taking requests (the listening socket closes; requests in flight finish), then
 * close the application (workers stop taking jobs and let running ones finish, the relay finishes its batch,
 * connections close) and exit 0. Whatever Redis or PostgreSQL are doing, the process is gone within the
 * deadline (exit 1); a second signal exits at once.
 */
export class GracefulShutdown {
  private readonly logger = new Logger('Shutdown');
  private app?: INestApplicationContext;
  private server?: Server;
  private stopping = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  /** Listens from the start of boot: a signal before the app exists just exits. */
  listen(): this {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void this.stop(signal));
    return this;
  }

  manage(app: INestApplicationContext, server?: Server): void {
    this.app = app;
    this.server = server;
  }

  async stop(signal: string): Promise<void> {
    if (this.stopping) {
      this.logger.warn(`${signal} again: exiting now`);
      return this.exit(1);
    }
    this.stopping = true;
    this.logger.log(`${signal}: stopping, at most ${this.timeoutMs} ms`);
    setTimeout(() => {
      this.logger.error(`Still stopping after ${this.timeoutMs} ms (SHUTDOWN_TIMEOUT_MS): exiting now`);
      this.exit(1);
    }, this.timeoutMs).unref();
    try {
      if (this.server?.listening) await closeServer(this.server);
      await this.app?.close();
      this.logger.log('Stopped');
      this.exit(0);
    } catch (error) {
      this.logger.error(`Stopping failed: ${(error as Error).stack}`);
      this.exit(1);
    }
  }
}

/** Resolves once every connection is gone: a keep-alive connection is closed as soon as its request is answered. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
  });
}
