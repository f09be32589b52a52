import { ConfigError, loadConfig } from './app-config.js';

describe('configuration from the environment', () => {
  it('defaults to the local PostgreSQL and Redis on port 3000', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.DATABASE_URL).toBe('postgres://bakti_app@127.0.0.1:5432/bakti');
    expect(config.MIGRATION_DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/bakti');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.SEED_DEMO).toBe(false);
  });

  it('reads and converts the variables it knows', () => {
    const config = loadConfig({ NODE_ENV: 'development', PORT: '8080', SEED_DEMO: 'true', APP_ROLE: 'api' });
    expect(config).toEqual(expect.objectContaining({ PORT: 8080, SEED_DEMO: true, APP_ROLE: 'api' }));
  });

  it('names every bad variable in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', APP_ROLE: 'everything' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', APP_ROLE: 'everything' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL must be postgres:/);
      expect((error as Error).message).toMatch(/APP_ROLE/);
    }
  });

  const SECRETS = { JWT_SECRET: 'j'.repeat(40), AUDIT_KEY: 'a'.repeat(40) };

  it('R-28: refuses the built-in or a short secret unless NODE_ENV=development is said explicitly', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set/);
    expect(() => loadConfig({})).toThrow(/JWT_SECRET must be set \(the built-in value is public/);
    expect(() => loadConfig({ NODE_ENV: 'test' })).toThrow(/AUDIT_KEY must be set/);
    expect(() => loadConfig({ ...SECRETS, JWT_SECRET: 'bakti-compose-secret-change-me-please' })).toThrow(
      /JWT_SECRET must be set/,
    );
    expect(() => loadConfig({ ...SECRETS, AUDIT_KEY: 'short-key' })).toThrow(
      /AUDIT_KEY must be at least 32 characters/,
    );
    expect(loadConfig({ NODE_ENV: 'production', ...SECRETS }).NODE_ENV).toBe('production');
    expect(loadConfig({ ...SECRETS }).NODE_ENV).toBe('production');
    expect(loadConfig({ NODE_ENV: 'development' }).JWT_SECRET).toMatch(/development/);
  });

  it('refuses the demo data in production, where its known password would open every demo account', () => {
    expect(() => loadConfig({ ...SECRETS, SEED_DEMO: 'true' })).toThrow(/SEED_DEMO is refused in production/);
    expect(loadConfig({ NODE_ENV: 'development', SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
  });

  it('takes an explicit owner connection for the migrations', () => {
    const config = loadConfig({ ...SECRETS, MIGRATION_DATABASE_URL: 'postgres://owner:pw@db:5432/bakti' });
    expect(config.MIGRATION_DATABASE_URL).toBe('postgres://owner:pw@db:5432/bakti');
  });
});
