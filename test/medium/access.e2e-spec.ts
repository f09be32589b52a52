import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { siteVisible } from '../../src/access/access.conditions.js';
import { AccessPolicy, type Permission } from '../../src/access/access.policy.js';
import { AccessRepository } from '../../src/access/access.repository.js';
import { AgenciesService } from '../../src/agencies/agencies.service.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { DomainError } from '../../src/common/domain-error.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { World, type Actor } from '../support/world.js';

/** Each actor of the World: its role and its agency. */
const WHO: Record<Actor, [AuthUser['role'], string]> = {
  admin: ['admin', 'kanwil'],
  supervisor: ['supervisor', 'bapas'],
  supervisor2: ['supervisor', 'bapas'],
  otherBapasSupervisor: ['supervisor', 'otherBapas'],
  coordinatorA: ['coordinator', 'opd'],
  coordinatorB: ['coordinator', 'opd'],
  prosecutor: ['prosecutor', 'kejari'],
  otherProsecutor: ['prosecutor', 'otherKejari'],
  oversight: ['oversight', 'kanwil'],
};

/**
 * The access policy on the real PostgreSQL (R-26, R-27, R-29): a world of two Bapas (only one a party to the
 * sites' agreement), two Kejari, coordinators of one site each, and a supervisor of the Bapas who coordinates
 * site A and is related to the person booked there. Each permission is asked for allowed, refused and missing ids.
 */
