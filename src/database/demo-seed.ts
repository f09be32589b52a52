import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DateTime } from 'luxon';
import { AgenciesService } from '../agencies/agencies.service.js';
import { AgreementsService } from '../agreements/agreements.service.js';
import { AppModule } from '../app.module.js';
import { AttendanceService } from '../assignments/attendance.service.js';
import { BookingService } from '../assignments/booking.service.js';
import { SignOffService } from '../assignments/sign-off.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { FixedClock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { provisionalHolidays, yearsToCover } from '../calendar/calendar.rules.js';
import { readHolidayFiles } from '../calendar/holiday-file.js';
import { UsersService } from '../identity/users.service.js';
import { OrdersService } from '../orders/orders.service.js';
import { CreatePersonDto } from '../persons/dto.js';
import { PersonsService } from '../persons/persons.service.js';
import { ShiftsService } from '../shifts/shifts.service.js';
import { SitesService } from '../sites/sites.service.js';
import { demoCast, DemoPlace } from './demo-cast.js';
import { MisuseStory } from './demo-misuse.js';

/**
 * The demo's story, told through the same services the API uses, on a clock that walks through the last weeks
 * so that the history (attendance, sign-offs, a completed order) obeys every rule. Loads once: a database that
 * already has the demo's Bapas is left as it is.
 */
export async function seedDemo(config: AppConfig, logger: LoggerService): Promise<void> {
  const today = DateTime.now().setZone('Asia/Jayapura').startOf('day');
  const clock = new FixedClock(today.minus({ days: 30 }).toJSDate());
  // The story is told on the API's side only: its jobs wait in the outbox for the service's worker.
  const storyteller = { ...config, APP_ROLE: 'api' as const };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(storyteller, clock), {
    logger: ['error', 'warn'],
  });
  try {
    if (await agencyExists(app.get(AgenciesService), demoCast.agencies[0].code)) {
      logger.log(`Demo data already loaded; demo password: ${config.DEMO_PASSWORD}`, 'Demo');
      return;
    }
    const files = await readHolidayFiles(config.HOLIDAYS_DIR);
    const provisional = yearsToCover(today.toISODate()!)
      .filter((year) => !files.has(year))
      .flatMap(provisionalHolidays);
    const holidays = [...[...files.values()].flatMap((year) => year.rows), ...provisional].map((h) => h.date);
    const story = new DemoStory(app.get.bind(app) as Get, clock, config.DEMO_PASSWORD, today, holidays);
    await story.tell();
    logger.log(
      `Demo data loaded. Log in as admin, pk.ambon, koord.dlhp, jaksa.ambon ... with password: ${config.DEMO_PASSWORD}`,
      'Demo',
    );
  } finally {
    await app.close();
  }
}

/** Whether an agency of this code is there, asked of the agencies module (page after page, by code). */
async function agencyExists(agencies: AgenciesService, code: string): Promise<boolean> {
  for (let offset = 0; ; offset += AGENCY_PAGE) {
    const page = await agencies.list({ limit: AGENCY_PAGE, offset });
    if (page.items.some((agency) => agency.code === code)) return true;
    if (offset + AGENCY_PAGE >= page.total) return false;
  }
}

const AGENCY_PAGE = 500;

interface ShiftTimes {
  start: string;
  end: string;
  breakMinutes: number;
}

const CREW_TERMS = { totalHours: 24, maxHoursPerDay: 4, startedDaysAgo: 20 };

const DEFAULT_TIMES: ShiftTimes = { start: '07:00', end: '11:00', breakMinutes: 15 };

export type Get = <T>(type: new (...args: never[]) => T) => T;

export class DemoStory {
  readonly agencies = new Map<string, { id: string }>();
  readonly users = new Map<string, AuthUser>();
  readonly sites = new Map<string, string>();
  private cases = 0;

  constructor(
    readonly get: Get,
    readonly clock: FixedClock,
    readonly password: string,
    readonly today: DateTime,
    readonly holidays: string[],
  ) {}

