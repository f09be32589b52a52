import { ConfigError, loadConfig } from './app-config.js';

describe('configuration from the environment', () => {
  it('defaults to the local PostgreSQL and Redis on port 3000', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/bakti');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.SEED_DEMO).toBe(false);
  });

  it('reads and converts the variables it knows', () => {
    const config = loadConfig({ PORT: '8080', SEED_DEMO: 'true', APP_ROLE: 'api' });
    expect(config).toEqual(expect.objectContaining({ PORT: 8080, SEED_DEMO: true, APP_ROLE: 'api' }));
  });

  it('names every bad variable in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', APP_ROLE: 'everything' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', APP_ROLE: 'everything' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL must be postgres:/);
      expect((error as Error).message).toMatch(/APP_ROLE/);
    }
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set in production/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).NODE_ENV).toBe('production');
  });
});
