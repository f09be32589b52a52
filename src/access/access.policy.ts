import { Injectable } from '@nestjs/common';
import { DomainError, forbidden, notFound } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import type { Tx } from '../database/transactions.js';
import { hasMonthlyReport, mayReadMonthlyReport } from '../reports/report.rules.js';
import { AccessRepository, TRAIL_TYPES, type AssignmentFacts, type Facts } from './access.repository.js';
import {
  conflictOfInterest,
  mayAskReportOf,
  mayCallRoll,
  mayProsecute,
  maySeeAssignment,
  maySeeShifts,
  maySeeSite,
  maySeeTrail,
  maySupervise,
  mayScheduleAt,
  mayUseSite,
  ofOwnBapas,
  orderInScope,
  oversees,
  type Caller,
  type OrderFacts,
  type SiteFacts,
} from './access.rules.js';

defineMessages({
  'attendance.conflict_of_interest': {
    id: 'Anda memiliki hubungan dengan orang ini dan tidak boleh mencatat atau mengesahkan jamnya (R-27).',
    en: 'You are related to this person and may not record or sign off their hours (R-27).',
  },
  'oversight.no_region': {
    id: 'Akun pengawasan harus berada di Kanwil.',
    en: 'An oversight account must belong to a Kanwil.',
  },
});

/** A permission: how the facts of its ids are read, and which refusal (today's answer) each rule gives. */
interface Rule<F> {
  load: (repository: AccessRepository, user: Caller, ids: string[], tx?: Tx) => Promise<Facts<F>>;
  /** The answer for an id that does not exist. */
  missing: () => DomainError;
  /** The answer for an id the user may not touch, or null when they may. */
  refusal: (user: Caller, facts: F) => DomainError | null;
}

const rule = <F>(rule: Rule<F>) => rule;
const outOfScope = () => forbidden();
const roleNotAllowed = () => forbidden('auth.role_not_allowed');
const related = () => forbidden('attendance.conflict_of_interest');

/** out of scope first (403), then the role that may act on what is in scope (403, auth.role_not_allowed). */
const orderRule = (role: (user: Caller) => boolean) =>
  rule<OrderFacts>({
    load: (repository, _, ids, tx) => repository.orders(ids, tx),
    missing: () => notFound('order'),
    refusal: (user, order) => (!orderInScope(user, order) ? outOfScope() : !role(user) ? roleNotAllowed() : null),
  });

const siteRule = (allows: (user: Caller, site: SiteFacts) => boolean) =>
  rule<SiteFacts>({
    load: (repository, user, ids, tx) => repository.sites(user, ids, tx),
    missing: () => notFound('site'),
    refusal: (user, site) => (allows(user, site) ? null : outOfScope()),
  });

const shiftRule = (allows: (user: Caller, site: SiteFacts) => boolean) =>
  rule<SiteFacts>({
    load: (repository, user, ids, tx) => repository.shifts(user, ids, tx),
    missing: () => notFound('shift'),
    refusal: (user, site) => (allows(user, site) ? null : outOfScope()),
  });

/** the region a user oversees (null: every region, an administrator); 403 for a user of no Kanwil. */
async function regionOverseenBy(repository: AccessRepository, user: Caller, tx?: Tx): Promise<string | null> {
  if (user.role === 'admin') return null;
  const region = await repository.kanwilRegion(user.agencyId, tx);
  if (region === null) throw forbidden('oversight.no_region');
  return region;
}

const supervise = orderRule(maySupervise);

const trailRule = (entityType: string) =>
  rule<OrderFacts>({
    load: (repository, _, ids, tx) => repository.trailOwners(entityType, ids, tx),
    missing: outOfScope,
    refusal: (user, owner) => (maySeeTrail(user, owner) ? null : outOfScope()),
  });

