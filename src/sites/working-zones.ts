import { DataSource } from 'typeorm';

/** The zones where a site works or a Bapas supervises: each gets its own 17:00 roster and 07:00 risk scan. */
export async function workingZones(dataSource: DataSource): Promise<string[]> {
  const zones: { timezone: string }[] = await dataSource.query(
    `SELECT timezone FROM site UNION SELECT timezone FROM agency WHERE kind = 'bapas' ORDER BY timezone`,
  );
  return zones.map(({ timezone }) => timezone);
}
