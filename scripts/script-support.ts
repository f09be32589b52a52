import pg from 'pg';
import { databaseName } from '../src/database/data-source.js';

/** The environment variable `name` as a positive integer, or `fallback` when it is unset or empty. */
export function positiveInt(name: string, fallback: number): number {
  const value = process.env[name] ? Number(process.env[name]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** Drops the database of `databaseUrl` (its own, never a shared one: callers check the name), even when in use. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseName(databaseUrl))} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
