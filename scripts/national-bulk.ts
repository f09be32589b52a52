/** The bulk loader's shared steps: indexes dropped and rebuilt around a load, timings. */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

interface IndexDefinition {
  name: string;
  constraint: string | null;
  definition: string;
}

/**
 * Drops a table's indexes, unique and exclusion constraints and foreign keys (not its primary key) before a bulk
 * load, returning how to rebuild them: each is then built by one sort and each key checked by one join, instead
 * of a lookup a row. Rebuilt, they check every row as the row-by-row checks would have.
 */
export async function dropIndexes(db: pg.Client, table: string): Promise<IndexDefinition[]> {
  const { rows } = await db.query<IndexDefinition>(
    `SELECT i.indexrelid::regclass::text AS name, c.conname AS constraint,
            coalesce(pg_get_constraintdef(c.oid), pg_get_indexdef(i.indexrelid)) AS definition
       FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
      WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
     UNION ALL
     SELECT conname, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`,
    [table],
  );
  for (const index of rows)
    await db.query(
      index.constraint
        ? `ALTER TABLE ${table} DROP CONSTRAINT ${pg.escapeIdentifier(index.constraint)}`
        : `DROP INDEX ${pg.escapeIdentifier(index.name)}`,
    );
  return rows.map((index) => ({
    ...index,
    definition: index.constraint
      ? `ALTER TABLE ${table} ADD CONSTRAINT ${pg.escapeIdentifier(index.constraint)} ${index.definition}`
      : index.definition,
  }));
}

export async function restoreIndexes(db: pg.Client, indexes: IndexDefinition[]): Promise<void> {
  for (const index of indexes) await db.query(index.definition);
}

export async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await work();
  console.log(`${label}: ${fmt((performance.now() - t) / 1000)} s`);
  return result;
}

export const fmt = (value: number, digits = 1) => value.toFixed(digits);
export const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
