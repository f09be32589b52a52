import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AccessPolicy } from '../access/access.policy.js';
import { AuditService } from '../audit/audit.service.js';
import { CalendarService } from '../calendar/calendar.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { assertNoConflict, assertValid, notFound } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page } from '../common/pagination.js';
import { RuleViolation } from '../common/rule-violation.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { SitesService } from '../sites/sites.service.js';
import { CreateShiftDto, MyShiftsQuery, ShiftAtSiteResponse, ShiftRangeQuery } from './dto.js';
import { Shift } from './shift.entity.js';
import { ShiftRepository, ShiftSeats, ShiftSite, Viewer } from './shift.repository.js';
import { shiftTimes, shiftViolations } from './shift.rules.js';

defineMessages({
  'shift.coordinator_not_at_site': {
    id: 'Koordinator yang dipilih bukan koordinator lokasi ini.',
    en: 'The chosen coordinator is not a coordinator of this site.',
  },
  'shift.starts_in_past': { id: 'Sesi tidak boleh dibuat di masa lalu.', en: 'A shift cannot start in the past.' },
  'shift.holiday': {
    id: 'Tidak ada sesi pada hari libur ({name}) (R-23).',
    en: 'No shifts on a holiday ({name}) (R-23).',
  },
  'shift.range_backwards': {
    id: 'Tanggal akhir tidak boleh sebelum tanggal awal.',
    en: 'The last date cannot be before the first.',
  },
  'shift.range_too_long': {
    id: 'Rentang tanggal paling lama {days} hari.',
    en: 'The date range is at most {days} days.',
  },
  'shift.agreement_not_valid': {
    id: 'PKS lokasi ini tidak berlaku pada tanggal tersebut (R-05).',
    en: "The site's agreement is not valid on that date (R-05).",
  },
});

const MAX_RANGE_DAYS = 31;

export interface ShiftView {
  id: string;
  siteId: string;
  date: string;
  start: string;
  end: string;
  breakMinutes: number;
  capacity: number;
  bookedCount: number;
  startsAt: Date;
  endsAt: Date;
  plannedMinutes: number;
  coordinatorId: string | null;
}

