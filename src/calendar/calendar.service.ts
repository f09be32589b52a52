import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { readHolidayFiles } from './holiday-file.js';

export interface Holiday {
  date: string;
  region: string;
  kind: string;
  name: string;
}

/** The holiday calendar, loaded into the database from config/holidays at every boot. */
@Injectable()
export class CalendarService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CalendarService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadHolidays();
  }

  /** A year's file replaces that year's rows, so a holiday moved by official decision moves here too. */
  async loadHolidays(): Promise<void> {
    const years = await readHolidayFiles(this.config.HOLIDAYS_DIR);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('bakti.holidays'))`);
      for (const [year, rows] of years) {
        await manager.query(`DELETE FROM holiday WHERE date BETWEEN $1 AND $2`, [`${year}-01-01`, `${year}-12-31`]);
        await manager.query(
          `INSERT INTO holiday (date, region, kind, name)
           SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[])`,
          [rows.map((r) => r.date), rows.map((r) => r.region), rows.map((r) => r.kind), rows.map((r) => r.name)],
        );
      }
    });
    this.logger.log(`Holiday calendar loaded for ${[...years.keys()].join(', ')}`);
  }

  /** The holiday that closes this site on this date, or null when there is none or an admin opened the date. */
  async closingHoliday(manager: EntityManager, siteId: string, region: string, date: string): Promise<Holiday | null> {
    const [holiday] = await manager.query(
      `SELECT h.date, h.region, h.kind, h.name FROM holiday h
        WHERE h.date = $1 AND h.region IN ('', $2)
          AND NOT EXISTS (SELECT 1 FROM site_open_date o WHERE o.site_id = $3 AND o.date = h.date)
        ORDER BY h.region LIMIT 1`,
      [date, region, siteId],
    );
    return holiday ?? null;
  }

  async list(from: string, to: string, region?: string): Promise<Holiday[]> {
    return this.dataSource.query(
      `SELECT date, region, kind, name FROM holiday WHERE date BETWEEN $1 AND $2 AND ($3::text IS NULL OR region IN ('', $3))
        ORDER BY date, region`,
      [from, to, region ?? null],
    );
  }
}
