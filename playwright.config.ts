import { defineConfig } from '@playwright/test';
import { baseURL, browserEnv } from './web/e2e/env.js';

/** Browser tests: Debian's chromium, headless, against the real service with the demo data (README, tests). */
export default defineConfig({
  testDir: 'web/e2e',
  testMatch: '*.browser.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    locale: 'id-ID',
    viewport: { width: 1280, height: 800 },
  },
  webServer: {
    command: 'node web/e2e/serve.mjs',
    url: `${baseURL}/api/v1/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'development',
      DATABASE_URL: browserEnv.serviceDatabaseUrl,
      MIGRATION_DATABASE_URL: browserEnv.databaseUrl,
      AUTH_REQUESTS_PER_MINUTE: '100000',
      THROTTLE_PREFIX: '{bakti-browser-throttle}',
      REDIS_URL: browserEnv.redisUrl,
      QUEUE_PREFIX: browserEnv.queuePrefix,
      PORT: String(browserEnv.port),
      SEED_DEMO: 'true',
      APP_ROLE: 'all',
    },
  },
});
