import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { coordinatesSite, partyToAgreement, relatedToPerson } from '../access/access.conditions.js';
import { entityColumns } from '../database/entity-columns.js';
import { prepared } from '../database/prepared.js';
import type { Tx } from '../database/transactions.js';
import { outboxInsert } from '../jobs/outbox.service.js';
import type { PlannedJob } from '../jobs/jobs.js';
import type { Regime } from '../orders/order.rules.js';
import { Assignment } from './assignment.entity.js';
import type { AssignmentSite } from './assignment.view.js';

/** A statement's companion, such as the audit chain's lock, given the number of its first parameter. */
export type Alongside = (first: number) => { sql: string; params: unknown[] };

export interface BookedOrder {
  id: string;
  personId: string;
  bapasId: string;
  kejaksaanId: string;
  status: string;
  regime: Regime;
  startDate: string;
  endDate: string;
  maxHoursPerDay: number;
  fullName: string;
  religion: string | null;
  inSchool: boolean;
  worshipDefaults: boolean;
  unavailable: { weekday: number; from: string; to: string }[];
}

export interface BookingFacts {
  id: string;
  siteId: string;
  date: string;
  startTime: string;
  endTime: string;
  startsAt: Date;
  endsAt: Date;
  plannedMinutes: number;
  timezone: string;
  minorsAllowed: boolean;
  usable: boolean;
  validFrom: string | null;
  validTo: string | null;
  holiday: string | null;
  sameDayMinutes: number;
  overlaps: boolean;
  officialYears: number[];
}

export type NewBooking = Pick<
  Assignment,
  | 'id'
  | 'orderId'
  | 'personId'
  | 'shiftId'
  | 'siteId'
  | 'localDate'
  | 'startsAt'
  | 'endsAt'
  | 'plannedMinutes'
  | 'createdBy'
>;

/** Where an assignment is worked: its site's location and radius, its shift's break. */
export interface Workplace {
  lat: number;
  lng: number;
  radiusMeters: number;
  breakMinutes: number;
}

export type Cancellation = Pick<Assignment, 'cancelReason' | 'cancelledBy' | 'cancelledAt'>;

/** The flags of R-20: set once, never a state change. */
const FLAG_COLUMNS = { noShowFlaggedAt: 'no_show_flagged_at', openCheckInFlaggedAt: 'open_check_in_flagged_at' };
const INSTANT_COLUMNS = { startsAt: 'starts_at', endsAt: 'ends_at' };
export type AttendanceFlag = keyof typeof FLAG_COLUMNS;

/** The order and its person as a booking reads them (court_order o, person p). */
const BOOKED_ORDER_COLUMNS = `o.id, o.person_id AS "personId", o.bapas_id AS "bapasId", o.kejaksaan_id AS "kejaksaanId",
  o.status, o.regime, o.start_date AS "startDate", o.end_date AS "endDate", o.max_hours_per_day AS "maxHoursPerDay",
  p.full_name AS "fullName", p.religion, p.in_school AS "inSchool", p.worship_defaults AS "worshipDefaults",
  p.unavailable`;

/**
 * The facts of a booking of the person `personId` under the Bapas `bapasId` (SQL expressions) on the shift `s` at
 * `site` with its agreement `g`, but the official calendar years.
 */
function bookingFactColumns(personId: string, bapasId: string): string {
  return `s.id, s.site_id AS "siteId", s.date, s.start_time AS "startTime", s.end_time AS "endTime",
    s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.planned_minutes AS "plannedMinutes",
    site.timezone, site.minors_allowed AS "minorsAllowed",
    ${partyToAgreement('site.agreement_id', bapasId)} AS usable,
    g.valid_from AS "validFrom", g.valid_to AS "validTo",
    (SELECT h.name FROM holiday h JOIN agency host ON host.id = site.agency_id
      WHERE h.date = s.date AND h.region IN ('', host.region)
        AND NOT EXISTS (SELECT 1 FROM site_open_date o WHERE o.site_id = site.id AND o.date = h.date)
      ORDER BY h.region LIMIT 1) AS holiday,
    (SELECT coalesce(sum(a.planned_minutes), 0)::int FROM assignment a
      WHERE a.person_id = ${personId} AND a.local_date = s.date AND a.status <> 'cancelled') AS "sameDayMinutes",
    EXISTS (SELECT 1 FROM assignment a WHERE a.person_id = ${personId} AND a.status <> 'cancelled'
               AND tstzrange(a.starts_at, a.ends_at) && tstzrange(s.starts_at, s.ends_at)) AS overlaps`;
}

