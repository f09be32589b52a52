import { createHash } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { badRequest, conflict, notFound } from '../common/domain-error.js';
import { localDate } from '../common/local-time.js';
import { defineMessages } from '../common/messages.js';
import type { RuleViolation } from '../common/rule-violation.js';
import { AppConfig } from '../config/app-config.js';
import { provisionalHolidays, yearsToCover, yearsWithoutOfficialCalendar } from './calendar.rules.js';
import { HolidayFile, HolidayKind, HolidayYear, parseHolidayFile, readHolidayFiles } from './holiday-file.js';

defineMessages({
  'calendar.holiday_exists': {
    id: 'Tanggal ini sudah hari libur di wilayah itu.',
    en: 'This date is a holiday in that region already.',
  },
  'calendar.bad_file': { id: 'Berkas kalender tidak valid: {detail}', en: 'The calendar file is invalid: {detail}' },
});

export interface Holiday {
  date: string;
  region: string;
  kind: string;
  name: string;
  provisional?: boolean;
}

export interface CalendarYear {
  year: number;
  official: boolean;
  source: string;
  loadedAt: Date;
  loadedBy: string | null;
}

/** The zone in which "this year" is read for the calendar (the country's westernmost, so no year is left early). */
const CALENDAR_ZONE = 'Asia/Jakarta';

/**
 * The holiday calendar: each year's joint decree loaded from config/holidays (when its file changed) or by
 * an administrator; this year and the next two have at least the fixed-date holidays, marked provisional, until
 * their decree is loaded. Admins add, move and remove holidays; every change is audited.
 */
