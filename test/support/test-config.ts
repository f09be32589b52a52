import { AppConfig, loadConfig } from '../../src/config/app-config.js';

/** Set by jest.config.js; the global setup drops this database at the start of every run. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL!;

export function testConfig(): AppConfig {
  return loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: TEST_DATABASE_URL, SEED_DEMO: 'false' });
}
