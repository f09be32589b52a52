import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import type { Locale } from '../common/messages.js';
import { NextFlight } from './next-flight.js';
import { OrdersAtRisk } from './orders-at-risk.js';
import { type BookingRow, WorklistRepository } from './worklist.repository.js';
import type { BookingToReviewResponse, ShiftToSignOffResponse, WorklistResponse } from './dto.js';

/** R-20 POLICY: a booking with nobody checked in this long after its start is a suspected no-show. */
const NO_SHOW_AFTER_MINUTES = 30;
/** How far back the worklist looks for no-shows (older ones are the absences' business by then). */
const NO_SHOW_LOOKBACK_DAYS = 7;

type ToReview = Omit<WorklistResponse, 'atRisk' | 'nothingBooked'>;

/** A read model over bookings, orders, persons, sites and users; it never writes. */
@Injectable()
export class WorklistService {
  /** A Bapas's supervisors asking at once share a read (each read starts after the requests it answers arrived). */
  private readonly reviews = new NextFlight<ToReview>();

  constructor(
    private readonly worklist: WorklistRepository,
    private readonly ordersAtRisk: OrdersAtRisk,
    private readonly clock: Clock,
  ) {}

  async forSupervisor(actor: AuthUser, locale: Locale): Promise<WorklistResponse> {
    const [toReview, risks] = await Promise.all([
      this.reviews.join(actor.agencyId, () => this.toReview(actor.agencyId)),
      this.ordersAtRisk.of(actor.agencyId, locale),
    ]);
    return { ...toReview, ...risks };
  }

  private async toReview(bapasId: string): Promise<ToReview> {
    const clockNow = this.clock.now();
    const since = new Date(clockNow.getTime() - NO_SHOW_LOOKBACK_DAYS * 86_400_000);
    const rows = await this.worklist.toReview(bapasId, since, clockNow);
    const now = clockNow.getTime();
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
    return {
      toSignOff: [...toSignOff.values()],
      absences: rows.filter((r) => r.status === 'absent').map(review),
      suspectedNoShows: suspected.map(review),
      notices: notices.map(review),
    };
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