@Injectable()
export class CalendarService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CalendarService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadHolidays();
  }

  async loadHolidays(): Promise<void> {
    const files = await readHolidayFiles(this.config.HOLIDAYS_DIR);
    const loaded = await this.dataSource.transaction(async (manager) => {
      await lockCalendar(manager);
      const known = new Map<number, string | null>(
        (await manager.query(`SELECT year, source_hash FROM holiday_year`)).map(
          (row: { year: number; source_hash: string | null }) => [row.year, row.source_hash],
        ),
      );
      const changed = [...files.values()].filter((file) => known.get(file.year) !== file.hash);
      for (const file of changed) await this.replaceYear(manager, file, null);
      for (const year of yearsToCover(localDate(this.clock.now(), CALENDAR_ZONE)).filter(
        (y) => !known.has(y) && !files.has(y),
      )) {
        await this.provisionYear(manager, year);
      }
      return changed.map((file) => file.year);
    });
    if (loaded.length > 0) this.logger.log(`Holiday calendar loaded for ${loaded.join(', ')}`);
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
      `SELECT date, region, kind, name, provisional FROM holiday WHERE date BETWEEN $1 AND $2 AND ($3::text IS NULL OR region IN ('', $3))
        ORDER BY date, region`,
      [from, to, region ?? null],
    );
  }

  async years(): Promise<CalendarYear[]> {
    return this.dataSource.query(
      `SELECT year, official, source, loaded_at AS "loadedAt", loaded_by AS "loadedBy" FROM holiday_year ORDER BY year`,
    );
  }

  /** The years from this one on whose official calendar is missing (shown by /health). */
  async futureYearsWithoutOfficialCalendar(): Promise<number[]> {
    const [first] = yearsToCover(localDate(this.clock.now(), CALENDAR_ZONE));
    const rows: { year: number }[] = await this.dataSource.query(
      `SELECT year FROM holiday_year WHERE year >= $1 AND NOT official ORDER BY year`,
      [first],
    );
    return rows.map((row) => row.year);
  }

  /** R-23: the warning a booking or a plan carries for each of its dates' years without an official calendar. */
  async warningsFor(manager: EntityManager, dates: string[]): Promise<RuleViolation[]> {
    if (dates.length === 0) return [];
    const rows: { year: number }[] = await manager.query(`SELECT year FROM holiday_year WHERE official`);
    return officialCalendarWarnings(
      dates,
      rows.map((row) => row.year),
    );
  }

  /** An administrator loads a year's joint decree: it replaces the year's holidays, provisional or not. */
  loadYear(actor: AuthUser, year: number, file: HolidayFile): Promise<CalendarYear> {
    let parsed: HolidayYear;
    try {
      parsed = parseHolidayFile({ ...file, year });
    } catch (error) {
      throw badRequest([
        { field: 'national', code: 'calendar.bad_file', params: { detail: (error as Error).message } },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      await lockCalendar(manager);
      const before = await this.yearView(manager, year);
      await this.replaceYear(manager, parsed, actor.id);
      const after = await this.yearView(manager, year);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'calendar.year_loaded',
        entityType: 'calendar',
        entityId: calendarEntity(year),
        before,
        after: { ...after, holidays: parsed.rows },
      });
      return after!;
    });
  }

  addHoliday(
    actor: AuthUser,
    holiday: { date: string; region?: string; kind: HolidayKind; name: string },
  ): Promise<Holiday> {
    const row = { date: holiday.date, region: holiday.region ?? '', kind: holiday.kind, name: holiday.name };
    return this.change(actor, row.date, 'calendar.holiday_added', async (manager) => {
      const inserted = await manager.query(
        `INSERT INTO holiday (date, region, kind, name) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING date`,
        [row.date, row.region, row.kind, row.name],
      );
      if (inserted.length === 0) throw conflict({ field: 'date', code: 'calendar.holiday_exists' });
      return { before: null, after: row };
    });
  }

  removeHoliday(actor: AuthUser, date: string, region = ''): Promise<Holiday> {
    return this.change(actor, date, 'calendar.holiday_removed', async (manager) => {
      const [[removed]] = await manager.query(
        `DELETE FROM holiday WHERE date = $1 AND region = $2 RETURNING date, region, kind, name`,
        [date, region],
      );
      if (!removed) throw notFound('holiday');
      return { before: removed, after: removed };
    });
  }

  /** An official decision moves a holiday (Islamic dates follow the sighting of the moon). */
  moveHoliday(actor: AuthUser, date: string, region: string, to: string): Promise<Holiday> {
    return this.change(actor, date, 'calendar.holiday_moved', async (manager) => {
      const [[moved]] = await manager.query(
        `UPDATE holiday SET date = $3 WHERE date = $1 AND region = $2 AND NOT EXISTS (SELECT 1 FROM holiday WHERE date = $3 AND region = $2)
         RETURNING date, region, kind, name`,
        [date, region, to],
      );
      if (!moved) {
        const [exists] = await manager.query(`SELECT 1 FROM holiday WHERE date = $1 AND region = $2`, [date, region]);
        if (!exists) throw notFound('holiday');
        throw conflict({ field: 'to', code: 'calendar.holiday_exists' });
      }
      return { before: { date, region }, after: moved };
    });
  }

  private change(
    actor: AuthUser,
    date: string,
    action: string,
    apply: (manager: EntityManager) => Promise<{ before: unknown; after: Holiday }>,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const { before, after } = await apply(manager);
      await this.audit.record(manager, {
        actorId: actor.id,
        action,
        entityType: 'calendar',
        entityId: calendarEntity(Number(date.slice(0, 4))),
        before,
        after,
      });
      return action === 'calendar.holiday_removed' ? (before as Holiday) : after;
    });
  }

  private async replaceYear(manager: EntityManager, file: HolidayYear, actorId: string | null): Promise<void> {
    await manager.query(`DELETE FROM holiday WHERE date BETWEEN $1 AND $2`, [
      `${file.year}-01-01`,
      `${file.year}-12-31`,
    ]);
    await manager.query(
      `INSERT INTO holiday (date, region, kind, name) SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[])`,
      [
        file.rows.map((r) => r.date),
        file.rows.map((r) => r.region),
        file.rows.map((r) => r.kind),
        file.rows.map((r) => r.name),
      ],
    );
    await manager.query(
      `INSERT INTO holiday_year (year, official, source, source_hash, loaded_at, loaded_by) VALUES ($1, true, $2, $3, now(), $4)
       ON CONFLICT (year) DO UPDATE SET official = true, source = $2, source_hash = $3, loaded_at = now(), loaded_by = $4`,
      [file.year, file.source, file.hash, actorId],
    );
  }

  private async provisionYear(manager: EntityManager, year: number): Promise<void> {
    const holidays = provisionalHolidays(year);
    await manager.query(
      `INSERT INTO holiday (date, region, kind, name, provisional) SELECT d, '', 'national', n, true FROM unnest($1::date[], $2::text[]) AS t(d, n)
       ON CONFLICT DO NOTHING`,
      [holidays.map((h) => h.date), holidays.map((h) => h.name)],
    );
    await manager.query(
      `INSERT INTO holiday_year (year, official, source) VALUES ($1, false, 'hari libur nasional bertanggal tetap (sementara)') ON CONFLICT DO NOTHING`,
      [year],
    );
  }

  private async yearView(manager: EntityManager, year: number): Promise<CalendarYear | null> {
    const [row] = await manager.query(
      `SELECT year, official, source, loaded_at AS "loadedAt", loaded_by AS "loadedBy" FROM holiday_year WHERE year = $1`,
      [year],
    );
    return row ?? null;
  }
}

/** One writer of the calendar at a time, across replicas (boot loads and admins' loads). */
async function lockCalendar(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('bakti.holidays'))`);
}

/** The audit trail's id for a year's calendar (events need a UUID; a year has none of its own). */
function calendarEntity(year: number): string {
  const hex = createHash('sha256').update(`bakti.calendar:${year}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** a warning for each year of these dates whose official calendar is not loaded (given the official years). */
export function officialCalendarWarnings(dates: string[], officialYears: number[]): RuleViolation[] {
  return yearsWithoutOfficialCalendar(dates, new Set(officialYears)).map((year) => ({
    code: 'calendar.not_official',
    params: { year },
  }));
}
