import type { BookedOrder, BookingFacts } from './assignment.repository.js';
import type { BookingContext } from './booking.rules.js';

/** What the booking rules are given: the order and its person as locked, the shift's facts as read. */
export function bookingContext(
  now: Date,
  order: BookedOrder,
  shift: Omit<BookingFacts, 'officialYears'>,
): BookingContext {
  return {
    now,
    order,
    person: order,
    shift: {
      date: shift.date,
      start: shift.startTime,
      end: shift.endTime,
      startsAt: shift.startsAt,
      plannedMinutes: shift.plannedMinutes,
    },
    site: shift,
    agreement: shift.validFrom === null ? null : { validFrom: shift.validFrom, validTo: shift.validTo! },
    holiday: shift.holiday === null ? null : { name: shift.holiday },
    sameDayPlannedMinutes: shift.sameDayMinutes,
    overlapsAnotherBooking: shift.overlaps,
  };
}
