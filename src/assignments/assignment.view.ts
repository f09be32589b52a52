import { Assignment } from './assignment.entity.js';

const location = (lat: number | null, lng: number | null) => (lat === null || lng === null ? null : { lat, lng });

/** What a view shows of an assignment's row. */
export type AssignmentState = Omit<
  Assignment,
  'createdBy' | 'createdAt' | 'updatedAt' | 'noShowFlaggedAt' | 'openCheckInFlaggedAt'
>;

/** The assignment with its attendance, as every reader in scope sees it (only the person's name: R-30). */
export function toAssignmentView(a: AssignmentState, personName: string) {
  return {
    id: a.id,
    orderId: a.orderId,
    shiftId: a.shiftId,
    siteId: a.siteId,
    person: { id: a.personId, fullName: personName },
    status: a.status,
    date: a.localDate,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    plannedMinutes: a.plannedMinutes,
    checkIn: a.checkInAt && {
      at: a.checkInAt,
      receivedAt: a.checkInReceivedAt,
      location: location(a.checkInLat, a.checkInLng),
      distanceMeters: a.checkInDistanceMeters,
      outsideRadius: a.checkInOutsideRadius,
      recordedBy: a.checkedInBy,
    },
    checkOut: a.checkOutAt && {
      at: a.checkOutAt,
      receivedAt: a.checkOutReceivedAt,
      location: location(a.checkOutLat, a.checkOutLng),
      distanceMeters: a.checkOutDistanceMeters,
      outsideRadius: a.checkOutOutsideRadius,
      recordedBy: a.confirmedBy,
    },
    penaltyMinutes: a.penaltyMinutes,
    workedMinutes: a.workedMinutes,
    confirmationNote: a.confirmationNote,
    absence: a.absenceRecordedAt && {
      reason: a.absenceReason,
      recordedBy: a.absenceRecordedBy,
      recordedAt: a.absenceRecordedAt,
      decision: a.absenceDecidedAt && {
        excused: a.status === 'excused',
        reason: a.absenceDecisionReason,
        decidedBy: a.absenceDecidedBy,
        decidedAt: a.absenceDecidedAt,
      },
    },
    creditedMinutes: a.creditedMinutes,
    signOff: a.signedOffAt && { by: a.signedOffBy, at: a.signedOffAt, note: a.signOffNote },
    cancellation: a.cancelledAt && { reason: a.cancelReason, by: a.cancelledBy, at: a.cancelledAt },
  };
}

export type AssignmentView = ReturnType<typeof toAssignmentView>;

/**
 * what a coordinator sees of a booking is what the roll-call needs. The supervisor's words (why an absence was
 * excused, why a booking was cancelled, a sign-off's note: often health or family) are not for the site.
 */
export function forTheSite<T extends AssignmentView>(view: T): T {
  return {
    ...view,
    absence: view.absence && {
      ...view.absence,
      decision: view.absence.decision && { ...view.absence.decision, reason: null },
    },
    signOff: view.signOff && { ...view.signOff, note: null },
    cancellation: view.cancellation && { ...view.cancellation, reason: null },
  };
}

/** The site of a listed assignment: its name, and its zone, in which the assignment's times are read. */
export interface AssignmentSite {
  id: string;
  name: string;
  timezone: string;
}

/** An assignment in an order's or a shift's list: with its site, so that a reader who may not read the site sees where. */
export type AssignmentListItem = AssignmentView & { site: AssignmentSite };
