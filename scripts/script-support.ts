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

export const fmt = (value: number, digits: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A progress line with the time of day. */
export function step(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Rows as aligned columns: the first to the left, the others (figures) to the right. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
        .join('   '),
    )
    .join('\n');
}