/** Every permission a service asks for: what may this user do to these ids. */
const RULES = {
  /** the supervisors of the order's Bapas and the prosecutors of its Kejari. */
  'order.read': orderRule(() => true),
  /** a supervisor of the order's Bapas changes what happens under it (never an admin). */
  'order.supervise': supervise,
  /** a prosecutor of the order's Kejari decides on its breaches. */
  'order.prosecute': orderRule(mayProsecute),
  /** A breach report: admins, and those whose scope its order is in. */
  'breach.read': rule<OrderFacts>({
    load: (repository, _, ids, tx) => repository.breaches(ids, tx),
    missing: () => notFound('breach'),
    refusal: (user, order) => (user.role === 'admin' || orderInScope(user, order) ? null : outOfScope()),
  }),
  /** a supervisor works on the persons of their own Bapas. */
  'person.supervise': rule<{ bapasId: string }>({
    load: (repository, _, ids, tx) => repository.persons(ids, tx),
    missing: () => notFound('person'),
    refusal: (user, person) => (ofOwnBapas(user, person) ? null : outOfScope()),
  }),
  /** A plan of another Bapas is not there at all (404). */
  'plan.read': rule<{ bapasId: string }>({
    load: (repository, _, ids, tx) => repository.plans(ids, tx),
    missing: () => notFound('plan'),
    refusal: (user, plan) => (ofOwnBapas(user, plan) ? null : notFound('plan')),
  }),
  'site.read': siteRule(maySeeSite),
  /** A supervisor whose Bapas is a party to the site's agreement. */
  'site.use': siteRule(mayUseSite),
  /** Adding shifts: a supervisor who uses the site, or an admin. */
  'site.schedule': siteRule(mayScheduleAt),
  'site.coordinate': siteRule((_, site) => site.coordinates),
  /** A site's shifts: its coordinators, the supervisors who use it, admins. */
  'site.shifts': siteRule(maySeeShifts),
  /** A shift: as its site's shifts. */
  'shift.read': shiftRule(maySeeShifts),
  /** A shift's roll-call: not an admin's. */
  'shift.roster': shiftRule(mayCallRoll),
  'assignment.read': rule<AssignmentFacts>({
    load: (repository, user, ids, tx) => repository.assignments(user, ids, tx),
    missing: () => notFound('assignment'),
    refusal: (user, assignment) => (maySeeAssignment(user, assignment) ? null : outOfScope()),
  }),
  /** the site's coordinator records attendance, unless related to the person. */
  'assignment.record': rule<Pick<AssignmentFacts, 'coordinates' | 'related'>>({
    load: (repository, user, ids, tx) => repository.assignments(user, ids, tx),
    missing: () => notFound('assignment'),
    refusal: (_, assignment) =>
      !assignment.coordinates ? outOfScope() : conflictOfInterest(assignment) ? related() : null,
  }),
  /** a supervisor of the order's Bapas decides (cancels, signs off, judges an absence), unless related. */
  'assignment.decide': rule<OrderFacts & Pick<AssignmentFacts, 'related'>>({
    load: (repository, user, ids, tx) => repository.assignments(user, ids, tx),
    missing: () => notFound('assignment'),
    refusal: (user, assignment) =>
      supervise.refusal(user, assignment) ?? (conflictOfInterest(assignment) ? related() : null),
  }),
  'trail.order': trailRule('order'),
  'trail.assignment': trailRule('assignment'),
  'trail.ledger_entry': trailRule('ledger_entry'),
  'trail.person': trailRule('person'),
  /** a report asked of one's own agency (of any agency by an admin), before the agency is looked up. */
  'report.ask': rule<{ id: string }>({
    load: async (_, __, ids) => new Map(ids.map((id) => [id, { id }])),
    missing: outOfScope,
    refusal: (user, agency) => (mayAskReportOf(user, agency.id) ? null : outOfScope()),
  }),
  /** the monthly report of one's own agency (any agency for an admin), in the role it is for. */
  'report.read': rule<{ id: string; kind: string }>({
    load: (repository, _, ids, tx) => repository.agencies(ids, tx),
    missing: () => notFound('agency'),
    refusal: (user, agency) =>
      !mayAskReportOf(user, agency.id)
        ? outOfScope()
        : !hasMonthlyReport(agency.kind) || !mayReadMonthlyReport(user, { id: agency.id, kind: agency.kind })
          ? roleNotAllowed()
          : null,
  }),
  /** a signal of a Bapas in the region the user oversees; another region's is not there (404). */
  'signal.read': rule<{ bapasRegion: string; overseenRegion: string | null }>({
    load: async (repository, user, ids, tx) => {
      const overseenRegion = await regionOverseenBy(repository, user, tx);
      const signals = await repository.signals(ids, tx);
      return new Map([...signals].map(([id, { bapasRegion }]) => [id, { bapasRegion, overseenRegion }]));
    },
    missing: () => notFound('misuse signal'),
    refusal: (user, signal) =>
      oversees(user, signal.overseenRegion, signal.bapasRegion) ? null : notFound('misuse signal'),
  }),
};

