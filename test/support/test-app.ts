import { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { configureHttp } from '../../src/bootstrap.js';
import { FixedClock } from '../../src/common/clock.js';
import { dataSourceOptions, prepareDatabase } from '../../src/database/data-source.js';
import { testConfig } from './test-config.js';

/** The whole application against the real PostgreSQL and Redis, with a clock the test sets. */
export interface TestApp {
  app: INestApplication;
  clock: FixedClock;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** Monday 23 November 2026, 09:00 in Ambon (WIT). */
export const DEFAULT_NOW = '2026-11-23T00:00:00Z';

/**
 * The app connects as the service's role, which owns nothing; `db` is the owner's connection, for what a
 * test sets up or inspects behind the service's back (a database administrator's view).
 */
export async function startTestApp(
  now = DEFAULT_NOW,
  config: Record<string, string> = {},
  logger: LoggerService | LogLevel[] = ['error', 'warn'],
): Promise<TestApp> {
  const appConfig = testConfig(config);
  await prepareDatabase(appConfig.MIGRATION_DATABASE_URL, appConfig.DATABASE_URL);
  const clock = new FixedClock(new Date(now));
  const app = configureHttp(await NestFactory.create(AppModule.forRoot(appConfig, clock), { logger }));
  await app.init();
  const db = await new DataSource({
    ...dataSourceOptions(appConfig.MIGRATION_DATABASE_URL),
    extra: { max: 4 },
  }).initialize();
  return {
    app,
    clock,
    db,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}
