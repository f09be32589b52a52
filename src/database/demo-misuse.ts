import { DateTime } from 'luxon';
import { AttendanceService } from '../assignments/attendance.service.js';
import { BookingService } from '../assignments/booking.service.js';
import { SignOffService } from '../assignments/sign-off.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { UsersService } from '../identity/users.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { LedgerCorrectionsService } from '../corrections/ledger-corrections.service.js';
import { SignalScan } from '../oversight/signal-scan.service.js';
import { ShiftsService } from '../shifts/shifts.service.js';
import { SitesService } from '../sites/sites.service.js';
import { demoCast } from './demo-cast.js';
import type { DemoOrder, DemoStory } from './demo-seed.js';

interface Work {
  date: DateTime;
  start: string;
  end: string;
  /** The coordinator on duty named on the shift. */
  onDuty?: AuthUser;
  /** Who takes the roll-call (the site's coordinator by default). */
  confirmer?: AuthUser;
  /** Who signs off (the order's supervisor by default), and when (20 hours after the shift by default). */
  signer?: AuthUser;
  signedAt?: DateTime;
  /** When the roll-call reached the server (5 minutes after each event by default). */
  recordedAt?: DateTime;
  checkInLocation?: { lat: number; lng: number };
}

const PAST_ADULT = { maxHoursPerDay: 8, startedDaysAgo: 40 };

/**
 * The demo's misuse cases: each signal kind has a record made for it, told through the same services as the
 * rest of the story, so the Kanwil's signals page is not empty on a fresh start. Every case's order ends completed,
 * so nothing of it waits on a supervisor's worklist.
 */
export class MisuseStory {
  constructor(private readonly story: DemoStory) {}

  async tell(): Promise<void> {
    const { misuse } = demoCast;
    const ambon = demoCast.places.ambon;
    const user = (username: string) => this.story.users.get(username)!;
    const day = (n: number) => this.story.workingDay(n);

    // a check-in 1.9 km from the Pasar Mardika crew, and a shift whose roll-call reached the server 3 days late.
    const marthen = await this.story.order('pk.ambon', ambon, misuse.outsideAndLate, {
      ...PAST_ADULT,
      totalHours: 8,
    });
    await this.work(marthen, 'Pasukan Kuning Pasar Mardika', {
      date: day(-9),
      start: '07:00',
      end: '11:00',
      checkInLocation: { lat: -3.7095, lng: 128.1842 },
    });
    const late = day(-8);
    await this.work(marthen, 'Pasukan Kuning Pasar Mardika', {
      date: late,
      start: '07:00',
      end: '11:00',
      recordedAt: late.plus({ days: 3, hours: 9 }),
      signedAt: late.plus({ days: 3, hours: 12 }),
    });

    // a holiday opened for the Rumah Singgah the morning before, and a full day credited on it.
    const holiday = this.lastHoliday();
    const pieter = await this.story.order('pk.ambon', ambon, misuse.holidayOpened, {
      totalHours: 8,
      maxHoursPerDay: 8,
      startedDaysAgo: Math.round(this.story.today.diff(holiday, 'days').days) + 7,
    });
    this.story.clock.set(holiday.minus({ days: 1 }).set({ hour: 8 }).toJSDate());
    await this.story.get(SitesService).openDate(user('admin'), this.story.sites.get('Rumah Singgah Dinas Sosial')!, {
      date: holiday.toISODate()!,
      reason: 'Permintaan lisan kepala Bapas',
    });
    await this.work(pieter, 'Rumah Singgah Dinas Sosial', { date: holiday, start: '08:00', end: '16:00' });

    // an account made in the morning signs off a full day's shift that evening.
    const created = day(-11).set({ hour: 6 });
    this.story.clock.set(created.toJSDate());
    const { agency, ...account } = demoCast.newAccount;
    const newcomer = await this.story.get(UsersService).seedActivated({
      ...account,
      role: 'supervisor',
      agencyId: this.story.agencies.get(agency)!.id,
      password: this.story.password,
    });
    const yakob = await this.story.order('pk.ambon', ambon, misuse.newAccount, { ...PAST_ADULT, totalHours: 8 });
    const newcomerUser: AuthUser = { ...newcomer };
    await this.work(yakob, 'Pasukan Kuning Pasar Mardika', {
      date: day(-11),
      start: '08:00',
      end: '16:00',
      signer: newcomerUser,
      signedAt: day(-11).set({ hour: 18 }),
    });

    // a credit taken back the next day, then the hours done again.
    const lodewyk = await this.story.order('pk.ambon', ambon, misuse.reversal, {
      ...PAST_ADULT,
      maxHoursPerDay: 4,
      totalHours: 8,
    });
    const morning = { start: '08:00', end: '12:00' };
    await this.work(lodewyk, 'Rumah Singgah Dinas Sosial', { date: day(-7), ...morning });
    const reversed = await this.work(lodewyk, 'Rumah Singgah Dinas Sosial', { date: day(-5), ...morning });
    this.story.clock.set(day(-5).plus({ days: 1, hours: 12 }).toJSDate());
    const { items: ledger } = await this.story.get(LedgerService).list(lodewyk.id, { limit: 500, offset: 0 });
    const credit = ledger.find((entry) => entry.assignmentId === reversed && entry.kind === 'credit')!;
    await this.story.get(LedgerCorrectionsService).reverse(lodewyk.supervisor, lodewyk.id, credit.id, {
      reason: 'Dikonfirmasi untuk hari yang salah',
    });
    await this.work(lodewyk, 'Rumah Singgah Dinas Sosial', { date: day(-2), ...morning });

    // the park's shift names the PK who accompanies children on duty; another coordinator confirmed it.
    const hendrik = await this.story.order('pk.ambon', ambon, misuse.offDuty, { ...PAST_ADULT, totalHours: 8 });
    await this.work(hendrik, 'Taman Kota Ambon', {
      date: day(-6),
      start: '08:00',
      end: '16:00',
      onDuty: user('pk2.ambon'),
      confirmer: user('koord.dlhp'),
    });

    // Sungai Penuh (Jambi): five full days signed off within minutes by the one pair that signs all of the Bapas's hours.
    const andi = await this.story.order('pk.sungaipenuh', demoCast.places.sungaiPenuh, misuse.burst, {
      ...PAST_ADULT,
      totalHours: 40,
    });
    const burstAt = day(-2).set({ hour: 10 });
    for (const [i, n] of [-7, -6, -5, -4, -3].entries()) {
      await this.work(andi, 'Kebersihan Pasar Tanjung Bajure', {
        date: day(n),
        start: '08:00',
        end: '16:00',
        signedAt: burstAt.plus({ minutes: 2 * i }),
      });
    }

    // The signals page is not empty on a fresh start: the scan the worker runs nightly, once now.
    this.story.clock.set(new Date());
    await this.story.get(SignalScan).run(null, { wait: true });
  }

