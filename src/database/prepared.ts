import type pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The rows of a hot read, sent as a named statement on the service's own pool: each connection has PostgreSQL
 * parse and plan it once, then only binds and runs it (after five runs on a generic plan), where `query` through
 * TypeORM has the text parsed and planned every time; planning a short read costs PostgreSQL several times what
 * running it does. Outside a transaction only; one `name` per `text`.
 */
export async function preparedRows<T extends object>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const { rows } = await pool.query<T>({ name, text, values });
  return rows;
}
