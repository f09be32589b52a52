import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Named statements for the hot paths. PostgreSQL parses and plans a statement sent without a name on every run;
 * for the short lookups and writes of a booking or a roll-call that planning costs it more than the run (measured:
 * half of PostgreSQL's CPU time per booking). A text marked with `prepared` is sent under a name instead, so each
 * connection has it parsed once and, after five runs, keeps a generic plan when that plan is no costlier than the
 * custom ones (PostgreSQL's `plan_cache_mode = auto`). Only the texts marked are named: a connection holds a plan
 * for each, so texts built from varying parts (a list of ids spelt out, optional filters) are left unmarked.
 */
const names = new Map<string, string>();

/** A bound on the texts a process names, far above the hot paths' few dozen: past it, texts run unnamed. */
const MOST_NAMED = 500;

/**
 * Marks `text` to be sent as a named statement (`label` and a digest of the text name it: one name per text, the
 * label readable in `pg_prepared_statements`) and answers it, for `tx.query(prepared(…), values)`.
 */
export function prepared(label: string, text: string): string {
  if (!names.has(text) && names.size < MOST_NAMED)
    names.set(text, `${label}:${createHash('sha256').update(text).digest('base64url').slice(0, 12)}`);
  return text;
}

/** The service's connections (`extra.Client` of the data source): a marked text with values goes by its name. */
export class PreparingClient extends pg.Client {}

const query = pg.Client.prototype.query;
PreparingClient.prototype.query = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
  const name = typeof config === 'string' && Array.isArray(values) ? names.get(config) : undefined;
  const call = query as (this: pg.Client, ...args: unknown[]) => unknown;
  return name === undefined
    ? call.call(this, config, values, callback)
    : call.call(this, { name, text: config, values }, callback);
} as typeof query;

/** The rows of a hot read outside a transaction, straight from the service's pool (no query runner). */
export async function preparedRows<T extends object>(
  dataSource: DataSource,
  label: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const { rows } = await pool.query<T>(prepared(label, text), values);
  return rows;
}