  async tell(): Promise<void> {
    await this.cast();
    const ambon = demoCast.places.ambon;
    const sungaiPenuh = demoCast.places.sungaiPenuh;
    const mardika = 'Pasukan Kuning Pasar Mardika';

    // Yohanis: an adult in Ambon, 40 hours, with signed-off history, an excused absence and shifts ahead.
    const yohanis = await this.order('pk.ambon', ambon, demoCast.persons.yohanis, {
      totalHours: 40,
      maxHoursPerDay: 4,
      startedDaysAgo: 35,
    });
    for (const n of [15, 10, 5]) await this.workedShift(yohanis, mardika, this.workingDay(-n));
    await this.missedShift(yohanis, mardika, this.workingDay(-2), { excused: true, reason: 'Sakit, ada surat dokter' });
    // Worked on the last working day, but the coordinator's phone was offline: attendance still to be recorded.
    await this.shift(yohanis, mardika, this.workingDay(-1));
    for (const n of [2, 7]) await this.shift(yohanis, mardika, this.workingDay(n));

    // Maria: 8 hours, both shifts worked and signed off: a completed order.
    const maria = await this.order('pk.ambon', ambon, demoCast.persons.maria, {
      totalHours: 8,
      maxHoursPerDay: 4,
      startedDaysAgo: 35,
    });
    for (const n of [12, 6]) {
      await this.workedShift(maria, 'Rumah Singgah Dinas Sosial', this.workingDay(-n), {
        start: '08:00',
        end: '12:00',
        breakMinutes: 0,
      });
    }

    // Fadli: a child in school, afternoons at the park that takes minors.
    const afternoon = { start: '15:00', end: '17:00', breakMinutes: 15 };
    const fadli = await this.order('pk.ambon', ambon, demoCast.persons.fadli, {
      totalHours: 20,
      maxHoursPerDay: 3,
      startedDaysAgo: 14,
    });
    await this.workedShift(fadli, 'Taman Kota Ambon', this.workingDay(-4), afternoon);
    await this.shift(fadli, 'Taman Kota Ambon', this.workingDay(3), afternoon);

    // The crews' timetables from the third week on, open for booking by hand or by the planner.
    await this.timetable('pk.ambon', mardika, [1, 3, 5]);
    await this.timetable('pk.ambon', 'Rumah Singgah Dinas Sosial', [2, 4], {
      start: '08:00',
      end: '12:00',
      breakMinutes: 0,
    });

    // Today's roll-calls: a crew at Pasar Mardika and one at the Rumah Singgah, on shifts under way now.
    await this.crewToday(mardika, demoCast.crews.mardikaToday);
    await this.crewToday('Rumah Singgah Dinas Sosial', demoCast.crews.rumahSinggahToday);
    // Yesterday's afternoon crew: the coordinator confirmed them; the supervisor's sign-off is still to come.
    await this.crewConfirmed(mardika, demoCast.crews.mardikaYesterday, this.workingDay(-1));

    // Rahmat: Sungai Penuh, Jambi (WIB), starting this week.
    const rahmat = await this.order('pk.sungaipenuh', sungaiPenuh, demoCast.persons.rahmat, {
      totalHours: 24,
      maxHoursPerDay: 4,
      startedDaysAgo: 2,
    });
    await this.shift(rahmat, 'Kebersihan Pasar Tanjung Bajure', this.workingDay(4));

    // A few records worth a second look, for the Kanwil's misuse signals.
    await new MisuseStory(this).tell();
  }

  private async cast(): Promise<void> {
    const admin: AuthUser = { id: '', username: 'seed', fullName: 'seed', role: 'admin', agencyId: '' };
    for (const agency of demoCast.agencies)
      this.agencies.set(agency.code, await this.get(AgenciesService).create(null, agency));
    for (const user of demoCast.users) {
      const created = await this.get(UsersService).seedActivated({
        ...user,
        agencyId: this.agencies.get(user.agency)!.id,
        password: this.password,
      });
      this.users.set(user.username, { ...created, agencyId: created.agencyId });
    }
    Object.assign(admin, this.users.get('admin'));
    for (const { agencies, ...agreement } of demoCast.agreements) {
      const created = await this.get(AgreementsService).create(admin, {
        ...agreement,
        agencyIds: agencies.map((code) => this.agencies.get(code)!.id),
      });
      for (const { agency, coordinators, ...site } of demoCast.sites.filter((s) => s.agreement === agreement.number)) {
        const { agreement: _, ...fields } = site;
        const created2 = await this.get(SitesService).create(admin, {
          ...fields,
          agencyId: this.agencies.get(agency)!.id,
          agreementId: created.id,
          coordinatorIds: coordinators.map((username) => this.users.get(username)!.id),
        });
        this.sites.set(site.name, created2.id);
      }
    }
  }

