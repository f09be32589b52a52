import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import type { CalendarYear, Holiday } from './calendar.service.js';
import type { HolidayYear } from './holiday-file.js';

/** The holiday table and the years' provenance (holiday_year). */
@Injectable()
export class HolidayRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One writer of the calendar at a time, across replicas (boot loads and admins' loads): waits for the other. */
  async lock(tx: Tx): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('bakti.holidays'))`);
  }

  /** Each loaded year and the hash of the file it came from (null when none did). */
  async sourceHashes(tx: Tx = this.dataSource.manager): Promise<Map<number, string | null>> {
    const rows: { year: number; source_hash: string | null }[] = await tx.query(
      `SELECT year, source_hash FROM holiday_year`,
    );
    return new Map(rows.map((row) => [row.year, row.source_hash]));
  }

  /** Read model: site_open_date (sites'). The holiday that closes this site on this date, unless it was opened. */
  async closing(siteId: string, region: string, date: string, tx: Tx = this.dataSource.manager) {
    const [holiday]: Holiday[] = await tx.query(
      `SELECT h.date, h.region, h.kind, h.name FROM holiday h
        WHERE h.date = $1 AND h.region IN ('', $2)
          AND NOT EXISTS (SELECT 1 FROM site_open_date o WHERE o.site_id = $3 AND o.date = h.date)
        ORDER BY h.region LIMIT 1`,
      [date, region, siteId],
    );
    return holiday ?? null;
  }

  between(from: string, to: string, region: string | null, tx: Tx = this.dataSource.manager): Promise<Holiday[]> {
    return tx.query(
      `SELECT date, region, kind, name, provisional FROM holiday WHERE date BETWEEN $1 AND $2 AND ($3::text IS NULL OR region IN ('', $3))
        ORDER BY date, region`,
      [from, to, region],
    );
  }

  years(tx: Tx = this.dataSource.manager): Promise<CalendarYear[]> {
    return tx.query(
      `SELECT year, official, source, loaded_at AS "loadedAt", loaded_by AS "loadedBy" FROM holiday_year ORDER BY year`,
    );
  }

  async year(year: number, tx: Tx = this.dataSource.manager): Promise<CalendarYear | null> {
    const [row]: CalendarYear[] = await tx.query(
      `SELECT year, official, source, loaded_at AS "loadedAt", loaded_by AS "loadedBy" FROM holiday_year WHERE year = $1`,
      [year],
    );
    return row ?? null;
  }

  async officialYears(tx: Tx = this.dataSource.manager): Promise<number[]> {
    const rows: { year: number }[] = await tx.query(`SELECT year FROM holiday_year WHERE official`);
    return rows.map((row) => row.year);
  }

  async provisionalYearsFrom(first: number, tx: Tx = this.dataSource.manager): Promise<number[]> {
    const rows: { year: number }[] = await tx.query(
      `SELECT year FROM holiday_year WHERE year >= $1 AND NOT official ORDER BY year`,
      [first],
    );
    return rows.map((row) => row.year);
  }

  /** Adds the holiday; false when the date is a holiday of that region already. */
  async add(holiday: Holiday, tx: Tx = this.dataSource.manager): Promise<boolean> {
    const inserted = await tx.query(
      `INSERT INTO holiday (date, region, kind, name) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING date`,
      [holiday.date, holiday.region, holiday.kind, holiday.name],
    );
    return inserted.length > 0;
  }

  /** The removed holiday, or null when there was none. */
  async remove(date: string, region: string, tx: Tx = this.dataSource.manager): Promise<Holiday | null> {
    const [[removed]]: [Holiday[], number] = await tx.query(
      `DELETE FROM holiday WHERE date = $1 AND region = $2 RETURNING date, region, kind, name`,
      [date, region],
    );
    return removed ?? null;
  }

  /** The moved holiday, or null when there is none to move or the target date is a holiday of the region already. */
  async move(date: string, region: string, to: string, tx: Tx = this.dataSource.manager): Promise<Holiday | null> {
    const [[moved]]: [Holiday[], number] = await tx.query(
      `UPDATE holiday SET date = $3 WHERE date = $1 AND region = $2 AND NOT EXISTS (SELECT 1 FROM holiday WHERE date = $3 AND region = $2)
       RETURNING date, region, kind, name`,
      [date, region, to],
    );
    return moved ?? null;
  }

  async exists(date: string, region: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM holiday WHERE date = $1 AND region = $2`, [date, region]);
    return rows.length > 0;
  }

  /** The year's official calendar replaces whatever the year held. */
  async replaceYear(file: HolidayYear, actorId: string | null, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.query(`DELETE FROM holiday WHERE date BETWEEN $1 AND $2`, [`${file.year}-01-01`, `${file.year}-12-31`]);
    await tx.query(
      `INSERT INTO holiday (date, region, kind, name) SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[])`,
      [
        file.rows.map((r) => r.date),
        file.rows.map((r) => r.region),
        file.rows.map((r) => r.kind),
        file.rows.map((r) => r.name),
      ],
    );
    await tx.query(
      `INSERT INTO holiday_year (year, official, source, source_hash, loaded_at, loaded_by) VALUES ($1, true, $2, $3, now(), $4)
       ON CONFLICT (year) DO UPDATE SET official = true, source = $2, source_hash = $3, loaded_at = now(), loaded_by = $4`,
      [file.year, file.source, file.hash, actorId],
    );
  }

  /** A year without its decree gets these holidays, marked provisional. */
  async provisionYear(
    year: number,
    holidays: { date: string; name: string }[],
    tx: Tx = this.dataSource.manager,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO holiday (date, region, kind, name, provisional) SELECT d, '', 'national', n, true FROM unnest($1::date[], $2::text[]) AS t(d, n)
       ON CONFLICT DO NOTHING`,
      [holidays.map((h) => h.date), holidays.map((h) => h.name)],
    );
    await tx.query(
      `INSERT INTO holiday_year (year, official, source) VALUES ($1, false, 'hari libur nasional bertanggal tetap (sementara)') ON CONFLICT DO NOTHING`,
      [year],
    );
  }
}
