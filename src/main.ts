import 'reflect-metadata';
import cluster from 'node:cluster';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FORKED_ROLE, runApiCluster } from './api-cluster.js';
import { AppModule } from './app.module.js';
import { createHttpApp } from './bootstrap.js';
import { GracefulShutdown } from './common/graceful-shutdown.js';
import { AppConfig, ConfigError, loadConfig } from './config/app-config.js';
import { prepareDatabase } from './database/data-source.js';
import { seedDemo } from './database/demo-seed.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new ConsoleLogger({ json: config.NODE_ENV === 'production' });
  if (cluster.isWorker)
    return serve({ ...config, APP_ROLE: process.env[FORKED_ROLE] as AppConfig['APP_ROLE'] }, logger);
  const clustered = config.API_PROCESSES > 1 && config.APP_ROLE !== 'worker';
  const shutdown = clustered ? undefined : new GracefulShutdown(config.SHUTDOWN_TIMEOUT_MS).listen();
  await prepareDatabase(config.MIGRATION_DATABASE_URL, config.DATABASE_URL);
  if (config.SEED_DEMO || process.argv.includes('--demo')) await seedDemo(config, logger);
  if (clustered) {
    Logger.overrideLogger(logger);
    return runApiCluster(config);
  }
  return serve(config, logger, shutdown);
}

/** One process of the service: the worker's application context, or the HTTP application (with the worker for all). */
async function serve(config: AppConfig, logger: ConsoleLogger, shutdown?: GracefulShutdown): Promise<void> {
  const log = new Logger('Bakti');
  shutdown ??= new GracefulShutdown(config.SHUTDOWN_TIMEOUT_MS).listen();
  if (config.APP_ROLE === 'worker') {
    const worker = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger });
    shutdown.manage(worker);
    log.log('Worker running: queues, outbox relay, schedules');
    return;
  }
  const app = await createHttpApp(config, logger);
  await app.listen(config.PORT);
  shutdown.manage(app, app.getHttpServer());
  log.log(
    `API${config.APP_ROLE === 'all' ? ' and worker' : ''} on http://localhost:${config.PORT}/api/v1, docs on /api/docs, queues on /admin/queues`,
  );
}

main().catch((error: unknown) => {
  // Before Nest's logger exists, a bad configuration is said plainly on stderr.
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