  /** The last holiday at least three days ago (and within this year's agreements). */
  private lastHoliday(): DateTime {
    const limit = this.story.today.minus({ days: 3 }).toISODate()!;
    const date = this.story.holidays
      .filter((holiday) => holiday <= limit && holiday >= '2026-01-10')
      .sort()
      .at(-1)!;
    return DateTime.fromISO(date, { zone: this.story.today.zoneName! });
  }

  /** A shift booked, its roll-call taken and signed off, as `work` says; answers the assignment's id. */
  private async work(order: DemoOrder, siteName: string, work: Work): Promise<string> {
    const { clock, get } = this.story;
    const coordinator = work.confirmer ?? this.story.users.get(order.place.coordinators[siteName])!;
    clock.set(work.date.minus({ days: 1 }).set({ hour: 9 }).toJSDate());
    const shift = await get(ShiftsService).create(order.supervisor, this.story.sites.get(siteName)!, {
      date: work.date.toISODate()!,
      start: work.start,
      end: work.end,
      breakMinutes: 0,
      ...(work.onDuty ? { coordinatorId: work.onDuty.id } : {}),
    });
    const assignment = await get(BookingService).book(order.supervisor, { orderId: order.id, shiftId: shift.id });
    const startsAt = DateTime.fromJSDate(shift.startsAt);
    const endsAt = DateTime.fromJSDate(shift.endsAt);
    const attendance = get(AttendanceService);
    clock.set((work.recordedAt ?? startsAt.plus({ minutes: 5 })).toJSDate());
    await attendance.checkIn(
      coordinator,
      assignment.id,
      { at: startsAt.toISO()!, ...(work.checkInLocation ? { location: work.checkInLocation } : {}) },
      { key: undefined },
    );
    clock.set((work.recordedAt?.plus({ minutes: 1 }) ?? endsAt.plus({ minutes: 5 })).toJSDate());
    await attendance.checkOut(coordinator, assignment.id, { at: endsAt.toISO()! }, { key: undefined });
    clock.set((work.signedAt ?? endsAt.plus({ hours: 20 })).toJSDate());
    await get(SignOffService).signOff(work.signer ?? order.supervisor, assignment.id, {});
    return assignment.id;
  }
}
