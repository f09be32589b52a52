import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessPolicy } from '../access/access.policy.js';
import { Agency } from '../agencies/agency.entity.js';
import { Agreement } from '../agreements/agreement.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { CalendarService } from '../calendar/calendar.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { assertNoConflict, assertValid } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page } from '../common/pagination.js';
import { RuleViolation } from '../common/rule-violation.js';
import { Site } from '../sites/site.entity.js';
import { SitesService } from '../sites/sites.service.js';
import { CreateShiftDto, MyShiftsQuery, ShiftAtSiteResponse, ShiftRangeQuery } from './dto.js';
import { Shift } from './shift.entity.js';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesService,
    private readonly access: AccessPolicy,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  create(actor: AuthUser, siteId: string, dto: CreateShiftDto): Promise<ShiftView> {
    const input = { date: dto.date, start: dto.start, end: dto.end, breakMinutes: dto.breakMinutes ?? 0 };
    return this.dataSource.transaction(async (manager) => {
      const site = await this.siteForPlanning(manager, actor, siteId);
      const timing = { ...input, timezone: site.timezone };
      assertValid(shiftViolations(timing));
      const coordinators = await this.sites.coordinatorsOf(manager, site.id);
      if (dto.coordinatorId && !coordinators.includes(dto.coordinatorId)) {
        assertValid([{ field: 'coordinatorId', code: 'shift.coordinator_not_at_site' }]);
      }
      const times = shiftTimes(timing);
      assertNoConflict(await this.calendarRefusals(manager, site, dto.date, times.startsAt));
      const shift = await manager.save(
        manager.create(Shift, {
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
        }),
      );
      const view = toShiftView(shift);
      await this.audit.record(manager, {
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
    await this.access.requireAccess(user, 'site.shifts', [siteId]);
    const builder = this.dataSource.manager
      .getRepository(Shift)
      .createQueryBuilder('shift')
      .where('shift.siteId = :siteId', { siteId })
      .orderBy('shift.startsAt', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.from) builder.andWhere('shift.date >= :from', { from: query.from });
    if (query.to) builder.andWhere('shift.date <= :to', { to: query.to });
    const [items, total] = await builder.getManyAndCount();
    return { items: items.map(toShiftView), total };
  }

  /** R-26: a coordinator's shifts are those at the sites they coordinate, in the sites' local dates. */
  async forCoordinator(user: AuthUser, query: MyShiftsQuery): Promise<Page<ShiftAtSiteResponse>> {
    const days = DateTime.fromISO(query.to).diff(DateTime.fromISO(query.from), 'days').days;
    if (days < 0) assertValid([{ field: 'to', code: 'shift.range_backwards' }]);
    if (days > MAX_RANGE_DAYS)
      assertValid([{ field: 'to', code: 'shift.range_too_long', params: { days: MAX_RANGE_DAYS } }]);
    const manager = this.dataSource.manager;
    const siteIds = await this.sites.coordinatedBy(manager, user.id);
    if (siteIds.length === 0) return { items: [], total: 0 };
    const [shifts, total] = await manager
      .getRepository(Shift)
      .createQueryBuilder('shift')
      .where('shift.siteId IN (:...siteIds)', { siteIds })
      .andWhere('shift.date BETWEEN :from AND :to', query)
      .orderBy('shift.startsAt', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    const sites = new Map((await manager.findBy(Site, { id: In(siteIds) })).map((site) => [site.id, site]));
    return { items: shifts.map((shift) => withSite(shift, sites.get(shift.siteId)!)), total };
  }

  /** One shift with its site: for the site's coordinators, the supervisors who plan there, admins. */
  async get(user: AuthUser, id: string): Promise<ShiftAtSiteResponse> {
    await this.access.requireAccess(user, 'shift.read', [id]);
    const manager = this.dataSource.manager;
    const shift = await manager.findOneByOrFail(Shift, { id });
    return withSite(shift, await manager.findOneByOrFail(Site, { id: shift.siteId }));
  }

  /** A supervisor plans at the sites their Bapas has an agreement for; an admin anywhere. */
  private async siteForPlanning(manager: EntityManager, actor: AuthUser, siteId: string): Promise<Site> {
    await this.access.requireAccess(actor, 'site.schedule', [siteId], manager);
    return manager.findOneByOrFail(Site, { id: siteId });
  }

  private async calendarRefusals(
    manager: EntityManager,
    site: Site,
    date: string,
    startsAt: Date,
  ): Promise<RuleViolation[]> {
    const refusals: RuleViolation[] = [];
    if (startsAt <= this.clock.now()) refusals.push({ field: 'date', code: 'shift.starts_in_past' });
    const host = await manager.findOneByOrFail(Agency, { id: site.agencyId });
    const holiday = await this.calendar.closingHoliday(manager, site.id, host.region, date);
    if (holiday) refusals.push({ field: 'date', code: 'shift.holiday', params: { name: holiday.name } });
    const agreement = await manager.findOneByOrFail(Agreement, { id: site.agreementId });
    if (date < agreement.validFrom || date > agreement.validTo)
      refusals.push({ field: 'date', code: 'shift.agreement_not_valid' });
    return refusals;
  }
}

function withSite(shift: Shift, site: Site): ShiftAtSiteResponse {
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