  async order(
    supervisor: string,
    place: DemoPlace,
    person: CreatePersonDto & { caseNumber: string },
    terms: { totalHours: number; maxHoursPerDay: number; startedDaysAgo: number },
  ) {
    const actor = this.users.get(supervisor)!;
    const start = this.today.minus({ days: terms.startedDaysAgo });
    this.clock.set(start.minus({ days: 1 }).toJSDate());
    const { caseNumber, ...personFields } = person;
    const created = await this.get(PersonsService).create(actor, personFields);
    const order = await this.get(OrdersService).create(actor, {
      personId: created.id,
      caseNumber,
      courtName: place.court,
      offenseDate: start.minus({ months: 3 }).toISODate()!,
      verdictDate: start.minus({ days: 14 }).toISODate()!,
      totalHours: terms.totalHours,
      maxHoursPerDay: terms.maxHoursPerDay,
      startDate: start.toISODate()!,
      endDate: start.plus({ months: 6 }).toISODate()!,
      replacedSentence:
        terms.totalHours > 30 ? { kind: 'imprisonment', days: 60 } : { kind: 'fine', amountRupiah: 2_500_000 },
      prosecutorId: this.users.get(place.prosecutor)!.id,
      consentRecorded: true,
    });
    return { id: order.id, supervisor: actor, place };
  }

  private async shift(order: DemoOrder, siteName: string, date: DateTime, times: ShiftTimes = DEFAULT_TIMES) {
    const siteId = this.sites.get(siteName)!;
    this.clock.set(date.minus({ days: 1 }).set({ hour: 9 }).toJSDate());
    const shift = await this.get(ShiftsService).create(order.supervisor, siteId, { date: date.toISODate()!, ...times });
    const assignment = await this.get(BookingService).book(order.supervisor, { orderId: order.id, shiftId: shift.id });
    return { shift, assignment, coordinator: this.users.get(order.place.coordinators[siteName])! };
  }

  /**
   * The n-th working day after today (n > 0) or before it (n < 0). The demo works Monday to Thursday: it keeps
   * clear of Friday prayers, Sunday services, Saturday (Yohanis sells fish) and holidays.
   */
  /** Open shifts on these ISO weekdays, 14 to 55 days ahead, holidays left out. */
  private async timetable(supervisor: string, siteName: string, weekdays: number[], times: ShiftTimes = DEFAULT_TIMES) {
    const siteId = this.sites.get(siteName)!;
    for (let n = 14; n < 56; n++) {
      const date = this.today.plus({ days: n });
      if (!weekdays.includes(date.weekday) || this.holidays.includes(date.toISODate()!)) continue;
      await this.get(ShiftsService).create(this.users.get(supervisor)!, siteId, { date: date.toISODate()!, ...times });
    }
  }

  /**
   * A crew on a shift that started up to half an hour ago (in the site's zone, capped at the day's end), so its
   * roll-call can be taken now; booked on yesterday's clock. A holiday is opened for the site first. In the
   * day's last hour the shift is the next day's first (a shift never crosses midnight, and one ending at 23:59 would
   * be over before anyone called it); arrivals count from an hour before its start.
   */
  private async crewToday(siteName: string, persons: CreatePersonDto[]) {
    const now = DateTime.now().setZone(this.today.zoneName!);
    const startsAt =
      now.hour === 23
        ? now.plus({ days: 1 }).startOf('day')
        : now.startOf('hour').plus({ minutes: now.minute < 30 ? 0 : 30 });
    const endsAt = DateTime.min(startsAt.plus({ hours: 3 }), startsAt.endOf('day'));
    const date = startsAt.toISODate()!;
    const times = { start: startsAt.toFormat('HH:mm'), end: endsAt.toFormat('HH:mm'), breakMinutes: 0 };
    const orders = [];
    for (const person of persons)
      orders.push(
        await this.order('pk.ambon', demoCast.places.ambon, { ...person, caseNumber: this.caseNumber() }, CREW_TERMS),
      );
    const siteId = this.sites.get(siteName)!;
    if (this.holidays.includes(date)) {
      await this.get(SitesService).openDate(this.users.get('admin')!, siteId, { date, reason: 'Kerja bakti kota' });
    }
    this.clock.set(startsAt.minus({ days: 1 }).toJSDate());
    const shift = await this.get(ShiftsService).create(orders[0].supervisor, siteId, { date, ...times });
    for (const order of orders)
      await this.get(BookingService).book(order.supervisor, { orderId: order.id, shiftId: shift.id });
  }

