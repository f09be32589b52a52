import type { Role } from '../common/auth/role.js';

/**
 * Who may do what to which records, as pure predicates over a user and the facts of a record.
 * The facts are gathered by AccessRepository (or by a hot path's own locked load, with the conditions of
 * access.conditions.ts); AccessPolicy turns a refusal into today's answer (404, 403 and its code).
 */
export interface Caller {
  id: string;
  role: Role;
  agencyId: string;
}

/** The two agencies an order belongs to (a person's records belong to a Bapas only: no Kejari). */
export interface OrderFacts {
  bapasId: string;
  kejaksaanId: string | null;
}

/** What the caller has to do with a site: their agency is a party to its agreement, they coordinate it. */
export interface SiteFacts {
  party: boolean;
  coordinates: boolean;
}

/** an order is the business of the supervisors of its Bapas and the prosecutors of its Kejari. */
export function orderInScope(user: Caller, order: OrderFacts): boolean {
  return (
    (user.role === 'supervisor' && order.bapasId === user.agencyId) ||
    (user.role === 'prosecutor' && order.kejaksaanId === user.agencyId)
  );
}

/**
 * the supervisor's words about a booking (why an absence was excused, why it was cancelled, a sign-off's note:
 * often health or family) are for those whose order it is, not for everyone who may read the roll-call.
 */
export function maySeeSupervisorsWords(user: Caller, order: OrderFacts): boolean {
  return orderInScope(user, order);
}

/**
 * only a supervisor changes what happens under an order (books, decides, signs off, credits): never
 * an administrator, who manages users, agencies, agreements and sites but cannot credit hours.
 */
export function maySupervise(user: Caller): boolean {
  return user.role === 'supervisor';
}

/** only a prosecutor of the order's Kejari decides on a breach. */
export function mayProsecute(user: Caller): boolean {
  return user.role === 'prosecutor';
}

/** a supervisor works only on the persons (and the plans) of their own Bapas. */
export function ofOwnBapas(user: Caller, record: { bapasId: string }): boolean {
  return record.bapasId === user.agencyId;
}

/** a site is seen by admins, by the agencies party to its agreement, and by its coordinators. */
export function maySeeSite(user: Caller, site: SiteFacts): boolean {
  return user.role === 'admin' || site.party || site.coordinates;
}

/** A Bapas may plan work at a site only when it is a party to the site's agreement: its supervisors use it. */
export function mayUseSite(user: Caller, site: SiteFacts): boolean {
  return user.role === 'supervisor' && site.party;
}

/** Shifts are added at a site by the supervisors who use it, and by admins anywhere. */
export function mayScheduleAt(user: Caller, site: SiteFacts): boolean {
  return user.role === 'admin' || mayUseSite(user, site);
}

/** a shift's roll-call (who comes) is for the site's coordinators and the supervisors who use it. */
export function mayCallRoll(user: Caller, site: SiteFacts): boolean {
  return mayUseSite(user, site) || site.coordinates;
}

/** a site's shifts are seen by those who call their roll, and by admins. */
export function maySeeShifts(user: Caller, site: SiteFacts): boolean {
  return user.role === 'admin' || mayCallRoll(user, site);
}

/** an assignment is seen by its site's coordinators and by those whose scope its order is in. */
export function maySeeAssignment(user: Caller, assignment: OrderFacts & { coordinates: boolean }): boolean {
  return assignment.coordinates || orderInScope(user, assignment);
}

/**
 * a user related to the person (a declared conflict of interest) confirms no attendance of theirs and signs
 * off none of their hours.
 */
export function conflictOfInterest(facts: { related: boolean }): boolean {
  return facts.related;
}

/** an entity's audit trail is read by admins and by those whose scope its order is in. */
export function maySeeTrail(user: Caller, owner: OrderFacts): boolean {
  return user.role === 'admin' || orderInScope(user, owner);
}

/** a user asks for the reports of their own agency only (admins of any). */
export function mayAskReportOf(user: Caller, agencyId: string): boolean {
  return user.role === 'admin' || user.agencyId === agencyId;
}

/** a Kanwil oversees the Bapas of its region; an administrator every region. */
export function oversees(user: Caller, overseenRegion: string | null, bapasRegion: string): boolean {
  return user.role === 'admin' || (overseenRegion !== null && overseenRegion === bapasRegion);
}
