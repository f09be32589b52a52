/** The shape of the national year shared by its generator (national-data.ts) and its benchmark (bench-national.ts). */
export const NATIONAL = {
  provinces: 38,
  bapas: 90,
  kejari: 180,
  opd: 180,
  sites: 2000,
  supervisorsPerBapas: 10,
  prosecutorsPerKejari: 2,
  /** The day the benchmark is run on: 10:00 in WIB, 11:00 in WITA, 12:00 in WIT. */
  today: '2026-11-24',
  now: '2026-11-24T03:00:00Z',
} as const;

/** The owner's connection to the national database (it owns its database: dropped and filled by the generator). */
export function nationalDatabaseUrl(): string {
  return process.env.NATIONAL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bakti_national';
}

/** The same database as the service's role, as the service connects. */
export function serviceUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = 'bakti_app';
  url.password = '';
  return url.toString();
}
