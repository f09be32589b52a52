import { createHash } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { badRequest, conflict, notFound } from '../common/domain-error.js';
import { localDate } from '../common/local-time.js';
import { defineMessages } from '../common/messages.js';
import type { RuleViolation } from '../common/rule-violation.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { provisionalHolidays, yearsToCover, yearsWithoutOfficialCalendar } from './calendar.rules.js';
import { HolidayFile, HolidayKind, HolidayYear, parseHolidayFile, readHolidayFiles } from './holiday-file.js';
import { HolidayRepository } from './holiday.repository.js';

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
    private readonly transactions: Transactions,
    private readonly holidays: HolidayRepository,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadHolidays();
  }

  async loadHolidays(): Promise<void> {
    const files = await readHolidayFiles(this.config.HOLIDAYS_DIR);
    const loaded = await this.transactions.run(async (tx) => {
      await this.holidays.lock(tx);
      const known = await this.holidays.sourceHashes(tx);
      const changed = [...files.values()].filter((file) => known.get(file.year) !== file.hash);
      for (const file of changed) await this.holidays.replaceYear(file, null, tx);
      for (const year of yearsToCover(localDate(this.clock.now(), CALENDAR_ZONE)).filter(
        (y) => !known.has(y) && !files.has(y),
      )) {
        await this.holidays.provisionYear(year, provisionalHolidays(year), tx);
      }
      return changed.map((file) => file.year);
    });
    if (loaded.length > 0) this.logger.log(`Holiday calendar loaded for ${loaded.join(', ')}`);
  }

  /** The holiday that closes this site on this date, or null when there is none or an admin opened the date. */
  closingHoliday(tx: Tx, siteId: string, region: string, date: string): Promise<Holiday | null> {
    return this.holidays.closing(siteId, region, date, tx);
  }

  list(from: string, to: string, region?: string): Promise<Holiday[]> {
    return this.holidays.between(from, to, region ?? null);
  }

  years(): Promise<CalendarYear[]> {
    return this.holidays.years();
  }

  /** The years from this one on whose official calendar is missing (shown by /health). */
  futureYearsWithoutOfficialCalendar(): Promise<number[]> {
    const [first] = yearsToCover(localDate(this.clock.now(), CALENDAR_ZONE));
    return this.holidays.provisionalYearsFrom(first);
  }

  /** R-23: the warning a booking or a plan carries for each of its dates' years without an official calendar. */
  async warningsFor(tx: Tx, dates: string[]): Promise<RuleViolation[]> {
    if (dates.length === 0) return [];
    return officialCalendarWarnings(dates, await this.holidays.officialYears(tx));
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
    return this.transactions.run(async (tx) => {
      await this.holidays.lock(tx);
      const before = await this.holidays.year(year, tx);
      await this.holidays.replaceYear(parsed, actor.id, tx);
      const after = await this.holidays.year(year, tx);
      await this.audit.record(tx, {
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
    return this.change(actor, row.date, 'calendar.holiday_added', async (tx) => {
      if (!(await this.holidays.add(row, tx))) throw conflict({ field: 'date', code: 'calendar.holiday_exists' });
      return { before: null, after: row };
    });
  }

  removeHoliday(actor: AuthUser, date: string, region = ''): Promise<Holiday> {
    return this.change(actor, date, 'calendar.holiday_removed', async (tx) => {
      const removed = await this.holidays.remove(date, region, tx);
      if (!removed) throw notFound('holiday');
      return { before: removed, after: removed };
    });
  }

  /** An official decision moves a holiday (Islamic dates follow the sighting of the moon). */
  moveHoliday(actor: AuthUser, date: string, region: string, to: string): Promise<Holiday> {
    return this.change(actor, date, 'calendar.holiday_moved', async (tx) => {
      const moved = await this.holidays.move(date, region, to, tx);
      if (!moved) {
        if (!(await this.holidays.exists(date, region, tx))) throw notFound('holiday');
        throw conflict({ field: 'to', code: 'calendar.holiday_exists' });
      }
      return { before: { date, region }, after: moved };
    });
  }

  private change(
    actor: AuthUser,
    date: string,
    action: string,
    apply: (tx: Tx) => Promise<{ before: unknown; after: Holiday }>,
  ) {
    return this.transactions.run(async (tx) => {
      const { before, after } = await apply(tx);
      await this.audit.record(tx, {
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
