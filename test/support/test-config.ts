import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AppConfig, loadConfig } from '../../src/config/app-config.js';

/** Set by jest.config.js; the global setup drops this database at the start of every run. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL!;

/** The tests' Redis (`TEST_REDIS_URL`, default the local one): checkouts testing side by side each give their own. */
export function testRedisUrl(database?: number): string {
  const base = (process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d*$/, '');
  return database === undefined ? base : `${base}/${database}`;
}

/**
 * The API role unless a test asks for the worker: one worker per test file would relay the whole shared outbox
 * with its own clock. A test file that runs the worker gets its own Redis database and queue prefix.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const owner = overrides.DATABASE_URL ?? TEST_DATABASE_URL;
  return loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    APP_ROLE: 'api',
    RECONCILE_ON_BOOT: 'false',
    // Counters of this app alone, so sign-ins of other test files (and earlier runs) don't count against it.
    THROTTLE_PREFIX: `{bakti-throttle-${randomUUID()}}`,
    AUTH_REQUESTS_PER_MINUTE: '100000',
    REDIS_URL: testRedisUrl(),
    ...overrides,
    DATABASE_URL: asServiceRole(owner),
    MIGRATION_DATABASE_URL: owner,
  });
}

/** The service's role that owns nothing, on the same database as the owner's URL. */
export const SERVICE_ROLE = 'bakti_app';

export function asServiceRole(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = SERVICE_ROLE;
  url.password = '';
  return url.toString();
}

/**
 * A database of its own for a test file that runs a worker: its outbox relay would otherwise also move the
 * rows other test files write. Dropped and created anew; migrated by startTestApp.
 */
export async function ownDatabase(suffix: string): Promise<string> {
  const url = `${TEST_DATABASE_URL}_${suffix}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(new URL(url).pathname.slice(1))} WITH (FORCE)`);
  await admin.end();
  return url;
}
