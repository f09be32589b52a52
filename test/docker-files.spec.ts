import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { AppConfig } from '../src/config/app-config.js';

/**
 * No Docker engine here: the Dockerfile and docker-compose.yml are checked for what `docker compose up` needs
 * and for what an operator must not get (a database on all interfaces, trust auth, root in the container).
 */
interface Service {
  image?: string;
  build?: unknown;
  restart?: string;
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  command?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const dockerfile = readFileSync('Dockerfile', 'utf8');
const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line));
const { postgres, redis, bakti } = compose.services;

describe('Dockerfile', () => {
  it('builds in two stages with npm install (npm ci refuses our lock, README design notes) and runs as a non-root user', () => {
    expect(instructions.filter((line) => line.startsWith('FROM '))).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm install\b/m);
    expect(instructions.filter((line) => line.startsWith('RUN ')).join('\n')).not.toMatch(/npm ci\b/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    const user = instructions.filter((line) => line.startsWith('USER ')).at(-1);
    expect(user).toBe('USER node');
    expect(instructions.indexOf(user!)).toBeLessThan(instructions.findIndex((line) => line.startsWith('CMD ')));
  });

  it('has a healthcheck on the liveness endpoint and copies only files that exist', () => {
    expect(dockerfile).toMatch(/HEALTHCHECK[^\n]*\\\n[^\n]*\/api\/v1\/health\/live/);
    const copied = instructions
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .flatMap((line) => line.split(/\s+/).slice(1, -1));
    expect(copied.length).toBeGreaterThan(0);
    for (const path of copied) expect([path, existsSync(path)]).toEqual([path, true]);
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.env']));
  });
});

describe('docker-compose.yml', () => {
  it('restarts every service and publishes only the service, on 127.0.0.1', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect([name, service.restart]).toEqual([name, 'unless-stopped']);
      for (const port of service.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    }
    expect(postgres.ports).toBeUndefined();
    expect(redis.ports).toBeUndefined();
    expect(bakti.ports).toEqual(['127.0.0.1:3000:3000']);
  });

  it('PostgreSQL and Redis need a password from the environment; no trust auth', () => {
    expect(JSON.stringify(compose)).not.toMatch(/trust/i);
    expect(postgres.environment?.POSTGRES_HOST_AUTH_METHOD).toBeUndefined();
    expect(postgres.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:-.+\}$/);
    expect(redis.environment?.REDIS_PASSWORD).toMatch(/^\$\{REDIS_PASSWORD:-.+\}$/);
    expect(redis.command?.join(' ')).toContain('--requirepass "$$REDIS_PASSWORD"');
    expect(bakti.environment?.DATABASE_URL).toMatch(
      /^postgres:\/\/bakti_app:\$\{APP_DB_PASSWORD:-.+\}@postgres:5432\/bakti$/,
    );
    expect(bakti.environment?.MIGRATION_DATABASE_URL).toMatch(
      /^postgres:\/\/bakti:\$\{POSTGRES_PASSWORD:-.+\}@postgres:5432\/bakti$/,
    );
    expect(bakti.environment?.REDIS_URL).toMatch(/^redis:\/\/:\$\{REDIS_PASSWORD:-.+\}@redis:6379$/);
  });

  it('keeps PostgreSQL in a named volume, waits for healthy dependencies and sets only known variables', () => {
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(Object.keys(compose.volumes ?? {})).toEqual(['postgres-data']);
    expect(postgres.healthcheck?.test).toBeDefined();
    expect(redis.healthcheck?.test).toBeDefined();
    expect(bakti.build).toBe('.');
    expect(bakti.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    const known = Object.keys(new AppConfig());
    expect(Object.keys(bakti.environment ?? {}).filter((name) => !known.includes(name))).toEqual([]);
  });
});
