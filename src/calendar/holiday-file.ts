import { createHash } from 'node:crypto';
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

/** A year's joint decree (SKB) as a file: config/holidays/<year>.json, or the body of PUT /holiday-years/{year}. */
export interface HolidayFile {
  year: number;
  source?: string;
  national: { date: string; name: string }[];
  cutiBersama: { date: string; name: string }[];
  regional: Record<string, { date: string; name: string }[]>;
}

export interface HolidayYear {
  year: number;
  source: string;
  /** Of the file's rows, so a boot reloads a year only when its file changed (and keeps what admins did meanwhile). */
  hash: string;
  rows: HolidayRow[];
}

/** The rows of a year's file, or the first thing wrong with it. */
export function parseHolidayFile(file: HolidayFile): HolidayYear {
  const rows: HolidayRow[] = [
    ...file.national.map((h) => ({ date: h.date, name: h.name, region: '', kind: 'national' as const })),
    ...file.cutiBersama.map((h) => ({ date: h.date, name: h.name, region: '', kind: 'cuti_bersama' as const })),
    ...Object.entries(file.regional ?? {}).flatMap(([region, list]) =>
      list.map((h) => ({ date: h.date, name: h.name, region, kind: 'regional' as const })),
    ),
  ];
  const misplaced = rows.find((row) => !isLocalDate(row.date) || !row.date.startsWith(`${file.year}-`));
  if (misplaced) throw new Error(`${misplaced.date} is not a date of ${file.year}`);
  const hash = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  return { year: file.year, source: file.source ?? `SKB ${file.year}`, hash, rows };
}

/** Reads every `<year>.json` under the directory (R-23: holidays are data, not code). */
export async function readHolidayFiles(dir: string): Promise<Map<number, HolidayYear>> {
  const years = new Map<number, HolidayYear>();
  for (const name of (await readdir(dir)).filter((file) => /^\d{4}\.json$/.test(file)).sort()) {
    try {
      const year = parseHolidayFile(JSON.parse(await readFile(join(dir, name), 'utf8')) as HolidayFile);
      years.set(year.year, year);
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
    }
  }
  return years;
}
