// Starts the real service for the browser tests: a fresh database with the demo data, its own Redis prefix.
import { Redis } from 'ioredis';
import pg from 'pg';

const url = new URL(process.env.MIGRATION_DATABASE_URL);
const name = url.pathname.slice(1);
if (!/_browser$/.test(name)) throw new Error(`refusing to drop ${name}: not a browser-test database`);
const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await admin.end();

const redis = new Redis(process.env.REDIS_URL);
const keys = await redis.keys(`${process.env.QUEUE_PREFIX}*`);
if (keys.length) await redis.del(...keys);
await redis.quit();

await import('../../dist/main.js');