/** The bookings (assignment) and the read models of booking, attendance and rosters. */
@Injectable()
export class AssignmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(id: string, lock: boolean, tx: Tx = this.dataSource.manager): Promise<Assignment | null> {
    return tx.findOne(Assignment, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async orderOf(id: string, tx: Tx = this.dataSource.manager): Promise<string | null> {
    const [row] = await tx.query(prepared('assignment-order', `SELECT order_id FROM assignment WHERE id = $1`), [id]);
    return row?.order_id ?? null;
  }

  /** An order's scheduled assignments (starting after `from`, when given), locked. */
  lockScheduled(orderId: string, from: Date | undefined, tx: Tx = this.dataSource.manager): Promise<Assignment[]> {
    return tx.find(Assignment, {
      where: { orderId, status: 'scheduled', ...(from ? { startsAt: MoreThan(from) } : {}) },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * Read model: the order (court_order) with its person (person), the order row locked (a booking waits for a
   * sign-off that completes the order, and for another booking of the same person), then the site of the shift
   * (site) share-locked on its key in the same statement.: a correction of the site locks it FOR UPDATE,
   * so it waits for the bookings that read the site before it, and lists them; a booking that comes after it waits
   * here and reads the corrected site. KEY SHARE is what the booking's own foreign key takes anyway: bookings don't
   * wait on each other here.
   */
  async lockOrderForBooking(
    orderId: string,
    shiftId: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<BookedOrder | undefined> {
    const [locked] = await tx.query(
      prepared(
        'booking-order',
        `WITH ordered AS MATERIALIZED (
         SELECT ${BOOKED_ORDER_COLUMNS} FROM court_order o JOIN person p ON p.id = o.person_id WHERE o.id = $1 FOR UPDATE)
       SELECT ordered.*, (SELECT site.id FROM shift s JOIN site ON site.id = s.site_id WHERE s.id = $2
                           FOR KEY SHARE OF site) AS "lockedSiteId"
         FROM ordered`,
      ),
      [orderId, shiftId],
    );
    if (!locked) return undefined;
    const { lockedSiteId: _, ...order } = locked;
    return order;
  }

  /**
   * The sites of these shifts (site) share-locked on their key, in the order of their ids: a batch's bookings, as
   * `lockOrderForBooking` locks a single booking's site (after the orders and persons, before the seats).
   */
  async lockSitesForBooking(shiftIds: string[], tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.query(
      `SELECT id FROM site WHERE id IN (SELECT site_id FROM shift WHERE id = ANY($1::uuid[])) ORDER BY id FOR KEY SHARE`,
      [shiftIds],
    );
  }

  /**
   * Read model: every fact the booking rules need, in one statement: the shift (shift), its site (site), the
   * agreement and whether the Bapas is a party to it (agreement, agreement_party), a closing holiday (holiday,
   * agency, site_open_date), the person's other bookings that day, and the official calendar years (holiday_year).
   */
  async bookingFacts(
    shiftId: string,
    personId: string,
    bapasId: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<BookingFacts | undefined> {
    const [facts] = await tx.query(
      prepared(
        'booking-facts',
        `SELECT ${bookingFactColumns('$2', '$3')}, ARRAY(SELECT year FROM holiday_year WHERE official) AS "officialYears"
         FROM shift s JOIN site ON site.id = s.site_id LEFT JOIN agreement g ON g.id = site.agreement_id
        WHERE s.id = $1`,
      ),
      [shiftId, personId, bapasId],
    );
    return facts;
  }

  /**
   * The seat (`seat`: an UPDATE returning the shift's id when it took one), the booking (written only with the
   * seat) and its jobs in one statement, which then runs `alongside`. False when the seat was not taken: the
   * caller rolls back.
   */
  async insertBooking(
    booking: NewBooking,
    jobs: PlannedJob[],
    seat: Alongside,
    alongside: Alongside,
    tx: Tx = this.dataSource.manager,
  ): Promise<boolean> {
    const seatTaking = seat(11);
    const jobsInsert = outboxInsert(jobs, 11 + seatTaking.params.length);
    const extra = alongside(11 + seatTaking.params.length + jobsInsert.params.length);
    // The seat's row lock comes before `alongside` (the count is read before the select list is computed).
    const [{ taken }] = await tx.query(
      prepared(
        'booking',
        `WITH seat AS (${seatTaking.sql}),
       booked AS (
         INSERT INTO assignment (id, order_id, person_id, shift_id, site_id, local_date, starts_at, ends_at,
                                 planned_minutes, status, created_by)
         SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6::date, $7::timestamptz, $8::timestamptz,
                $9::int, 'scheduled', $10::uuid FROM seat),
       jobs AS (${jobsInsert.sql})
       SELECT seats.taken, ${extra.sql} FROM (SELECT count(*)::int AS taken FROM seat) seats`,
      ),
      [
        booking.id,
        booking.orderId,
        booking.personId,
        booking.shiftId,
        booking.siteId,
        booking.localDate,
        booking.startsAt,
        booking.endsAt,
        booking.plannedMinutes,
        booking.createdBy,
        ...seatTaking.params,
        ...jobsInsert.params,
        ...extra.params,
      ],
    );
    return taken === 1;
  }

  /** Cancels a booking and gives its seat back (`seat`) in one statement, which then runs `alongside`. */
  async cancel(
    id: string,
    cancellation: Cancellation,
    seat: Alongside,
    alongside: Alongside,
    tx: Tx = this.dataSource.manager,
  ) {
    const seatGiving = seat(5);
    const extra = alongside(5 + seatGiving.params.length);
    // The seat's row lock comes before `alongside` (the count is read before the select list is computed).
    await tx.query(
      prepared(
        'cancellation',
        `WITH seat AS (${seatGiving.sql}),
       cancelled AS (UPDATE assignment SET status = 'cancelled', cancel_reason = $2, cancelled_by = $3,
                                 cancelled_at = $4, updated_at = now() WHERE id = $1)
       SELECT ${extra.sql} FROM (SELECT count(*) FROM seat) seats`,
      ),
      [
        id,
        cancellation.cancelReason,
        cancellation.cancelledBy,
        cancellation.cancelledAt,
        ...seatGiving.params,
        ...extra.params,
      ],
    );
  }

  /** Writes the fields of the assignment that differ from `before` in one UPDATE, which also runs `alongside`. */
  async update(before: Assignment, after: Assignment, alongside: Alongside, tx: Tx = this.dataSource.manager) {
    const metadata = tx.connection.getMetadata(Assignment);
    const changed = (Object.keys(after) as (keyof Assignment)[]).filter((key) =>
      after[key] instanceof Date
        ? after[key].getTime() !== (before[key] as Date | null)?.getTime()
        : after[key] !== before[key],
    );
    const sets = changed.map((key, i) => `${metadata.findColumnWithPropertyName(key)!.databaseName} = $${i + 2}`);
    const extra = alongside(changed.length + 2);
    await tx.query(
      prepared(
        'assignment-update',
        `WITH changed AS (UPDATE assignment SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1) SELECT ${extra.sql}`,
      ),
      [after.id, ...changed.map((key) => after[key]), ...extra.params],
    );
  }

  /** a reversal takes the minutes back from the assignment's credit. */
  async takeBackCredit(id: string, minutes: number, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.decrement(Assignment, { id }, 'creditedMinutes', minutes);
  }

  /** The assignments in `status` whose flag is not set, with `instant` in [earliest, latest). */
  async dueForFlag(
    due: { status: Assignment['status']; flag: AttendanceFlag; instant: keyof typeof INSTANT_COLUMNS },
    latest: Date,
    earliest: Date,
    tx: Tx = this.dataSource.manager,
  ): Promise<string[]> {
    const instant = INSTANT_COLUMNS[due.instant];
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM assignment WHERE status = $1 AND ${FLAG_COLUMNS[due.flag]} IS NULL
          AND ${instant} <= $2 AND ${instant} > $3`,
      [due.status, latest, earliest],
    );
    return rows.map((row) => row.id);
  }

  async setFlag(id: string, flag: AttendanceFlag, at: Date, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.update(Assignment, { id }, { [flag]: at });
  }

  /**
   * Read model: the assignment locked, its person's name (person), whether the user coordinates at its site
   * (site_coordinator), whether the user is related to the person (conflict_of_interest), and where it is worked
   * (as `workplace` reads it).
   */
  async lockForCoordinator(
    id: string,
    userId: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<
    (Assignment & { personName: string; coordinates: boolean; related: boolean; workplace: Workplace }) | undefined
  > {
    const [row] = await tx.query(
      prepared(
        'assignment-for-coordinator',
        `SELECT ${this.columns()}, p.full_name AS "personName",
              ${coordinatesSite('a.site_id', '$2')} AS "coordinates", ${relatedToPerson('a.person_id', '$2')} AS "related",
              json_build_object('lat', site.lat, 'lng', site.lng, 'radiusMeters', site.radius_meters,
                                'breakMinutes', shift.break_minutes) AS workplace
         FROM assignment a JOIN person p ON p.id = a.person_id JOIN site ON site.id = a.site_id
              JOIN shift ON shift.id = a.shift_id
        WHERE a.id = $1 FOR UPDATE OF a`,
      ),
      [id, userId],
    );
    return row;
  }

  /**
   * Read model: the assignment locked, its person's name (person), whether the user, and the author of its
   * confirmation, are related to the person (conflict_of_interest).
   */
  async lockForSupervisor(
    id: string,
    userId: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<Assignment & { personName: string; related: boolean; confirmerRelated: boolean }> {
    const [row] = await tx.query(
      prepared(
        'assignment-for-supervisor',
        `SELECT ${this.columns()}, p.full_name AS "personName",
              ${relatedToPerson('a.person_id', '$2')} AS "related",
              ${relatedToPerson('a.person_id', 'a.confirmed_by')} AS "confirmerRelated"
         FROM assignment a JOIN person p ON p.id = a.person_id WHERE a.id = $1 FOR UPDATE OF a`,
      ),
      [id, userId],
    );
    return row;
  }

  /** Read model: a person's name (person). */
  async personName(personId: string, tx: Tx = this.dataSource.manager): Promise<string> {
    const [row] = await tx.query(`SELECT full_name FROM person WHERE id = $1`, [personId]);
    return row.full_name;
  }

  /**
   * Read model: person, site. A page of an order's or a shift's assignments, with the person's name and Bapas
   * (whose order it is, R-30) and the site's name and zone (R-22: the times are the site's), and the total.
   */
  async page(
    where: { orderId: string } | { shiftId: string },
    page: { limit: number; offset: number },
    tx: Tx = this.dataSource.manager,
  ): Promise<{ rows: (Assignment & { personName: string; bapasId: string; site: AssignmentSite })[]; total: number }> {
    const [column, id] = 'orderId' in where ? ['order_id', where.orderId] : ['shift_id', where.shiftId];
    const rows: (Assignment & { personName: string; bapasId: string; site: AssignmentSite; total: number })[] =
      await tx.query(
        prepared(
          'assignment-page',
          `SELECT ${this.columns()}, p.full_name AS "personName", p.bapas_id AS "bapasId",
              json_build_object('id', s.id, 'name', s.name, 'timezone', s.timezone) AS site, count(*) OVER ()::int AS total
         FROM assignment a JOIN person p ON p.id = a.person_id JOIN site s ON s.id = a.site_id
        WHERE a.${column} = $1 ORDER BY a.starts_at, p.full_name LIMIT $2 OFFSET $3`,
        ),
        [id, page.limit, page.offset],
      );
    const total =
      rows[0]?.total ?? (await tx.query(`SELECT count(*)::int AS n FROM assignment WHERE ${column} = $1`, [id]))[0].n;
    return { rows: rows.map(({ total: _, ...row }) => row), total };
  }

  /** Read model: a shift's confirmed bookings under a Bapas's orders (court_order), with the persons' names (person). */
  confirmedOnShift(
    shiftId: string,
    bapasId: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<{ id: string; personName: string }[]> {
    return tx.query(
      `SELECT a.id, p.full_name AS "personName" FROM assignment a
         JOIN court_order o ON o.id = a.order_id JOIN person p ON p.id = a.person_id
        WHERE a.shift_id = $1 AND a.status = 'checked_out' AND o.bapas_id = $2
        ORDER BY p.full_name`,
      [shiftId, bapasId],
    );
  }

  private columns(): string {
    return entityColumns(this.dataSource, Assignment, 'a');
  }

  /**
   * Read model for a batch of bookings: the orders (court_order) with their persons (person), locked as a single
   * booking locks one of them, but all the orders first and then the persons, each in the order of their ids: a
   * person with several orders is locked after all of them, so a single booking (order, then its person) and the
   * batch never wait on each other in a cycle.
   */
  async lockOrdersForBatch(orderIds: string[], tx: Tx = this.dataSource.manager): Promise<BookedOrder[]> {
    await tx.query(`SELECT id FROM court_order WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [orderIds]);
    return tx.query(
      `SELECT ${BOOKED_ORDER_COLUMNS} FROM court_order o JOIN person p ON p.id = o.person_id WHERE o.id = ANY($1::uuid[])
        ORDER BY p.id FOR UPDATE OF p`,
      [orderIds],
    );
  }

  /**
   * Read model: the facts of `bookingFacts` for many (shift, person, Bapas) at once, in one statement, in the
   * order asked (undefined where the shift does not exist); the official calendar years are not read.
   */
  async batchBookingFacts(
    pairs: { shiftId: string; personId: string | null; bapasId: string | null }[],
    tx: Tx = this.dataSource.manager,
  ): Promise<(Omit<BookingFacts, 'officialYears'> | undefined)[]> {
    const rows: (Omit<BookingFacts, 'officialYears'> & { n: number })[] = await tx.query(
      `SELECT q.n::int AS n, ${bookingFactColumns('q.person_id', 'q.bapas_id')}
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) WITH ORDINALITY AS q (shift_id, person_id, bapas_id, n)
         JOIN shift s ON s.id = q.shift_id JOIN site ON site.id = s.site_id
         LEFT JOIN agreement g ON g.id = site.agreement_id`,
      [pairs.map((pair) => pair.shiftId), pairs.map((pair) => pair.personId), pairs.map((pair) => pair.bapasId)],
    );
    const facts = new Array<Omit<BookingFacts, 'officialYears'> | undefined>(pairs.length);
    for (const { n, ...row } of rows) facts[n - 1] = row;
    return facts;
  }

  /** Many bookings and all their jobs in one statement, which also runs `alongside`. */
  async insertBookings(
    bookings: NewBooking[],
    jobs: PlannedJob[],
    alongside: Alongside,
    tx: Tx = this.dataSource.manager,
  ): Promise<void> {
    const jobsInsert = outboxInsert(jobs, 11);
    const extra = alongside(11 + jobsInsert.params.length);
    const column = <K extends keyof NewBooking>(key: K) => bookings.map((booking) => booking[key]);
    const instants = (key: 'startsAt' | 'endsAt') => bookings.map((booking) => booking[key].toISOString());
    await tx.query(
      `WITH booked AS (
         INSERT INTO assignment (id, order_id, person_id, shift_id, site_id, local_date, starts_at, ends_at,
                                 planned_minutes, status, created_by)
         SELECT id, order_id, person_id, shift_id, site_id, local_date, starts_at, ends_at, planned_minutes,
                'scheduled', created_by
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::date[], $7::timestamptz[],
                       $8::timestamptz[], $9::int[], $10::uuid[])
             AS b (id, order_id, person_id, shift_id, site_id, local_date, starts_at, ends_at, planned_minutes,
                   created_by)),
       jobs AS (${jobsInsert.sql})
       SELECT ${extra.sql}`,
      [
        column('id'),
        column('orderId'),
        column('personId'),
        column('shiftId'),
        column('siteId'),
        column('localDate'),
        instants('startsAt'),
        instants('endsAt'),
        column('plannedMinutes'),
        column('createdBy'),
        ...jobsInsert.params,
        ...extra.params,
      ],
    );
  }
}