  /** A crew that worked a whole afternoon shift, checked in and out by the coordinator, not yet signed off. */
  private async crewConfirmed(siteName: string, persons: CreatePersonDto[], date: DateTime) {
    const orders = [];
    for (const person of persons)
      orders.push(
        await this.order('pk.ambon', demoCast.places.ambon, { ...person, caseNumber: this.caseNumber() }, CREW_TERMS),
      );
    const supervisor = orders[0].supervisor;
    this.clock.set(date.minus({ days: 1 }).set({ hour: 9 }).toJSDate());
    const shift = await this.get(ShiftsService).create(supervisor, this.sites.get(siteName)!, {
      date: date.toISODate()!,
      start: '13:00',
      end: '16:00',
      breakMinutes: 0,
    });
    const coordinator = this.users.get((demoCast.places.ambon.coordinators as Record<string, string>)[siteName])!;
    const attendance = this.get(AttendanceService);
    for (const order of orders) {
      this.clock.set(date.minus({ days: 1 }).set({ hour: 9 }).toJSDate());
      const assignment = await this.get(BookingService).book(supervisor, { orderId: order.id, shiftId: shift.id });
      this.clock.set(DateTime.fromJSDate(shift.startsAt).plus({ minutes: 5 }).toJSDate());
      await attendance.checkIn(coordinator, assignment.id, { at: shift.startsAt.toISOString() }, { key: undefined });
      this.clock.set(DateTime.fromJSDate(shift.endsAt).plus({ minutes: 5 }).toJSDate());
      await attendance.checkOut(
        coordinator,
        assignment.id,
        { at: shift.endsAt.toISOString(), note: 'Membersihkan saluran pasar' },
        { key: undefined },
      );
    }
  }

  private caseNumber(): string {
    return `${60 + this.cases++}/Pid.C/2026/PN Amb`;
  }

  workingDay(n: number): DateTime {
    const step = Math.sign(n);
    let day = this.today;
    for (let found = 0; found < Math.abs(n);) {
      day = day.plus({ days: step });
      if (day.weekday <= 4 && !this.holidays.includes(day.toISODate()!)) found++;
    }
    return day;
  }

  private async workedShift(order: DemoOrder, siteName: string, date: DateTime, times?: ShiftTimes) {
    const { shift, assignment, coordinator } = await this.shift(order, siteName, date, times);
    const attendance = this.get(AttendanceService);
    const startsAt = DateTime.fromJSDate(shift.startsAt);
    this.clock.set(startsAt.plus({ minutes: 5 }).toJSDate());
    await attendance.checkIn(
      coordinator,
      assignment.id,
      { at: startsAt.minus({ minutes: 3 }).toISO()! },
      { key: undefined },
    );
    this.clock.set(DateTime.fromJSDate(shift.endsAt).plus({ minutes: 2 }).toJSDate());
    await attendance.checkOut(
      coordinator,
      assignment.id,
      { at: shift.endsAt.toISOString(), note: 'Pekerjaan selesai dengan baik' },
      { key: undefined },
    );
    this.clock.set(DateTime.fromJSDate(shift.endsAt).plus({ hours: 20 }).toJSDate());
    await this.get(SignOffService).signOff(order.supervisor, assignment.id, {});
  }

  private async missedShift(
    order: DemoOrder,
    siteName: string,
    date: DateTime,
    decision: { excused: boolean; reason: string },
  ) {
    const { shift, assignment, coordinator } = await this.shift(order, siteName, date);
    this.clock.set(DateTime.fromJSDate(shift.startsAt).plus({ minutes: 45 }).toJSDate());
    await this.get(AttendanceService).absence(
      coordinator,
      assignment.id,
      { reason: 'Tidak datang' },
      { key: undefined },
    );
    this.clock.set(DateTime.fromJSDate(shift.endsAt).plus({ hours: 24 }).toJSDate());
    await this.get(SignOffService).decideAbsence(order.supervisor, assignment.id, decision);
  }
}

export type DemoOrder = Awaited<ReturnType<DemoStory['order']>>;