describe('AccessPolicy', () => {
  let t: TestApp;
  let w: World;
  let policy: AccessPolicy;
  const id: Record<string, string> = {};
  const missing = randomUUID();
  const as = (actor: Actor): AuthUser => ({
    id: w.ids[actor],
    username: actor,
    fullName: actor,
    role: WHO[actor][0],
    agencyId: w.ids[WHO[actor][1]],
  });

  beforeAll(async () => {
    t = await startTestApp();
    w = await World.build(t);
    policy = t.app.get(AccessPolicy);
    id.p1 = await w.person();
    id.p2 = await w.person();
    id.o1 = await w.order(id.p1);
    id.o2 = await w.order(id.p2, { prosecutorId: w.ids.otherProsecutor });
    id.o3 = await w.personWithOrder();
    id.shiftA = (await w.shift('siteA', { date: '2026-11-25' })).id;
    id.shiftB = (await w.shift('siteB', { date: '2026-11-25' })).id;
    for (const [key, order, shift] of [
      ['a1', id.o1, id.shiftA],
      ['a2', id.o2, id.shiftB],
    ]) {
      const booked = await w.book(order, shift);
      expect(booked.status).toBe(201);
      id[key] = booked.body.id;
    }
    const conflict = await w.post('supervisor', `/persons/${id.p1}/conflicts`, {
      userId: w.ids.supervisor2,
      relation: 'saudara kandung',
    });
    expect(conflict.status).toBe(201);
    const breach = await w.post('supervisor', `/orders/${id.o3}/breaches`, { reason: 'uji akses' });
    expect(breach.status).toBe(201);
    id.breach = breach.body.id;
    const plan = await w.post('supervisor', `/orders/${id.o1}/plan`, {});
    expect(plan.status).toBe(201);
    id.plan = plan.body.id;
    const jambi = await t.app.get(AgenciesService).create(null, {
      code: `BAPAS-JA-${w.tag}`,
      name: 'Bapas Jambi',
      kind: 'bapas',
      region: 'ID-JA',
      timezone: 'Asia/Jakarta',
    });
    for (const [key, bapas] of [
      ['signalMa', w.ids.bapas],
      ['signalJa', jambi.id],
    ]) {
      const [row] = await t.db.query(
        `INSERT INTO misuse_signal (kind, occurrence, bapas_id, occurred_at, evidence, detected_at)
         VALUES ('reversal', $1, $2, now(), '{"facts": {}, "records": []}', now()) RETURNING id`,
        [`${key}-${w.tag}`, bapas],
      );
      id[key] = row.id;
    }
  }, 60_000);
  afterAll(() => t?.close());

  /** permission, caller, the ids asked, the ids allowed. */
  const CASES: [Permission, Actor, string[], string[]][] = [
    ['order.read', 'supervisor', ['o1', 'o2'], ['o1', 'o2']],
    ['order.read', 'prosecutor', ['o1', 'o2'], ['o1']],
    ['order.read', 'otherProsecutor', ['o1', 'o2'], ['o2']],
    ['order.read', 'otherBapasSupervisor', ['o1', 'o2'], []],
    ['order.read', 'admin', ['o1', 'o2'], []],
    ['order.supervise', 'supervisor', ['o1', 'o2'], ['o1', 'o2']],
    ['order.supervise', 'prosecutor', ['o1', 'o2'], []],
    ['order.prosecute', 'prosecutor', ['o1', 'o2'], ['o1']],
    ['order.prosecute', 'supervisor', ['o1'], []],
    ['breach.read', 'admin', ['breach'], ['breach']],
    ['breach.read', 'prosecutor', ['breach'], ['breach']],
    ['breach.read', 'otherProsecutor', ['breach'], []],
    ['person.supervise', 'supervisor', ['p1', 'p2'], ['p1', 'p2']],
    ['person.supervise', 'otherBapasSupervisor', ['p1', 'p2'], []],
    ['plan.read', 'supervisor2', ['plan'], ['plan']],
    ['plan.read', 'otherBapasSupervisor', ['plan'], []],
    ['site.read', 'prosecutor', ['siteA', 'siteB'], ['siteA', 'siteB']],
    ['site.read', 'otherProsecutor', ['siteA', 'siteB'], []],
    ['site.read', 'admin', ['siteA', 'siteB'], ['siteA', 'siteB']],
    ['site.use', 'supervisor', ['siteA', 'siteB'], ['siteA', 'siteB']],
    ['site.use', 'otherBapasSupervisor', ['siteA', 'siteB'], []],
    ['site.use', 'prosecutor', ['siteA'], []],
    ['site.use', 'admin', ['siteA'], []],
    ['site.schedule', 'admin', ['siteA', 'siteB'], ['siteA', 'siteB']],
    ['site.schedule', 'otherBapasSupervisor', ['siteA'], []],
    ['site.coordinate', 'coordinatorA', ['siteA', 'siteB'], ['siteA']],
    ['site.coordinate', 'supervisor2', ['siteA', 'siteB'], ['siteA']],
    ['site.coordinate', 'supervisor', ['siteA', 'siteB'], []],
    ['site.shifts', 'coordinatorB', ['siteA', 'siteB'], ['siteB']],
    ['site.shifts', 'prosecutor', ['siteA', 'siteB'], []],
    ['shift.read', 'coordinatorA', ['shiftA', 'shiftB'], ['shiftA']],
    ['shift.read', 'supervisor', ['shiftA', 'shiftB'], ['shiftA', 'shiftB']],
    ['shift.read', 'otherBapasSupervisor', ['shiftA', 'shiftB'], []],
    ['shift.read', 'admin', ['shiftA', 'shiftB'], ['shiftA', 'shiftB']],
    ['shift.roster', 'admin', ['shiftA', 'shiftB'], []],
    ['shift.roster', 'coordinatorB', ['shiftA', 'shiftB'], ['shiftB']],
    ['assignment.read', 'coordinatorA', ['a1', 'a2'], ['a1']],
    ['assignment.read', 'otherProsecutor', ['a1', 'a2'], ['a2']],
    ['assignment.read', 'otherBapasSupervisor', ['a1', 'a2'], []],
    ['assignment.record', 'coordinatorA', ['a1', 'a2'], ['a1']],
    ['assignment.record', 'coordinatorB', ['a1', 'a2'], ['a2']],
    ['assignment.record', 'supervisor2', ['a1', 'a2'], []],
    ['assignment.record', 'supervisor', ['a1', 'a2'], []],
    ['assignment.decide', 'supervisor', ['a1', 'a2'], ['a1', 'a2']],
    ['assignment.decide', 'supervisor2', ['a1', 'a2'], ['a2']],
    ['assignment.decide', 'admin', ['a1', 'a2'], []],
    ['trail.order', 'otherProsecutor', ['o1', 'o2'], ['o2']],
    ['trail.person', 'supervisor', ['p1'], ['p1']],
    ['trail.person', 'prosecutor', ['p1'], []],
    ['trail.assignment', 'prosecutor', ['a1', 'a2'], ['a1']],
    ['report.ask', 'supervisor', ['bapas', 'kejari'], ['bapas']],
    ['report.read', 'prosecutor', ['bapas', 'kejari'], ['kejari']],
    ['report.read', 'coordinatorA', ['opd', 'kejari'], ['opd']],
    ['signal.read', 'oversight', ['signalMa', 'signalJa'], ['signalMa']],
    ['signal.read', 'admin', ['signalMa', 'signalJa'], ['signalMa', 'signalJa']],
  ];

  const idOf = (key: string) => id[key] ?? w.ids[key];

  it('answers each permission with the ids the user may touch, a missing id never among them', async () => {
    const wrong: string[] = [];
    for (const [permission, actor, asked, allowed] of CASES) {
      const answer = await policy.checkAccess(as(actor), permission, [...asked.map(idOf), missing]);
      const expected = new Set(allowed.map(idOf));
      if (answer.size !== expected.size || [...answer].some((x) => !expected.has(x)))
        wrong.push(`${permission} as ${actor}: ${[...answer].join(',')} (expected ${allowed.join(',')})`);
    }
    expect(wrong).toEqual([]);
    const permissions = new Set(CASES.map(([permission]) => permission));
    expect(permissions.size).toBe(22);
    expect(CASES.filter(([, , asked, allowed]) => allowed.length < asked.length)).toHaveLength(40);
  });

  async function refusal(work: Promise<unknown>): Promise<string> {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof DomainError)) throw new Error(`not refused: ${String(error)}`);
    return `${error.status} ${error.violations[0].code}`;
  }

  it("refuses with today's answers: 404 when not there (or not there for them), 403 with the rule's code", async () => {
    const answers = {
      missingOrder: await refusal(policy.requireAccess(as('supervisor'), 'order.read', [missing])),
      otherBapas: await refusal(policy.requireAccess(as('otherBapasSupervisor'), 'order.read', [id.o1])),
      prosecutorSupervising: await refusal(policy.requireAccess(as('prosecutor'), 'order.supervise', [id.o1])),
      otherKejariSupervising: await refusal(policy.requireAccess(as('otherProsecutor'), 'order.supervise', [id.o1])),
      relatedCoordinator: await refusal(policy.requireAccess(as('supervisor2'), 'assignment.record', [id.a1])),
      notCoordinator: await refusal(policy.requireAccess(as('coordinatorB'), 'assignment.record', [id.a1])),
      relatedSupervisor: await refusal(policy.requireAccess(as('supervisor2'), 'assignment.decide', [id.a1])),
      adminCrediting: await refusal(policy.requireAccess(as('admin'), 'assignment.decide', [id.a1])),
      otherBapasPlan: await refusal(policy.requireAccess(as('otherBapasSupervisor'), 'plan.read', [id.plan])),
      otherRegionSignal: await refusal(policy.requireAccess(as('oversight'), 'signal.read', [id.signalJa])),
      noKanwil: await refusal(policy.requireAccess(as('supervisor'), 'signal.read', [missing])),
      missingTrail: await refusal(policy.requireTrail(as('supervisor'), { type: 'order', id: missing })),
      unscopedTrail: await refusal(policy.requireTrail(as('prosecutor'), { type: 'plan', id: id.plan })),
      prosecutorOnPerson: await refusal(policy.requireTrail(as('prosecutor'), { type: 'person', id: id.p1 })),
    };
    expect(answers).toEqual({
      missingOrder: '404 not_found',
      otherBapas: '403 auth.out_of_scope',
      prosecutorSupervising: '403 auth.role_not_allowed',
      otherKejariSupervising: '403 auth.out_of_scope',
      relatedCoordinator: '403 attendance.conflict_of_interest',
      notCoordinator: '403 auth.out_of_scope',
      relatedSupervisor: '403 attendance.conflict_of_interest',
      adminCrediting: '403 auth.out_of_scope',
      otherBapasPlan: '404 not_found',
      otherRegionSignal: '404 not_found',
      noKanwil: '403 oversight.no_region',
      missingTrail: '403 auth.out_of_scope',
      unscopedTrail: '403 auth.out_of_scope',
      prosecutorOnPerson: '403 auth.out_of_scope',
    });
    await expect(policy.requireAccess(as('supervisor'), 'assignment.decide', [id.a1, id.a2])).resolves.toBeUndefined();
    await expect(policy.requireTrail(as('admin'), {})).resolves.toBeUndefined();
    expect(await policy.overseenRegion(as('oversight'))).toBe('ID-MA');
    expect(await policy.overseenRegion(as('admin'))).toBeNull();
  });

  it('answers any number of ids in one statement (two for a signal: the Kanwil first), joining the given unit of work', async () => {
    let statements = 0;
    const manager = t.app.get(DataSource).manager;
    const counted = new Proxy(manager, {
      get: (target, key) =>
        key === 'query'
          ? (...args: Parameters<EntityManager['query']>) => (statements++, target.query(...args))
          : Reflect.get(target, key),
    });
    const counts: Record<string, number> = {};
    for (const [permission, actor, asked] of [
      ['assignment.decide', 'supervisor', ['a1', 'a2']],
      ['site.shifts', 'coordinatorB', ['siteA', 'siteB']],
      ['order.read', 'prosecutor', ['o1', 'o2', 'o3']],
      ['signal.read', 'oversight', ['signalMa', 'signalJa']],
    ] as [Permission, Actor, string[]][]) {
      statements = 0;
      await policy.checkAccess(as(actor), permission, asked.map(idOf), counted);
      counts[permission] = statements;
    }
    expect(counts).toEqual({ 'assignment.decide': 1, 'site.shifts': 1, 'order.read': 1, 'signal.read': 2 });
  });

  it("R-27: the confirmation's author related to the person is a fact of the assignment, whenever declared", async () => {
    const repository = t.app.get(AccessRepository);
    const before = await repository.assignments(as('supervisor'), [id.a1, id.a2]);
    await t.db.query(`UPDATE assignment SET confirmed_by = $2 WHERE id = $1`, [id.a1, w.ids.supervisor2]);
    await t.db.query(`UPDATE assignment SET confirmed_by = $2 WHERE id = $1`, [id.a2, w.ids.supervisor2]);
    const after = await repository.assignments(as('supervisor'), [id.a1, id.a2]);
    expect([before.get(id.a1)?.confirmerRelated, after.get(id.a1)?.confirmerRelated]).toEqual([false, true]);
    expect(after.get(id.a2)?.confirmerRelated).toBe(false);
  });

  it("the sites list's condition answers as site.read does, for every caller", async () => {
    const sites = ['siteA', 'siteB', 'siteWib', 'siteExpiring'].map((key) => w.ids[key]);
    const disagreements: string[] = [];
    for (const actor of Object.keys(WHO) as Actor[]) {
      const user = as(actor);
      const listed: { id: string }[] = await t.db.query(
        `SELECT s.id FROM site s WHERE s.id = ANY($4::uuid[])
            AND ${siteVisible('s', { admin: '$1', agencyId: '$2', userId: '$3' })}`,
        [user.role === 'admin', user.agencyId, user.id, sites],
      );
      const allowed = await policy.checkAccess(user, 'site.read', sites);
      if (listed.length !== allowed.size || listed.some((row) => !allowed.has(row.id))) disagreements.push(actor);
    }
    expect(disagreements).toEqual([]);
  });
});
