import { randomUUID } from 'node:crypto';
import type { BookedOrder, BookingFacts, NewBooking } from './assignment.repository.js';
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

/** A new booking of the order's person on the shift. */
export function newBooking(
  order: Pick<BookedOrder, 'id' | 'personId'>,
  shift: Pick<BookingFacts, 'id' | 'siteId' | 'date' | 'startsAt' | 'endsAt' | 'plannedMinutes'>,
): Omit<NewBooking, 'createdBy'> {
  return {
    id: randomUUID(),
    orderId: order.id,
    personId: order.personId,
    shiftId: shift.id,
    siteId: shift.siteId,
    localDate: shift.date,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    plannedMinutes: shift.plannedMinutes,
  };
}
