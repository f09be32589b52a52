import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { siteVisible } from '../access/access.conditions.js';
import { groupBy } from '../common/collections.js';
import { containing } from '../common/pagination.js';
import type { Tx } from '../database/transactions.js';
import { Site } from './site.entity.js';

/** A holiday opened for one site, as stored. */
export interface OpenedDateRow {
  siteId: string;
  date: string;
  reason: string;
  openedBy: string;
  openedAt: Date;
}

/** What a change may set on a site's row. */
export type SiteFields = Partial<
  Pick<
    Site,
    | 'name'
    | 'workType'
    | 'address'
    | 'lat'
    | 'lng'
    | 'radiusMeters'
    | 'defaultCapacity'
    | 'minorsAllowed'
    | 'agreementId'
  >
>;

/** A booking at a site on a date its agreement does not cover. */
export interface UncoveredBooking {
  assignmentId: string;
  orderId: string;
  shiftId: string;
  date: string;
  startsAt: Date;
  status: 'scheduled' | 'checked_in';
}

/** The site table, its coordinators (site_coordinator) and its opened dates (site_open_date). */
@Injectable()
export class SiteRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(fields: Omit<Site, 'id' | 'createdAt'>, coordinatorIds: string[], tx: Tx = this.dataSource.manager) {
    const site = await tx.save(tx.create(Site, fields));
    for (const userId of coordinatorIds) await this.addCoordinator(site.id, userId, tx);
    return site;
  }

  /** Adds the coordinator to the site; false when they coordinate it already. */
  async addCoordinator(siteId: string, userId: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    const inserted = await tx.query(
      `INSERT INTO site_coordinator (site_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING site_id`,
      [siteId, userId],
    );
    return inserted.length > 0;
  }

  find(id: string, tx: Tx = this.dataSource.manager): Promise<Site | null> {
    return tx.findOneBy(Site, { id });
  }

  /**
   * The site locked for a change, FOR UPDATE, a booking share-locks its site's key before it reads the
   * site (the assignments module's `lockOrderForBooking`), so the change waits for the bookings that read the site
   * before it, and they are visible to its later statements; a booking that comes after the change waits for it
   * and reads the changed site. Also held up meanwhile: new shifts at the site (their foreign key).
   */
  lock(id: string, tx: Tx = this.dataSource.manager): Promise<Site | null> {
    return tx.findOne(Site, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(id: string, fields: SiteFields, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.update(Site, { id }, fields);
  }

  /**
   * Read model: court_order (orders') and assignment (assignments'). R-11: how many bookings of children at the
   * site are not over at `now` (scheduled or under way); asked with the site locked (`lock`), so no child can be
   * booked there on the old answer meanwhile.
   */
  async childBookingsNotOver(siteId: string, now: Date, tx: Tx = this.dataSource.manager): Promise<number> {
    const [{ count }] = await tx.query(
      `SELECT count(*)::int AS count FROM assignment a JOIN court_order o ON o.id = a.order_id
        WHERE a.site_id = $1 AND o.regime = 'child' AND a.status IN ('scheduled', 'checked_in') AND a.ends_at > $2`,
      [siteId, now],
    );
    return count;
  }

  /**
   * Read model: assignment (assignments') and agreement (agreements'). R-05: the bookings at the site, not over at
   * `now`, on a date the agreement is not valid, soonest first; asked with the site locked (`lock`), so every
   * booking there is either in the answer or was made on the corrected site.
   */
  bookingsOutsideAgreement(
    siteId: string,
    agreementId: string,
    now: Date,
    tx: Tx = this.dataSource.manager,
  ): Promise<UncoveredBooking[]> {
    return tx.query(
      `SELECT a.id AS "assignmentId", a.order_id AS "orderId", a.shift_id AS "shiftId", a.local_date AS date,
              a.starts_at AS "startsAt", a.status
         FROM assignment a JOIN agreement g ON g.id = $2
        WHERE a.site_id = $1 AND a.status IN ('scheduled', 'checked_in') AND a.ends_at > $3
          AND (a.local_date < g.valid_from OR a.local_date > g.valid_to)
        ORDER BY a.starts_at, a.id`,
      [siteId, agreementId, now],
    );
  }

  exists(id: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(Site, { id });
  }

  /**
   * Read model: agreement_party (agreements'). One page of the sites the user may see: all for an admin, else
   * those whose agreement includes the user's agency or that the user coordinates; of one agency and whose name or
   * address contains `q`, when given.
   */
  async visibleTo(
    user: { id: string; agencyId: string; admin: boolean },
    filter: { agencyId?: string; q?: string; limit: number; offset: number },
    tx: Tx = this.dataSource.manager,
  ): Promise<{ sites: Site[]; total: number }> {
    const where = `${siteVisible('s', { admin: '$4', agencyId: '$1', userId: '$2' })}
      AND ($3::uuid IS NULL OR s.agency_id = $3) AND ($5::text IS NULL OR s.name ILIKE $5 OR s.address ILIKE $5)`;
    const like = filter.q ? containing(filter.q) : null;
    const params = [user.agencyId, user.id, filter.agencyId ?? null, user.admin, like];
    const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM site s WHERE ${where}`, params);
    const ids: { id: string }[] = await tx.query(
      `SELECT s.id FROM site s WHERE ${where} ORDER BY s.name, s.id LIMIT $6 OFFSET $7`,
      [...params, filter.limit, filter.offset],
    );
    const sites = await tx.findBy(Site, { id: In(ids.map((row) => row.id)) });
    const byId = new Map(sites.map((site) => [site.id, site]));
    return { sites: ids.map(({ id }) => byId.get(id)!), total };
  }

  openDates(siteId: string, tx: Tx = this.dataSource.manager): Promise<OpenedDateRow[]> {
    return tx.query(
      `SELECT site_id AS "siteId", to_char(date, 'YYYY-MM-DD') AS date, reason, opened_by AS "openedBy",
              opened_at AS "openedAt"
         FROM site_open_date WHERE site_id = $1 ORDER BY date`,
      [siteId],
    );
  }

  /** Opens the date for the site; false when it is open already. */
  async openDate(
    opening: { siteId: string; date: string; reason: string; openedBy: string },
    tx: Tx = this.dataSource.manager,
  ): Promise<boolean> {
    const inserted = await tx.query(
      `INSERT INTO site_open_date (site_id, date, reason, opened_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING site_id`,
      [opening.siteId, opening.date, opening.reason, opening.openedBy],
    );
    return inserted.length > 0;
  }

  async coordinatorsOf(siteId: string, tx: Tx = this.dataSource.manager): Promise<string[]> {
    return (await this.coordinatorsBySite([siteId], tx)).get(siteId) ?? [];
  }

  /** The coordinators of each of these sites, in one statement (a page of sites). */
  async coordinatorsBySite(siteIds: string[], tx: Tx = this.dataSource.manager): Promise<Map<string, string[]>> {
    const rows: { site_id: string; user_id: string }[] = await tx.query(
      `SELECT site_id, user_id FROM site_coordinator WHERE site_id = ANY($1::uuid[]) ORDER BY user_id`,
      [siteIds],
    );
    return groupBy(
      rows,
      (row) => row.site_id,
      (row) => row.user_id,
    );
  }

  async coordinatedBy(userId: string, tx: Tx = this.dataSource.manager): Promise<string[]> {
    const rows: { site_id: string }[] = await tx.query(`SELECT site_id FROM site_coordinator WHERE user_id = $1`, [
      userId,
    ]);
    return rows.map((row) => row.site_id);
  }

  /** Read model: app_user (identity's), the role of each of these users that exists. */
  rolesOf(userIds: string[], tx: Tx = this.dataSource.manager): Promise<{ id: string; role: string }[]> {
    return tx.query(`SELECT id, role FROM app_user WHERE id = ANY($1::uuid[])`, [userIds]);
  }

  /** Read model: agency (agencies'), the zones of the sites and of the Bapas agencies. */
  async workingZones(tx: Tx = this.dataSource.manager): Promise<string[]> {
    const zones: { timezone: string }[] = await tx.query(
      `SELECT timezone FROM site UNION SELECT timezone FROM agency WHERE kind = 'bapas' ORDER BY timezone`,
    );
    return zones.map(({ timezone }) => timezone);
  }
}
