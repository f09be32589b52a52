import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isLocalDate } from '../common/validators.js';

export type HolidayKind = 'national' | 'cuti_bersama' | 'regional';

export interface HolidayRow {
  date: string;
  /** '' for the whole country, else the ISO 3166-2 province code. */
  region: string;
  kind: HolidayKind;
  name: string;
}

interface HolidayFile {
  year: number;
  national: { date: string; name: string }[];
  cutiBersama: { date: string; name: string }[];
  regional: Record<string, { date: string; name: string }[]>;
}

/** Reads every `<year>.json` under the directory (R-23: holidays are data, not code). */
export async function readHolidayFiles(dir: string): Promise<Map<number, HolidayRow[]>> {
  const years = new Map<number, HolidayRow[]>();
  for (const name of (await readdir(dir)).filter((file) => /^\d{4}\.json$/.test(file)).sort()) {
    const file = JSON.parse(await readFile(join(dir, name), 'utf8')) as HolidayFile;
    const rows: HolidayRow[] = [
      ...file.national.map((h) => ({ ...h, region: '', kind: 'national' as const })),
      ...file.cutiBersama.map((h) => ({ ...h, region: '', kind: 'cuti_bersama' as const })),
      ...Object.entries(file.regional).flatMap(([region, list]) =>
        list.map((h) => ({ ...h, region, kind: 'regional' as const })),
      ),
    ];
    const misplaced = rows.find((row) => !isLocalDate(row.date) || !row.date.startsWith(`${file.year}-`));
    if (misplaced) throw new Error(`${name}: ${misplaced.date} is not a date of ${file.year}`);
    years.set(file.year, rows);
  }
  return years;
}
