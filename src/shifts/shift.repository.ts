import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { coordinatesSite, partyToAgreement } from '../access/access.conditions.js';
import type { Tx } from '../database/transactions.js';
import { Shift } from './shift.entity.js';

/** A shift's site as the shifts module reads it, with what planning there needs of its host and agreement. */
export interface ShiftSite {
  id: string;
  name: string;
  agencyId: string;
  agreementId: string;
  workType: string;
  address: string;
  lat: number;
  lng: number;
  radiusMeters: number;
  timezone: string;
  defaultCapacity: number;
  minorsAllowed: boolean;
  createdAt: Date;
  hostRegion: string;
  agreementValidFrom: string;
  agreementValidTo: string;
  /** whether the viewer coordinates at the site, and whether the viewer's agency is a party to its agreement. */
  coordinates: boolean;
  party: boolean;
}

/** A shift's seats: how many it has and how many are taken. */
export interface ShiftSeats {
  id: string;
  capacity: number;
  bookedCount: number;
}

export interface Viewer {
  userId: string;
  agencyId: string;
}

export interface ShiftPage {
  /** the shifts of one site, or those at every site a coordinator works at */
  at: { siteId: string } | { coordinatorId: string };
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** The shifts and their seats (R-18: booked_count never passes capacity). */
@Injectable()
export class ShiftRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(shift: Omit<Shift, 'id' | 'createdAt'>, tx: Tx = this.dataSource.manager): Promise<Shift> {
    return tx.save(tx.create(Shift, shift));
  }

  find(id: string, tx: Tx = this.dataSource.manager): Promise<Shift | null> {
    return tx.findOneBy(Shift, { id });
  }

  exists(id: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(Shift, { id });
  }

  /** Read model when by coordinator: the sites they work at (site_coordinator). */
  page(page: ShiftPage, tx: Tx = this.dataSource.manager): Promise<[Shift[], number]> {
    const builder = tx
      .getRepository(Shift)
      .createQueryBuilder('shift')
      .where(
        'siteId' in page.at
          ? 'shift.siteId = :siteId'
          : 'shift.siteId IN (SELECT site_id FROM site_coordinator WHERE user_id = :coordinatorId)',
        page.at,
      )
      .orderBy('shift.startsAt', 'ASC')
      .take(page.limit)
      .skip(page.offset);
    if (page.from) builder.andWhere('shift.date >= :from', { from: page.from });
    if (page.to) builder.andWhere('shift.date <= :to', { to: page.to });
    return builder.getManyAndCount();
  }

  /**
   * one conditional update takes the seat, so concurrent bookings can't pass the capacity; it runs in the
   * caller's statement, parameters numbered from `first`, and returns the shift's id if it took one.
   */
  seatTaking(id: string, first: number): { sql: string; params: string[] } {
    return {
      sql: `UPDATE shift SET booked_count = booked_count + 1 WHERE id = $${first} AND booked_count < capacity RETURNING id`,
      params: [id],
    };
  }

  /** A seat given back in a caller's statement, parameters numbered from `first`. */
  seatGivingBack(id: string, first: number): { sql: string; params: string[] } {
    return { sql: `UPDATE shift SET booked_count = booked_count - 1 WHERE id = $${first} RETURNING id`, params: [id] };
  }

  /**
   * Read model: sites (site) with their host's region (agency), their agreement's validity (agreement) and the
   * viewer's relation to them (site_coordinator, agreement_party).
   */
  sites(ids: string[], viewer: Viewer, tx: Tx = this.dataSource.manager): Promise<ShiftSite[]> {
    return tx.query(
      `SELECT s.id, s.name, s.agency_id AS "agencyId", s.agreement_id AS "agreementId", s.work_type AS "workType",
              s.address, s.lat, s.lng, s.radius_meters AS "radiusMeters", s.timezone,
              s.default_capacity AS "defaultCapacity", s.minors_allowed AS "minorsAllowed", s.created_at AS "createdAt",
              host.region AS "hostRegion", g.valid_from AS "agreementValidFrom", g.valid_to AS "agreementValidTo",
              ${coordinatesSite('s.id', '$2')} AS coordinates, ${partyToAgreement('s.agreement_id', '$3')} AS party
         FROM site s JOIN agency host ON host.id = s.agency_id JOIN agreement g ON g.id = s.agreement_id
        WHERE s.id = ANY($1::uuid[])`,
      [ids, viewer.userId, viewer.agencyId],
    );
  }

  /**
   * A batch's seats: the shifts locked in the order of their ids, so a batch and the single bookings (one
   * shift each) never wait on each other in a cycle; their capacity and seats taken, for the batch to count on.
   */
  lockSeats(ids: string[], tx: Tx = this.dataSource.manager): Promise<ShiftSeats[]> {
    return tx.query(
      `SELECT id, capacity, booked_count AS "bookedCount" FROM shift WHERE id = ANY($1::uuid[])
        ORDER BY id FOR NO KEY UPDATE`,
      [ids],
    );
  }

  /** takes `seats` seats of each shift in one statement; answers how many shifts had room for all of theirs. */
  async takeSeats(seats: { shiftId: string; seats: number }[], tx: Tx = this.dataSource.manager): Promise<number> {
    const [{ taken }] = await tx.query(
      `WITH seat AS (
         UPDATE shift s SET booked_count = s.booked_count + t.seats
           FROM unnest($1::uuid[], $2::int[]) AS t (id, seats)
          WHERE s.id = t.id AND s.booked_count + t.seats <= s.capacity RETURNING s.id)
       SELECT count(*)::int AS taken FROM seat`,
      [seats.map((seat) => seat.shiftId), seats.map((seat) => seat.seats)],
    );
    return taken;
  }
}
