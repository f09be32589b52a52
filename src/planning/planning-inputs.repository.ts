import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import type { PlannedBooking, PlanOrder, PlanShift, PlanSite } from './planning.types.js';

export interface ScheduledBooking extends PlannedBooking {
  assignmentId: string;
}

export interface OrderToPlan extends PlanOrder {
  caseNumber: string;
  personName: string;
}

export interface SiteToPlan extends PlanSite {
  name: string;
}

/**
 * Reads what the planner needs from PostgreSQL: the orders' needs, the Bapas's sites and their open shifts. Reads
 * only, and none of these tables is planning's own.
 */
@Injectable()
export class PlanningInputsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Read model: from court_order, person and assignment, the active orders of the Bapas (or the ones named) and
   * what each still owes: required minus credited minus what is booked and not yet credited. A no-show's minutes
   * are owed again.
   */
  async orders(
    bapasId: string,
    orderIds: string[] | null,
    from: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<OrderToPlan[]> {
    const rows: OrderRow[] = await tx.query(
      `SELECT o.id, o.case_number, o.regime, o.max_hours_per_day, o.start_date, o.end_date,
              o.required_minutes - o.credited_minutes - coalesce((
                SELECT sum(a.planned_minutes) FROM assignment a
                 WHERE a.order_id = o.id AND a.status IN ('scheduled', 'checked_in', 'checked_out')), 0)::int AS need,
              p.full_name, p.religion, p.worship_defaults, p.in_school, p.unavailable, p.home_lat, p.home_lng,
              coalesce((SELECT array_agg(DISTINCT a.local_date::text) FROM assignment a
                         WHERE a.person_id = p.id AND a.status <> 'cancelled' AND a.local_date >= $3), '{}') AS booked_dates
         FROM court_order o JOIN person p ON p.id = o.person_id
        WHERE o.bapas_id = $1 AND o.status = 'active' AND ($2::uuid[] IS NULL OR o.id = ANY($2))
        ORDER BY o.end_date, o.id`,
      [bapasId, orderIds, from],
    );
    return rows.map((row) => ({
      id: row.id,
      caseNumber: row.case_number,
      personName: row.full_name,
      regime: row.regime,
      needMinutes: Math.max(0, row.need),
      maxHoursPerDay: row.max_hours_per_day,
      startDate: row.start_date,
      endDate: row.end_date,
      person: {
        religion: row.religion,
        worshipDefaults: row.worship_defaults,
        inSchool: row.in_school,
        unavailable: row.unavailable,
        home: row.home_lat === null || row.home_lng === null ? null : { lat: row.home_lat, lng: row.home_lng },
        bookedDates: row.booked_dates,
      },
    }));
  }

  /**
   * Read model: from site, agency, agreement, agreement_party, holiday and site_open_date, the sites whose
   * agreement the Bapas is a party to, with the holidays not opened for them in [from, to].
   */
  async sites(bapasId: string, from: string, to: string, tx: Tx = this.dataSource.manager): Promise<SiteToPlan[]> {
    const rows: SiteRow[] = await tx.query(
      `SELECT s.id, s.name, s.lat, s.lng, s.minors_allowed, a.valid_from, a.valid_to,
              coalesce((SELECT array_agg(h.date::text) FROM holiday h
                         WHERE h.region IN ('', host.region) AND h.date BETWEEN $2 AND $3
                           AND NOT EXISTS (SELECT 1 FROM site_open_date o WHERE o.site_id = s.id AND o.date = h.date)), '{}') AS closed_dates
         FROM site s
         JOIN agency host ON host.id = s.agency_id
         JOIN agreement a ON a.id = s.agreement_id
         JOIN agreement_party party ON party.agreement_id = s.agreement_id AND party.agency_id = $1
        ORDER BY s.id`,
      [bapasId, from, to],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      location: { lat: row.lat, lng: row.lng },
      minorsAllowed: row.minors_allowed,
      agreement: { validFrom: row.valid_from, validTo: row.valid_to },
      closedDates: row.closed_dates,
    }));
  }

  /** Read model: from site, agreement_party and agency, the time zones of the Bapas's sites (its own while none). */
  async timezones(bapasId: string, tx: Tx = this.dataSource.manager): Promise<string[]> {
    const rows: { timezone: string }[] = await tx.query(
      `SELECT DISTINCT s.timezone FROM site s
         JOIN agreement_party party ON party.agreement_id = s.agreement_id AND party.agency_id = $1
       UNION
       SELECT timezone FROM agency WHERE id = $1
          AND NOT EXISTS (SELECT 1 FROM site s JOIN agreement_party party ON party.agreement_id = s.agreement_id AND party.agency_id = $1)`,
      [bapasId],
    );
    return rows.map((row) => row.timezone);
  }

  /** Read model: from assignment, the bookings at those sites that have not started (what a re-plan may move). */
  async scheduledBookings(siteIds: string[], now: Date, tx: Tx = this.dataSource.manager): Promise<ScheduledBooking[]> {
    const rows: BookingRow[] = await tx.query(
      `SELECT id, order_id, shift_id, site_id, local_date, planned_minutes FROM assignment
        WHERE site_id = ANY($1) AND status = 'scheduled' AND starts_at > $2 ORDER BY starts_at, id`,
      [siteIds, now],
    );
    return rows.map((row) => ({
      assignmentId: row.id,
      orderId: row.order_id,
      shiftId: row.shift_id,
      siteId: row.site_id,
      date: row.local_date,
      plannedMinutes: row.planned_minutes,
      travelMeters: 0,
    }));
  }

  /**
   * Read model: from shift and site_coordinator, the shifts of those sites in [from, to] that have not started;
   * full ones too, for the bound and the explanations.
   */
  async shifts(
    siteIds: string[],
    from: string,
    to: string,
    now: Date,
    tx: Tx = this.dataSource.manager,
  ): Promise<PlanShift[]> {
    const rows: ShiftRow[] = await tx.query(
      `SELECT sh.id, sh.site_id, sh.date, sh.start_time, sh.end_time, sh.starts_at, sh.planned_minutes,
              sh.capacity - sh.booked_count AS free_seats,
              (sh.coordinator_id IS NOT NULL OR EXISTS (SELECT 1 FROM site_coordinator c WHERE c.site_id = sh.site_id)) AS coordinated
         FROM shift sh
        WHERE sh.site_id = ANY($1) AND sh.date BETWEEN $2 AND $3 AND sh.starts_at > $4
        ORDER BY sh.date, sh.start_time, sh.id`,
      [siteIds, from, to, now],
    );
    return rows.map((row) => ({
      id: row.id,
      siteId: row.site_id,
      date: row.date,
      start: row.start_time,
      end: row.end_time,
      startsAt: row.starts_at,
      plannedMinutes: row.planned_minutes,
      freeSeats: row.free_seats,
      coordinated: row.coordinated,
    }));
  }
}

interface BookingRow {
  id: string;
  order_id: string;
  shift_id: string;
  site_id: string;
  local_date: string;
  planned_minutes: number;
}

interface OrderRow {
  id: string;
  case_number: string;
  regime: PlanOrder['regime'];
  max_hours_per_day: number;
  start_date: string;
  end_date: string;
  need: number;
  full_name: string;
  religion: string | null;
  worship_defaults: boolean;
  in_school: boolean;
  unavailable: PlanOrder['person']['unavailable'];
  home_lat: number | null;
  home_lng: number | null;
  booked_dates: string[];
}

interface SiteRow {
  id: string;
  name: string;
  lat: number;
  lng: number;
  minors_allowed: boolean;
  valid_from: string;
  valid_to: string;
  closed_dates: string[];
}

interface ShiftRow {
  id: string;
  site_id: string;
  date: string;
  start_time: string;
  end_time: string;
  starts_at: Date;
  planned_minutes: number;
  free_seats: number;
  coordinated: boolean;
}
