import { Injectable } from '@nestjs/common';
import { localDate, longDate, zoneAbbreviation } from '../common/local-time.js';
import type { Tx } from '../database/transactions.js';
import { ShiftContextRepository } from './shift-context.repository.js';

/** Everything a message about one assignment needs, read in the handler's transaction. */
export interface ShiftContext {
  assignment: {
    id: string;
    status: string;
    orderId: string;
    personId: string;
    shiftId: string;
    siteId: string;
    localDate: string;
    startsAt: Date;
    absenceDecisionReason: string | null;
    noShowFlaggedAt: Date | null;
    openCheckInFlaggedAt: Date | null;
  };
  shift: { id: string; coordinatorId: string | null; startsAt: Date; startTime: string; endTime: string };
  site: { id: string; name: string; address: string; timezone: string };
  person: { id: string; fullName: string };
  order: { id: string; supervisorId: string };
  /** The coordinator on duty for the shift, else every coordinator of the site. */
  coordinators: { id: string; fullName: string; phone: string | null }[];
}

/** The shift context of an assignment, for the modules that send messages about it. */
@Injectable()
export class ShiftContexts {
  constructor(private readonly contexts: ShiftContextRepository) {}

  /** Null when the assignment is gone; locked when the handler will change it. */
  load(tx: Tx, assignmentId: string, lock = false): Promise<ShiftContext | null> {
    return this.contexts.load(assignmentId, lock, tx);
  }
}

/** The words every shift message uses: site, address, local date and times with the zone, the coordinator. */
export function shiftWords(context: ShiftContext, locale: 'id' | 'en'): Record<string, string> {
  const { shift, site, person, coordinators } = context;
  return {
    person: person.fullName,
    site: site.name,
    address: site.address,
    date: longDate(localDate(shift.startsAt, site.timezone), locale),
    start: shift.startTime.slice(0, 5),
    end: shift.endTime.slice(0, 5),
    zone: zoneAbbreviation(site.timezone, shift.startsAt),
    coordinator:
      coordinators.map((user) => (user.phone ? `${user.fullName} (${user.phone})` : user.fullName)).join(', ') || '-',
  };
}
