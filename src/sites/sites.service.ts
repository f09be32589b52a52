import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import { AgenciesService } from '../agencies/agencies.service.js';
import { AgreementsService } from '../agreements/agreements.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { assertNoConflict, assertValid, conflict, notFound, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page } from '../common/pagination.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { CreateSiteDto, OpenDateDto, SiteListQuery, UpdateSiteDto } from './dto.js';
import { Site } from './site.entity.js';
import { SiteFields, SiteRepository, type UncoveredBooking } from './site.repository.js';
import { changeViolations, closesToMinors, minorsConflicts } from './site.rules.js';

defineMessages({
  'site.host_not_opd': { id: 'Lokasi kerja sosial harus milik OPD.', en: 'A work site must belong to an OPD.' },
  'site.agreement_not_covering_agency': {
    id: 'PKS ini tidak mencakup instansi pemilik lokasi (R-05).',
    en: 'The agreement does not cover the host agency (R-05).',
  },
  'site.coordinator_role': {
    id: 'Koordinator harus pengguna berperan koordinator atau pembimbing.',
    en: 'A coordinator must be a user with the coordinator or supervisor role.',
  },
  'site.date_already_open': {
    id: 'Tanggal ini sudah dibuka untuk lokasi ini.',
    en: 'This date is already open for the site.',
  },
});

/** A holiday opened for one site. */
export interface OpenedDateView {
  siteId: string;
  date: string;
  reason: string;
  openedBy: string;
  openedAt: string;
}

export interface SiteView extends Omit<Site, 'lat' | 'lng'> {
  location: { lat: number; lng: number };
  coordinatorIds: string[];
}

/** A corrected site, and the bookings there its agreement does not cover, for their supervisors to move. */
export interface SiteCorrectionView extends SiteView {
  uncoveredBookings: UncoveredBooking[];
}

