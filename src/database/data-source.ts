import pg from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { entities } from './entities.js';
import { PreparingClient } from './prepared.js';
import { Foundation1764000000000 } from './migrations/1764000000000-foundation.js';
import { JobsAndNotifications1764100000000 } from './migrations/1764100000000-jobs-and-notifications.js';
import { Plans1764200000000 } from './migrations/1764200000000-plans.js';
import { Integrity1764300000000 } from './migrations/1764300000000-integrity.js';
import { Breaches1764400000000 } from './migrations/1764400000000-breaches.js';
import { CalendarYears1764500000000 } from './migrations/1764500000000-calendar-years.js';
import { NationalIndexes1765300000000 } from './migrations/1765300000000-national-indexes.js';
import { ExportLog1764600000000 } from './migrations/1764600000000-export-log.js';
import { PersonalData1764650000000 } from './migrations/1764650000000-personal-data.js';
import { AbsenceNotices1764900000000 } from './migrations/1764900000000-absence-notices.js';
import { DecisionCorrections1765000000000 } from './migrations/1765000000000-decision-corrections.js';
import { Oversight1765400000000 } from './migrations/1765400000000-oversight.js';
import { NationalReadIndexes1765470000000 } from './migrations/1765470000000-national-read-indexes.js';
import { NationalReportIndexes1765480000000 } from './migrations/1765480000000-national-report-indexes.js';
import { NationalRiskScanIndex1765490000000 } from './migrations/1765490000000-national-risk-scan-index.js';
import { MeasuredRadius1765500000000 } from './migrations/1765500000000-measured-radius.js';
import { BookingTotals1765510000000 } from './migrations/1765510000000-booking-totals.js';
import { PersonOfBapas1765520000000 } from './migrations/1765520000000-person-of-bapas.js';
import { MonthTotals1765530000000 } from './migrations/1765530000000-month-totals.js';
import { AgencyOrderIndexes1765540000000 } from './migrations/1765540000000-agency-order-indexes.js';
import { grantServiceRole } from './service-role.js';

// Dates and times stay the strings PostgreSQL sends: a JS Date would shift a local date by the server's zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.TIME, (value) => value.slice(0, 5));

export const migrations = [
  Foundation1764000000000,
  JobsAndNotifications1764100000000,
  Plans1764200000000,
  Integrity1764300000000,
  Breaches1764400000000,
  CalendarYears1764500000000,
  ExportLog1764600000000,
  PersonalData1764650000000,
  AbsenceNotices1764900000000,
  DecisionCorrections1765000000000,
  NationalIndexes1765300000000,
  Oversight1765400000000,
  NationalReadIndexes1765470000000,
  NationalReportIndexes1765480000000,
  NationalRiskScanIndex1765490000000,
  MeasuredRadius1765500000000,
  BookingTotals1765510000000,
  PersonOfBapas1765520000000,
  MonthTotals1765530000000,
  AgencyOrderIndexes1765540000000,
];

/**
 * `applicationName` names the service's connections in pg_stat_activity (an operator, or the fault tests, can
 * find them); a connection attempt gives up after 5 s so a request fails with 503 instead of hanging. No parallel
 * workers: the service's reads are index lookups of a few milliseconds, many at once, and a worker's launch cost
 * more than the work it took over (the worklist's generic plan: 9.5 ms alone, 45 ms with its Gather). The hot
 * paths' statements go by name (`prepared`).
 */
export function dataSourceOptions(databaseUrl: string, applicationName = 'bakti'): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    applicationName,
    connectTimeoutMS: 5000,
    extra: { max: 20, options: '-c max_parallel_workers_per_gather=0', Client: PreparingClient },
  };
}

const MIGRATION_LOCK = 'bakti.migrations';

/**
 * Creates the database when it is missing, then, once across replicas, applies pending migrations as the owner
 * (`ownerUrl`) and gives the service's role (`serviceUrl`, when it is another role) what it may do: R-28.
 */
export async function prepareDatabase(ownerUrl: string, serviceUrl = ownerUrl): Promise<void> {
  await ensureDatabase(ownerUrl);
  const dataSource = await new DataSource({ ...dataSourceOptions(ownerUrl), extra: { max: 1 } }).initialize();
  try {
    await dataSource.query(`SELECT pg_advisory_lock(hashtext($1))`, [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
    await grantServiceRole(dataSource, serviceUrl);
    await dataSource.query(`SELECT pg_advisory_unlock(hashtext($1))`, [MIGRATION_LOCK]);
  } finally {
    await dataSource.destroy();
  }
}

export function databaseName(databaseUrl: string): string {
  return new URL(databaseUrl).pathname.slice(1);
}

async function ensureDatabase(databaseUrl: string): Promise<void> {
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const name = databaseName(databaseUrl);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`).catch((error: { code?: string }) => {
        // Created meanwhile by another replica (or test worker): 42P04, or 23505 when the race is closer still.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}
