import { EntityManager, In } from 'typeorm';
import { Assignment } from '../assignments/assignment.entity.js';
import { localDate, longDate, zoneAbbreviation } from '../common/local-time.js';
import { User } from '../identity/user.entity.js';
import { Order } from '../orders/order.entity.js';
import { Person } from '../persons/person.entity.js';
import { Shift } from '../shifts/shift.entity.js';
import { Site } from '../sites/site.entity.js';

/** Everything a message about one assignment needs, read in the handler's transaction. */
export interface ShiftContext {
  assignment: Assignment;
  shift: Shift;
  site: Site;
  person: Person;
  order: Order;
  /** The coordinator on duty for the shift, else every coordinator of the site. */
  coordinators: User[];
}

/** Null when the assignment is gone; locked when the handler will change it. */
export async function loadShiftContext(
  manager: EntityManager,
  assignmentId: string,
  lock = false,
): Promise<ShiftContext | null> {
  const assignment = await manager.findOne(Assignment, {
    where: { id: assignmentId },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!assignment) return null;
  const shift = await manager.findOneByOrFail(Shift, { id: assignment.shiftId });
  const site = await manager.findOneByOrFail(Site, { id: assignment.siteId });
  const coordinatorIds: string[] = shift.coordinatorId
    ? [shift.coordinatorId]
    : (await manager.query(`SELECT user_id FROM site_coordinator WHERE site_id = $1 ORDER BY user_id`, [site.id])).map(
        (row: { user_id: string }) => row.user_id,
      );
  return {
    assignment,
    shift,
    site,
    person: await manager.findOneByOrFail(Person, { id: assignment.personId }),
    order: await manager.findOneByOrFail(Order, { id: assignment.orderId }),
    coordinators: await manager.findBy(User, { id: In(coordinatorIds) }),
  };
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
