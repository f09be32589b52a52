import pg from 'pg';

/**
 * A fresh test database for every run. Only the drop happens here: Jest loads this file outside its module
 * mapper, so the migrations run from the test app itself (src/database/data-source.ts, serialised by a lock).
 */
export default async function globalSetup(): Promise<void> {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await client.end();
}