export type Permission = keyof typeof RULES;
export type FactsOf<P extends Permission> = (typeof RULES)[P] extends Rule<infer F> ? F : never;

const ruleOf = (permission: Permission) => RULES[permission] as unknown as Rule<unknown>;

function refuse(user: Caller, rule: Rule<unknown>, facts: unknown): void {
  if (facts === undefined) throw rule.missing();
  const refusal = rule.refusal(user, facts);
  if (refusal) throw refusal;
}

/**
 * The one access policy, in the spirit of Immich's requireAccess: every service asks it "may
 * this user do this to these ids" and gets today's answers (404 for what is not there, or not there for them;
 * 403 with its code for what they may not touch). Controllers only declare roles.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly repository: AccessRepository) {}

  /** The ids of `ids` the user may touch under `permission` (one statement). */
  async checkAccess(user: Caller, permission: Permission, ids: Iterable<string>, tx?: Tx): Promise<Set<string>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Set();
    const rule = ruleOf(permission);
    const facts = await rule.load(this.repository, user, wanted, tx);
    return new Set(wanted.filter((id) => facts.has(id) && rule.refusal(user, facts.get(id)) === null));
  }

  /** Throws, for the first id the user may not touch, the answer its rule gives (one statement). */
  async requireAccess(user: Caller, permission: Permission, ids: Iterable<string>, tx?: Tx): Promise<void> {
    await this.requireAccessFacts(user, permission, ids, tx);
  }

  /** As requireAccess, and the facts it read, for a caller whose answer depends on them too. */
  async requireAccessFacts<P extends Permission>(
    user: Caller,
    permission: P,
    ids: Iterable<string>,
    tx?: Tx,
  ): Promise<Facts<FactsOf<P>>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rule = ruleOf(permission);
    const facts = await rule.load(this.repository, user, wanted, tx);
    for (const id of wanted) refuse(user, rule, facts.get(id));
    return facts as Facts<FactsOf<P>>;
  }

  /**
   * The same answer for a record the caller has loaded itself (null or undefined: not found), such as a hot path's
   * locked load that read the facts with the conditions of access.conditions.ts in the same statement; the record
   * back when the user may touch it.
   */
  requireLoaded<P extends Permission, R extends FactsOf<P>>(
    user: Caller,
    permission: P,
    record: R | null | undefined,
  ): R {
    refuse(user, ruleOf(permission), record ?? undefined);
    return record!;
  }

  /**
   * an audit trail. Admins read all of it; supervisors and prosecutors one entity at a time, whose
   * order is in their scope (anything else, and an entity not there, is 403).
   */
  async requireTrail(user: Caller, entity: { type?: string; id?: string }, tx?: Tx): Promise<void> {
    if (user.role === 'admin') return;
    if (!entity.type || !entity.id || !TRAIL_TYPES.includes(entity.type)) throw outOfScope();
    await this.requireAccess(user, `trail.${entity.type}` as Permission, [entity.id], tx);
  }

  shiftRule = (allows: (user: Caller, site: SiteFacts) => boolean) =>
    rule<SiteFacts>({
      load: (repository, user, ids, tx) => repository.shifts(user, ids, tx),
      missing: () => notFound('shift'),
      refusal: (user, site) => (allows(user, site) ? null : outOfScope()),
    });

  /** the region a user oversees (null: every region, an administrator); 403 for a user of no Kanwil. */
  overseenRegion(user: Caller, tx?: Tx): Promise<string | null> {
    return regionOverseenBy(this.repository, user, tx);
  }
}
