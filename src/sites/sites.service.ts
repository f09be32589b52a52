import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { siteVisible } from '../access/access.conditions.js';
import { AccessPolicy } from '../access/access.policy.js';
import { Agency } from '../agencies/agency.entity.js';
import { Agreement } from '../agreements/agreement.entity.js';
import { partiesOf } from '../agreements/agreements.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { assertValid, conflict, notFound, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page, PageQuery } from '../common/pagination.js';
import { User } from '../identity/user.entity.js';
import { CreateSiteDto, OpenDateDto } from './dto.js';
import { Site } from './site.entity.js';

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

@Injectable()
export class SitesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
  ) {}

  create(actor: AuthUser, dto: CreateSiteDto): Promise<SiteView> {
    return this.dataSource.transaction(async (manager) => {
      const host = await manager.findOneBy(Agency, { id: dto.agencyId });
      if (!host) throw unknownReference('agencyId', 'agency');
      assertValid(host.kind === 'opd' ? [] : [{ field: 'agencyId', code: 'site.host_not_opd' }]);
      if (!(await manager.existsBy(Agreement, { id: dto.agreementId })))
        throw unknownReference('agreementId', 'agreement');
      if (!(await partiesOf(manager, dto.agreementId)).includes(dto.agencyId)) {
        throw conflict({ field: 'agreementId', code: 'site.agreement_not_covering_agency' });
      }
      const coordinators = await manager.findBy(User, { id: In(dto.coordinatorIds) });
      if (coordinators.length !== dto.coordinatorIds.length) throw unknownReference('coordinatorIds', 'user');
      assertValid(
        coordinators.every((user) => user.role === 'coordinator' || user.role === 'supervisor')
          ? []
          : [{ field: 'coordinatorIds', code: 'site.coordinator_role' }],
      );
      const { location, coordinatorIds, ...fields } = dto;
      const site = await manager.save(manager.create(Site, { ...fields, lat: location.lat, lng: location.lng }));
      for (const userId of coordinatorIds) {
        await manager.query(`INSERT INTO site_coordinator (site_id, user_id) VALUES ($1, $2)`, [site.id, userId]);
      }
      const view = toSiteView(site, coordinatorIds);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'site.created',
        entityType: 'site',
        entityId: site.id,
        after: view,
      });
      return view;
    });
  }

  async get(user: AuthUser, id: string): Promise<SiteView> {
    await this.access.requireAccess(user, 'site.read', [id]);
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id });
    return toSiteView(site, await this.coordinatorsOf(this.dataSource.manager, id));
  }

  /** Admins see every site; others the sites whose agreement includes their agency or that they coordinate. */
  async list(user: AuthUser, query: PageQuery & { agencyId?: string }): Promise<Page<SiteView>> {
    const where = `${siteVisible('s', { admin: '$4', agencyId: '$1', userId: '$2' })} AND ($3::uuid IS NULL OR s.agency_id = $3)`;
    const params = [user.agencyId, user.id, query.agencyId ?? null, user.role === 'admin'];
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM site s WHERE ${where}`, params);
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT s.id FROM site s WHERE ${where} ORDER BY s.name LIMIT $5 OFFSET $6`,
      [...params, query.limit, query.offset],
    );
    const sites = await this.dataSource.getRepository(Site).findBy({ id: In(ids.map((row) => row.id)) });
    const byId = new Map(sites.map((site) => [site.id, site]));
    const items = await Promise.all(
      ids.map(async ({ id }) => toSiteView(byId.get(id)!, await this.coordinatorsOf(this.dataSource.manager, id))),
    );
    return { items, total };
  }

  async openDates(siteId: string): Promise<Page<OpenedDateView>> {
    if (!(await this.dataSource.getRepository(Site).existsBy({ id: siteId }))) throw notFound('site');
    const rows: (Omit<OpenedDateView, 'openedAt'> & { openedAt: Date })[] = await this.dataSource.query(
      `SELECT site_id AS "siteId", to_char(date, 'YYYY-MM-DD') AS date, reason, opened_by AS "openedBy",
              opened_at AS "openedAt"
         FROM site_open_date WHERE site_id = $1 ORDER BY date`,
      [siteId],
    );
    return { items: rows.map((row) => ({ ...row, openedAt: row.openedAt.toISOString() })), total: rows.length };
  }

  openDate(actor: AuthUser, siteId: string, dto: OpenDateDto) {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Site, { id: siteId }))) throw notFound('site');
      const inserted = await manager.query(
        `INSERT INTO site_open_date (site_id, date, reason, opened_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING site_id`,
        [siteId, dto.date, dto.reason, actor.id],
      );
      if (inserted.length === 0) throw conflict({ field: 'date', code: 'site.date_already_open' });
      const opening = { siteId, ...dto };
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'site.date_opened',
        entityType: 'site',
        entityId: siteId,
        after: opening,
      });
      return opening;
    });
  }

  async coordinatorsOf(manager: EntityManager, siteId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(
      `SELECT user_id FROM site_coordinator WHERE site_id = $1 ORDER BY user_id`,
      [siteId],
    );
    return rows.map((row) => row.user_id);
  }

  /** The sites a coordinator works at. */
  async coordinatedBy(manager: EntityManager, userId: string): Promise<string[]> {
    const rows: { site_id: string }[] = await manager.query(`SELECT site_id FROM site_coordinator WHERE user_id = $1`, [
      userId,
    ]);
    return rows.map((row) => row.site_id);
  }
}

export function toSiteView(site: Site, coordinatorIds: string[]): SiteView {
  const { lat, lng, ...rest } = site;
  return { ...rest, location: { lat, lng }, coordinatorIds };
}