@Injectable()
export class SitesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly sites: SiteRepository,
    private readonly agencies: AgenciesService,
    private readonly agreements: AgreementsService,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  create(actor: AuthUser, dto: CreateSiteDto): Promise<SiteView> {
    return this.transactions.run(async (tx) => {
      const host = await this.agencies.find(dto.agencyId, tx);
      if (!host) throw unknownReference('agencyId', 'agency');
      assertValid(host.kind === 'opd' ? [] : [{ field: 'agencyId', code: 'site.host_not_opd' }]);
      await this.assertCovers(tx, dto.agreementId, dto.agencyId);
      const coordinators = await this.sites.rolesOf(dto.coordinatorIds, tx);
      if (coordinators.length !== dto.coordinatorIds.length) throw unknownReference('coordinatorIds', 'user');
      assertValid(
        coordinators.every((user) => user.role === 'coordinator' || user.role === 'supervisor')
          ? []
          : [{ field: 'coordinatorIds', code: 'site.coordinator_role' }],
      );
      const { location, coordinatorIds, ...fields } = dto;
      const site = await this.sites.insert({ ...fields, lat: location.lat, lng: location.lng }, coordinatorIds, tx);
      const view = toSiteView(site, coordinatorIds);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'site.created',
        entityType: 'site',
        entityId: site.id,
        after: view,
      });
      return view;
    });
  }

  /**
   * Corrects a site: position, radius, address, capacity, a renewed agreement, whether minors may work there
   * not closed to them while a child's booking there is not over). Audited with before and after.
   * R-05 makes the site unusable on a date its agreement does not cover, but the bookings made there under the old
   * agreement are not the admin's to cancel: the answer lists those not over, for their supervisors to move.
   */
  update(actor: AuthUser, id: string, dto: UpdateSiteDto): Promise<SiteCorrectionView> {
    assertValid(changeViolations(dto));
    return this.transactions.run(async (tx) => {
      const site = await this.sites.lock(id, tx);
      if (!site) throw notFound('site');
      if (dto.agreementId !== undefined) await this.assertCovers(tx, dto.agreementId, site.agencyId);
      if (closesToMinors(site, dto)) {
        assertNoConflict(minorsConflicts(await this.sites.childBookingsNotOver(id, this.clock.now(), tx)));
      }
      const coordinatorIds = await this.sites.coordinatorsOf(id, tx);
      const { location, ...rest } = dto;
      const fields: SiteFields = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
      if (location) Object.assign(fields, { lat: location.lat, lng: location.lng });
      await this.sites.update(id, fields, tx);
      const after = toSiteView({ ...site, ...fields }, coordinatorIds);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'site.updated',
        entityType: 'site',
        entityId: id,
        before: toSiteView(site, coordinatorIds),
        after,
      });
      const now = this.clock.now();
      return { ...after, uncoveredBookings: await this.sites.bookingsOutsideAgreement(id, after.agreementId, now, tx) };
    });
  }

  /** the agreement exists (400 otherwise) and the host agency is a party to it (409 otherwise). */
  private async assertCovers(tx: Tx, agreementId: string, agencyId: string): Promise<void> {
    if (!(await this.agreements.exists(agreementId, tx))) throw unknownReference('agreementId', 'agreement');
    if (!(await this.agreements.partiesOf(agreementId, tx)).includes(agencyId)) {
      throw conflict({ field: 'agreementId', code: 'site.agreement_not_covering_agency' });
    }
  }

  async get(user: AuthUser, id: string): Promise<SiteView> {
    await this.access.requireAccess(user, 'site.read', [id]);
    return toSiteView((await this.sites.find(id))!, await this.sites.coordinatorsOf(id));
  }

  /**
   * Admins see every site; others the sites whose agreement includes their agency or that they coordinate; of one
   * host agency and whose name or address contains `q`, when given.
   */
  async list(user: AuthUser, query: SiteListQuery): Promise<Page<SiteView>> {
    const { sites, total } = await this.sites.visibleTo(
      { id: user.id, agencyId: user.agencyId, admin: user.role === 'admin' },
      query,
    );
    const coordinators = await this.sites.coordinatorsBySite(sites.map((site) => site.id));
    return { items: sites.map((site) => toSiteView(site, coordinators.get(site.id) ?? [])), total };
  }

  async openDates(siteId: string): Promise<Page<OpenedDateView>> {
    if (!(await this.sites.exists(siteId))) throw notFound('site');
    const rows = await this.sites.openDates(siteId);
    return { items: rows.map((row) => ({ ...row, openedAt: row.openedAt.toISOString() })), total: rows.length };
  }

  openDate(actor: AuthUser, siteId: string, dto: OpenDateDto) {
    return this.transactions.run(async (tx) => {
      if (!(await this.sites.exists(siteId, tx))) throw notFound('site');
      if (!(await this.sites.openDate({ siteId, date: dto.date, reason: dto.reason, openedBy: actor.id }, tx))) {
        throw conflict({ field: 'date', code: 'site.date_already_open' });
      }
      const opening = { siteId, ...dto };
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'site.date_opened',
        entityType: 'site',
        entityId: siteId,
        after: opening,
      });
      return opening;
    });
  }

  coordinatorsOf(tx: Tx, siteId: string): Promise<string[]> {
    return this.sites.coordinatorsOf(siteId, tx);
  }

  /** The sites a coordinator works at. */
  coordinatedBy(tx: Tx, userId: string): Promise<string[]> {
    return this.sites.coordinatedBy(userId, tx);
  }

  /** The zones where a site works or a Bapas supervises: each gets its own 17:00 roster and 07:00 risk scan. */
  workingZones(): Promise<string[]> {
    return this.sites.workingZones();
  }
}

export function toSiteView(site: Site, coordinatorIds: string[]): SiteView {
  const { lat, lng, ...rest } = site;
  return { ...rest, location: { lat, lng }, coordinatorIds };
}