@Injectable()
export class ShiftsService {
  constructor(
    private readonly shifts: ShiftRepository,
    private readonly transactions: Transactions,
    private readonly sites: SitesService,
    private readonly access: AccessPolicy,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  create(actor: AuthUser, siteId: string, dto: CreateShiftDto): Promise<ShiftView> {
    const input = { date: dto.date, start: dto.start, end: dto.end, breakMinutes: dto.breakMinutes ?? 0 };
    return this.transactions.run(async (tx) => {
      const site = await this.siteForPlanning(tx, actor, siteId);
      const timing = { ...input, timezone: site.timezone };
      assertValid(shiftViolations(timing));
      const coordinators = await this.sites.coordinatorsOf(tx, site.id);
      if (dto.coordinatorId && !coordinators.includes(dto.coordinatorId)) {
        assertValid([{ field: 'coordinatorId', code: 'shift.coordinator_not_at_site' }]);
      }
      const times = shiftTimes(timing);
      assertNoConflict(await this.calendarRefusals(tx, site, dto.date, times.startsAt));
      const shift = await this.shifts.insert(
        {
          siteId: site.id,
          date: dto.date,
          startTime: dto.start,
          endTime: dto.end,
          breakMinutes: input.breakMinutes,
          capacity: dto.capacity ?? site.defaultCapacity,
          bookedCount: 0,
          coordinatorId: dto.coordinatorId ?? null,
          ...times,
          createdBy: actor.id,
        },
        tx,
      );
      const view = toShiftView(shift);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'shift.created',
        entityType: 'shift',
        entityId: shift.id,
        after: view,
      });
      return view;
    });
  }

  async list(user: AuthUser, siteId: string, query: ShiftRangeQuery): Promise<Page<ShiftView>> {
    const [site] = await this.shifts.sites([siteId], viewer(user));
    this.access.requireLoaded(user, 'site.shifts', site);
    const [items, total] = await this.shifts.page({ ...query, at: { siteId } });
    return { items: items.map(toShiftView), total };
  }

  /** R-26: a coordinator's shifts are those at the sites they coordinate, in the sites' local dates. */
  async forCoordinator(user: AuthUser, query: MyShiftsQuery): Promise<Page<ShiftAtSiteResponse>> {
    const days = DateTime.fromISO(query.to).diff(DateTime.fromISO(query.from), 'days').days;
    if (days < 0) assertValid([{ field: 'to', code: 'shift.range_backwards' }]);
    if (days > MAX_RANGE_DAYS)
      assertValid([{ field: 'to', code: 'shift.range_too_long', params: { days: MAX_RANGE_DAYS } }]);
    const [shifts, total] = await this.shifts.page({ ...query, at: { coordinatorId: user.id } });
    if (shifts.length === 0) return { items: [], total };
    const siteIds = [...new Set(shifts.map((shift) => shift.siteId))];
    const sites = new Map((await this.shifts.sites(siteIds, viewer(user))).map((site) => [site.id, site]));
    return { items: shifts.map((shift) => withSite(shift, sites.get(shift.siteId)!)), total };
  }

  /** One shift with its site: for the site's coordinators, the supervisors who plan there, admins. */
  async get(user: AuthUser, id: string): Promise<ShiftAtSiteResponse> {
    const shift = await this.shifts.find(id);
    if (!shift) throw notFound('shift');
    const [site] = await this.shifts.sites([shift.siteId], viewer(user));
    return withSite(shift, this.access.requireLoaded(user, 'shift.read', site));
  }

  /**
   * a seat of the shift taken in the booking's own statement (one round trip for the seat and the booking),
   * parameters numbered from `first`: an UPDATE returning the shift's id when it took the seat, none when full.
   */
  seatTaking(shiftId: string, first: number): { sql: string; params: string[] } {
    return this.shifts.seatTaking(shiftId, first);
  }

  /** A cancelled booking's seat, free again, in the cancellation's own statement; parameters numbered from `first`. */
  seatGivingBack(shiftId: string, first: number): { sql: string; params: string[] } {
    return this.shifts.seatGivingBack(shiftId, first);
  }

  /** R-18 for a batch of bookings: the shifts locked in the order of their ids, with their seats. */
  lockSeats(tx: Tx, shiftIds: string[]): Promise<ShiftSeats[]> {
    return this.shifts.lockSeats([...new Set(shiftIds)], tx);
  }

  /** Takes the seats a batch counted on its locked shifts; false when one of them has not the room (a bug). */
  async takeSeats(tx: Tx, seats: Map<string, number>): Promise<boolean> {
    const wanted = [...seats].map(([shiftId, count]) => ({ shiftId, seats: count }));
    return (await this.shifts.takeSeats(wanted, tx)) === wanted.length;
  }

  async exists(shiftId: string): Promise<boolean> {
    return this.shifts.exists(shiftId);
  }

  /** A supervisor plans at the sites their Bapas has an agreement for; an admin anywhere. */
  private async siteForPlanning(tx: Tx, actor: AuthUser, siteId: string): Promise<ShiftSite> {
    const [site] = await this.shifts.sites([siteId], viewer(actor), tx);
    return this.access.requireLoaded(actor, 'site.schedule', site);
  }

  private async calendarRefusals(tx: Tx, site: ShiftSite, date: string, startsAt: Date): Promise<RuleViolation[]> {
    const refusals: RuleViolation[] = [];
    if (startsAt <= this.clock.now()) refusals.push({ field: 'date', code: 'shift.starts_in_past' });
    const holiday = await this.calendar.closingHoliday(tx, site.id, site.hostRegion, date);
    if (holiday) refusals.push({ field: 'date', code: 'shift.holiday', params: { name: holiday.name } });
    if (date < site.agreementValidFrom || date > site.agreementValidTo)
      refusals.push({ field: 'date', code: 'shift.agreement_not_valid' });
    return refusals;
  }
}

const viewer = (user: AuthUser): Viewer => ({ userId: user.id, agencyId: user.agencyId });

function withSite(shift: Shift, site: ShiftSite): ShiftAtSiteResponse {
  const { id, name, address, timezone, radiusMeters, lat, lng } = site;
  return { ...toShiftView(shift), site: { id, name, address, timezone, radiusMeters, location: { lat, lng } } };
}

export function toShiftView(shift: Shift): ShiftView {
  return {
    id: shift.id,
    siteId: shift.siteId,
    date: shift.date,
    start: shift.startTime.slice(0, 5),
    end: shift.endTime.slice(0, 5),
    breakMinutes: shift.breakMinutes,
    capacity: shift.capacity,
    bookedCount: shift.bookedCount,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    plannedMinutes: shift.plannedMinutes,
    coordinatorId: shift.coordinatorId,
  };
}
