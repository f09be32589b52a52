import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { configureHttp } from '../../src/bootstrap.js';
import { FixedClock } from '../../src/common/clock.js';
import { prepareDatabase } from '../../src/database/data-source.js';
import { TEST_DATABASE_URL, testConfig } from './test-config.js';

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

export async function startTestApp(now = DEFAULT_NOW, config: Record<string, string> = {}): Promise<TestApp> {
  await prepareDatabase(config.DATABASE_URL ?? TEST_DATABASE_URL);
  const clock = new FixedClock(new Date(now));
  const app = configureHttp(await NestFactory.create(AppModule.forRoot(testConfig(config), clock), { logger: ['error', 'warn'] }));
  await app.init();
  return {
    app,
    clock,
    db: app.get(DataSource),
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}
