import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/local-time.js';
import { Locale, localize } from '../common/messages.js';
import { DeadlinesService } from '../deadlines/deadlines.service.js';
import type { BookingToReviewResponse, OrderAtRiskResponse, ShiftToSignOffResponse, WorklistResponse } from './dto.js';

/** R-20 POLICY: a booking with nobody checked in this long after its start is a suspected no-show. */
const NO_SHOW_AFTER_MINUTES = 30;
/** How far back the worklist looks for no-shows (older ones are the absences' business by then). */
const NO_SHOW_LOOKBACK_DAYS = 7;

interface BookingRow {
  assignment_id: string;
  order_id: string;
  person_name: string;
  shift_id: string;
  date: string;
  starts_at: Date;
  ends_at: Date;
  site_id: string;
  site_name: string;
  timezone: string;
  check_in_at: Date | null;
  check_out_at: Date | null;
  penalty_minutes: number | null;
  worked_minutes: number | null;
  note: string | null;
  confirmed_by: string | null;
  absence_reason: string | null;
  absence_recorded_by: string | null;
  notice: string | null;
}

/** A read model over bookings, orders, persons, sites and users; it never writes. */
@Injectable()
export class WorklistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
  ) {}

  async forSupervisor(actor: AuthUser, locale: Locale): Promise<WorklistResponse> {
    const rows = await this.bookings(actor.agencyId);
    const now = this.clock.now().getTime();
    const toSignOff = new Map<string, ShiftToSignOffResponse>();
    for (const row of rows.filter((r) => r.status === 'checked_out')) {
      const shift = toSignOff.get(row.shift_id) ?? {
        shiftId: row.shift_id,
        date: row.date,
        startsAt: row.starts_at.toISOString(),
        endsAt: row.ends_at.toISOString(),
        site: site(row),
        bookings: [],
      };
      shift.bookings.push({
        assignmentId: row.assignment_id,
        orderId: row.order_id,
        personName: row.person_name,
        checkInAt: row.check_in_at!.toISOString(),
        checkOutAt: row.check_out_at!.toISOString(),
        penaltyMinutes: row.penalty_minutes ?? 0,
        workedMinutes: row.worked_minutes ?? 0,
        note: row.note,
        confirmedBy: row.confirmed_by ?? '',
      });
      toSignOff.set(row.shift_id, shift);
    }
    const suspected = rows.filter(
      (r) =>
        r.status === 'scheduled' &&
        r.check_in_at === null &&
        r.starts_at.getTime() + NO_SHOW_AFTER_MINUTES * 60_000 < now,
    );
    const notices = rows.filter((r) => r.status === 'scheduled' && r.notice !== null && r.starts_at.getTime() > now);
    const risks = await this.risks(actor.agencyId, locale);
    return {
      toSignOff: [...toSignOff.values()],
      absences: rows.filter((r) => r.status === 'absent').map(review),
      suspectedNoShows: suspected.map(review),
      notices: notices.map(review),
      atRisk: risks.filter((o) => o.risks.some((r) => r.code === 'risk.cannot_finish')),
      nothingBooked: risks.filter((o) => o.risks.some((r) => r.code === 'risk.nothing_booked')),
    };
  }

  /** Each of the three kinds picked on its own (an index each) rather than by one OR over all of the Bapas's bookings. */
  private async bookings(bapasId: string): Promise<(BookingRow & { status: string })[]> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - NO_SHOW_LOOKBACK_DAYS * 86_400_000);
    return this.dataSource.query(
      `SELECT a.id AS assignment_id, a.order_id, a.status, p.full_name AS person_name, a.shift_id, a.local_date AS date,
              a.starts_at, a.ends_at, s.id AS site_id, s.name AS site_name, s.timezone,
              a.check_in_at, a.check_out_at, a.penalty_minutes, a.worked_minutes, a.confirmation_note AS note,
              confirmer.full_name AS confirmed_by, a.absence_reason, recorder.full_name AS absence_recorded_by,
              n.reason AS notice
         FROM (SELECT a.id FROM court_order o JOIN assignment a ON a.order_id = o.id
                WHERE o.bapas_id = $1 AND a.status IN ('checked_out', 'absent')
               UNION
               SELECT a.id FROM court_order o JOIN assignment a ON a.order_id = o.id
                WHERE o.bapas_id = $1 AND a.status = 'scheduled' AND a.starts_at BETWEEN $2 AND $3
               UNION
               SELECT a.id FROM absence_notice n JOIN assignment a ON a.id = n.assignment_id
                JOIN court_order o ON o.id = a.order_id
                WHERE o.bapas_id = $1 AND a.status = 'scheduled') picked
         JOIN assignment a ON a.id = picked.id
         JOIN person p ON p.id = a.person_id
         JOIN site s ON s.id = a.site_id
         LEFT JOIN app_user confirmer ON confirmer.id = a.confirmed_by
         LEFT JOIN app_user recorder ON recorder.id = a.absence_recorded_by
         LEFT JOIN absence_notice n ON n.assignment_id = a.id
        ORDER BY a.starts_at, p.full_name`,
      [bapasId, since, now],
    );
  }

  private async risks(bapasId: string, locale: Locale): Promise<OrderAtRiskResponse[]> {
    const bapas = await this.dataSource.manager.findOneByOrFail(Agency, { id: bapasId });
    const found = await this.deadlines.scan(bapas.timezone, localDate(this.clock.now(), bapas.timezone), bapasId);
    return found.map(({ order, person, risks }) => ({
      orderId: order.id,
      caseNumber: order.caseNumber,
      personName: person.fullName,
      endDate: order.endDate,
      remainingMinutes: order.requiredMinutes - order.creditedMinutes,
      risks: risks.map((risk) => ({ code: risk.code, message: localize(risk.code, locale, risk.params) })),
    }));
  }
}

const site = (row: BookingRow) => ({ id: row.site_id, name: row.site_name, timezone: row.timezone });

function review(row: BookingRow): BookingToReviewResponse {
  return {
    assignmentId: row.assignment_id,
    orderId: row.order_id,
    personName: row.person_name,
    date: row.date,
    startsAt: row.starts_at.toISOString(),
    site: site(row),
    reason: row.absence_reason,
    recordedBy: row.absence_recorded_by,
    notice: row.notice,
  };
}
