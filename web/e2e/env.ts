/** The browser tests' own service: its port, database (dropped at start) and Redis database and prefix. */
const testDatabase = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bakti_test';

const databaseUrl = `${testDatabase}_browser`;

export const browserEnv = {
  port: Number(process.env.BROWSER_TEST_PORT ?? 3199),
  /** the owner's connection (migrations, and the tests' own reads) */
  databaseUrl,
  /** the service's role, which owns nothing */
  serviceDatabaseUrl: Object.assign(new URL(databaseUrl), { username: 'bakti_app', password: '' }).toString(),
  redisUrl:
    process.env.BROWSER_TEST_REDIS_URL ??
    `${(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d*$/, '')}/10`,
  queuePrefix: '{bakti-browser}',
};

export const baseURL = `http://127.0.0.1:${browserEnv.port}`;
export const DEMO_PASSWORD = 'bakti-demo-2026';
