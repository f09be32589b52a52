import { randomInt } from 'node:crypto';
import { RELIGIONS } from '../src/persons/person.entity.js';
import { RetentionService } from '../src/persons/retention.service.js';
import { DEFAULT_NOW, TestApp } from './support/test-app.js';
import { minutesAfter } from './support/problems.js';
import { ownDatabase } from './support/test-config.js';
import { Actor, World } from './support/world.js';

const randomNik = () => `8171${String(randomInt(10 ** 11, 10 ** 12)).padStart(12, '0')}`;

/** Personal data: who sees NIK and religion, the subject-access export, and anonymisation after retention. */
describe('personal data', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => ({ t, w } = await World.start()));
  afterAll(() => t.close());
  afterEach(() => t.clock.set(DEFAULT_NOW));

  /** A booked shift, worked and signed off: its minutes credited. */
  async function creditedShift(
    t: TestApp,
    w: World,
    orderId: string,
    site: 'siteA' | 'siteB',
    date: string,
    start: string,
    end: string,
    key?: string,
  ) {
    const shift = await w.shift(site, { date, start, end });
    const booked = await w.book(orderId, shift.id);
    expect(booked.status).toBe(201);
    const coordinator: Actor = site === 'siteA' ? 'coordinatorA' : 'coordinatorB';
    t.clock.set(minutesAfter(shift.endsAt, 5));
    const idempotent = (step: string): Record<string, string> => (key ? { 'Idempotency-Key': `${key}-${step}` } : {});
    expect(
      (await w.post(coordinator, `/assignments/${booked.body.id}/check-in`, { at: shift.startsAt }, idempotent('in')))
        .status,
    ).toBe(200);
    expect(
      (await w.post(coordinator, `/assignments/${booked.body.id}/check-out`, { at: shift.endsAt }, idempotent('out')))
        .status,
    ).toBe(200);
    expect((await w.post('supervisor', `/assignments/${booked.body.id}/sign-off`, {})).status).toBe(200);
    return { assignmentId: booked.body.id as string, shiftId: shift.id };
  }

  /** The supervisor reports a breach and the prosecutor closes the order with prison in lieu (Art. 85(7)(b)). */
  async function closedByPrison(w: World, orderId: string) {
    const report = await w.post('supervisor', `/orders/${orderId}/breaches`, {
      reason: 'Tidak dapat dihubungi sejak dua minggu',
    });
    expect(report.status).toBe(201);
    const decided = await w.post('prosecutor', `/breaches/${report.body.id}/decision`, {
      outcome: 'imprisonment',
      imprisonmentDays: 30,
      decisionNumber: `B-${randomInt(1000)}/Q.1.10/12/2026`,
      decisionDate: DEFAULT_NOW.slice(0, 10),
      note: 'Putusan jaksa',
    });
    expect(decided.status).toBe(200);
    return report.body.id as string;
  }

  /** Every GET route of the running app, as Express knows it (Nest registers each with its full path). */
  function getRoutes(): string[] {
    const router = (
      t.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router;
    return router.stack
      .filter((layer) => layer.route?.methods.get)
      .map((layer) => layer.route!.path)
      .filter((path) => path.startsWith('/api/v1/'));
  }

  /** Nothing in an answer is a NIK or a religion: no such key, no 16 digits standing alone, no religion as a value. */
  function personalDataIn(value: unknown, path = '$'): string[] {
    if (Array.isArray(value)) return value.flatMap((item, i) => personalDataIn(item, `${path}[${i}]`));
    if (typeof value === 'string') {
      // A NIK stands apart: 16 digits inside a hex hash or a fingerprint are chance, not a number someone holds.
      return /(?<![0-9a-z])\d{16}(?![0-9a-z])/i.test(value) ||
        (RELIGIONS as readonly string[]).filter((r) => r !== 'other').includes(value)
        ? [`${path} = ${value}`]
        : [];
    }
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, item]) =>
      ['nik', 'religion'].includes(key) ? [`${path}.${key}`] : personalDataIn(item, `${path}.${key}`),
    );
  }

  describe("R-30/R-12: NIK and religion only for the person's supervisor", () => {
    const ids: Record<string, string> = {};
    const niks: string[] = [];

    beforeAll(async () => {
      const adultNik = randomNik();
      const childNik = randomNik();
      niks.push(adultNik, childNik);
      ids.person = await w.person({
        nik: adultNik,
        religion: 'islam',
        phone: '081298765432',
        home: { lat: -3.69, lng: 128.18 },
      });
      ids.order = await w.order(ids.person);
      ids.child = await w.person({ nik: childNik, religion: 'hindu', birthDate: '2012-03-04' });
      ids.childOrder = await w.order(ids.child, { totalHours: 7, maxHoursPerDay: 3 });
      expect((await w.get('supervisor', `/orders/${ids.childOrder}`)).body.regime).toBe('child');

      const adultShift = await w.shift('siteA', { date: '2026-12-01', start: '08:00', end: '12:00' });
      ids.shiftA = adultShift.id;
      ids.assignment = (await w.book(ids.order, adultShift.id)).body.id;
      const childShift = await w.shift('siteB', { date: '2026-12-02', start: '09:00', end: '12:00' });
      ids.shiftB = childShift.id;
      ids.childAssignment = (await w.book(ids.childOrder, childShift.id)).body.id;
      expect(ids.assignment && ids.childAssignment).toBeTruthy();
      const reported = await w.order(ids.person, { caseNumber: `8/Pid.C/2026/PN Amb/${w.tag}` });
      ids.breach = (
        await w.post('supervisor', `/orders/${reported}/breaches`, { reason: 'Tidak hadir tanpa kabar' })
      ).body.id;
      expect(ids.breach).toBeTruthy();
      const plan = await w.post('supervisor', `/orders/${ids.childOrder}/plan`, {});
      expect(plan.status).toBe(201);
      ids.plan = plan.body.id;
      const link = await w.post('supervisor', `/persons/${ids.person}/link`);
      expect(link.status).toBe(201);
      ids.personPage = link.body.token;
      // A misuse signal about a person with a NIK and a religion: a credit reversed, then a scan.
      const signalNik = randomNik();
      niks.push(signalNik);
      const signalOrder = await w.personWithOrder({ nik: signalNik, religion: 'catholic' });
      const { assignmentId } = await creditedShift(t, w, signalOrder, 'siteA', '2026-11-24', '08:00', '12:00');
      const [credit] = await t.db.query(`SELECT id FROM ledger_entry WHERE assignment_id = $1`, [assignmentId]);
      const reversal = await w.post('supervisor', `/orders/${signalOrder}/ledger/${credit.id}/reversal`, {
        reason: 'Salah hitung',
      });
      expect(reversal.status).toBe(201);
      expect((await w.post('oversight', '/oversight/signals/scan')).status).toBe(200);
      [{ id: ids.signal }] = await t.db.query(
        `SELECT id FROM misuse_signal WHERE order_id = $1 AND kind = 'reversal'`,
        [signalOrder],
      );
      t.clock.set(DEFAULT_NOW);
    });

    it("R-30: the supervisor of the person's Bapas sees NIK and religion; a supervisor of another Bapas gets 403", async () => {
      const person = await w.get('supervisor', `/persons/${ids.person}`);
      expect(person.body).toEqual(expect.objectContaining({ nik: niks[0], religion: 'islam' }));
      expect((await w.get('otherBapasSupervisor', `/persons/${ids.person}`)).status).toBe(403);
      expect(
        (await w.get('otherBapasSupervisor', '/persons')).body.items.map((p: { id: string }) => p.id),
      ).not.toContain(ids.person);
    });

    /** What stands for each path parameter: a real id of this world, in the coordinator's scope where one exists. */
    function concrete(path: string): string {
      const byResource: Record<string, string> = {
        persons: ids.person,
        orders: ids.order,
        assignments: ids.assignment,
        shifts: ids.shiftA,
        sites: w.ids.siteA,
        breaches: ids.breach,
        plans: ids.plan,
        agreements: w.ids.agreement,
        users: w.ids.coordinatorA,
        agencies: w.ids.opd,
        'holiday-years': '2026',
        ledger: ids.order,
        'person-page': ids.personPage,
        signals: ids.signal,
      };
      const segments = path.split('/');
      return segments
        .map((segment, i) => {
          if (!segment.startsWith(':')) return segment;
          const value = byResource[segments[i - 1]];
          if (!value) throw new Error(`No id for ${segment} in ${path}: add its resource to the test`);
          return value;
        })
        .join('/');
    }

    /** What a route needs to answer at all; the monthly report as CSV (text, so the search reads it) of the caller's agency. */
    const queries = (actor: Actor): Record<string, string> => ({
      '/api/v1/sites/:siteId/shifts': '?from=2026-11-23&to=2027-01-31',
      '/api/v1/shifts': '?from=2026-11-23&to=2026-12-20',
      '/api/v1/reports/monthly': `?agencyId=${w.ids[actor === 'prosecutor' ? 'kejari' : 'opd']}&month=2026-11&format=csv`,
      '/api/v1/oversight/summary': '?month=2026-11',
    });

    it.each(['coordinatorA', 'coordinatorB', 'prosecutor', 'oversight'] as const)(
      'R-30: no answer of any GET route the %s can call holds a NIK or a religion',
      async (actor) => {
        const routes = getRoutes();
        expect(routes.length).toBeGreaterThan(25);
        expect(routes).toEqual(
          expect.arrayContaining([
            '/api/v1/assignments/:id',
            '/api/v1/shifts/:shiftId/assignments',
            '/api/v1/persons/:id/export',
          ]),
        );
        const answered: Record<string, number> = {};
        for (const route of routes) {
          const url = concrete(route).replace('/api/v1', '') + (queries(actor)[route] ?? '');
          const response = await w.get(actor, url);
          answered[route] = response.status;
          expect({ route, found: personalDataIn(response.body) }).toEqual({ route, found: [] });
          for (const nik of niks) expect(String(response.text ?? '')).not.toContain(nik);
        }
        // The check means something: the roll-call routes answered, with the person in them.
        const rollCall =
          actor === 'coordinatorB' ? `/shifts/${ids.shiftB}/assignments` : `/shifts/${ids.shiftA}/assignments`;
        if (actor === 'oversight') {
          // the signal names the person (and the case), its evidence and trail answered.
          const signal = await w.get(actor, `/oversight/signals/${ids.signal}`);
          expect(signal.body.personName).toMatch(/^Klien /);
          expect(answered['/api/v1/oversight/signals/:id/trail']).toBe(200);
          expect(answered['/api/v1/oversight/summary']).toBe(200);
        } else if (actor !== 'prosecutor') {
          const roster = await w.get(actor, rollCall);
          expect(roster.status).toBe(200);
          expect(roster.body.items[0].person.fullName).toMatch(/^Klien /);
        } else {
          expect(answered['/api/v1/orders/:id']).toBe(200);
          expect(answered['/api/v1/orders/:orderId/assignments']).toBe(200);
        }
        expect(answered['/api/v1/reports/monthly']).toBe(actor === 'oversight' ? 403 : 200);
        expect(answered['/api/v1/persons/:id']).toBe(403);
        expect(answered['/api/v1/persons/:id/export']).toBe(403);
      },
    );

    it("R-12: a child's record is shown to nobody outside the order's scope", async () => {
      for (const actor of ['coordinatorA', 'otherProsecutor', 'otherBapasSupervisor'] as const) {
        expect((await w.get(actor, `/assignments/${ids.childAssignment}`)).status).toBe(403);
        expect((await w.get(actor, `/shifts/${ids.shiftB}/assignments`)).status).toBe(403);
        expect((await w.get(actor, `/assignments/${ids.childAssignment}/notifications`)).status).toBe(403);
      }
      for (const actor of ['otherProsecutor', 'otherBapasSupervisor'] as const) {
        expect((await w.get(actor, `/orders/${ids.childOrder}`)).status).toBe(403);
        expect((await w.get(actor, `/orders/${ids.childOrder}/assignments`)).status).toBe(403);
        expect((await w.get(actor, `/orders?personId=${ids.child}`)).body.items ?? []).toEqual([]);
      }
      expect((await w.get('otherBapasSupervisor', `/persons/${ids.child}`)).status).toBe(403);
      expect([403, 404]).toContain((await w.get('otherBapasSupervisor', `/plans/${ids.plan}`)).status);
      // In scope: the coordinator of the site that takes minors has the roll-call, with the name only.
      const roster = await w.get('coordinatorB', `/shifts/${ids.shiftB}/assignments`);
      expect(roster.body.items.map((a: { person: object }) => a.person)).toEqual([
        { id: ids.child, fullName: expect.any(String) },
      ]);
    });
  });

  describe('R-30: subject-access export', () => {
    it('answers everything held about the person to their supervisor, and the download is in the export log', async () => {
      const nik = randomNik();
      const person = await w.person({
        nik,
        religion: 'catholic',
        phone: '081311112222',
        address: 'Jl. Sirimau 3, Ambon',
      });
      const order = await w.order(person, { totalHours: 8 });
      const { assignmentId } = await creditedShift(t, w, order, 'siteA', '2026-12-03', '08:00', '12:00');
      await closedByPrison(w, order);

      const answer = await w.get('supervisor', `/persons/${person}/export`);

      expect(answer.status).toBe(200);
      expect(answer.body.person).toEqual(
        expect.objectContaining({
          id: person,
          nik,
          religion: 'catholic',
          phone: '+6281311112222',
          address: 'Jl. Sirimau 3, Ambon',
        }),
      );
      expect(answer.body.orders).toHaveLength(1);
      const [exported] = answer.body.orders;
      expect(exported).toEqual(expect.objectContaining({ id: order, status: 'closed' }));
      expect(
        exported.assignments.map((a: { id: string; checkIn: object | null }) => [a.id, a.checkIn !== null]),
      ).toEqual([[assignmentId, true]]);
      expect(exported.ledger).toEqual([expect.objectContaining({ kind: 'credit', minutes: 240 })]);
      expect(exported.breaches).toEqual([
        expect.objectContaining({ status: 'decided', decision: expect.objectContaining({ outcome: 'imprisonment' }) }),
      ]);
      expect(answer.body.notifications.map((n: { reason: string }) => n.reason)).toContain('breach_decided');
      expect(answer.body.notifications.every((n: { recipientId: string }) => n.recipientId === person)).toBe(true);

      const log = await w.get('admin', '/exports?limit=500');
      const logged = log.body.items.filter((item: { personId: string | null }) => item.personId === person);
      expect(logged).toEqual([
        expect.objectContaining({
          id: answer.body.exportId,
          userId: w.ids.supervisor,
          kind: 'subject_access',
          format: 'json',
          agencyId: w.ids.bapas,
          personCount: 1,
        }),
      ]);

      for (const actor of ['otherBapasSupervisor', 'coordinatorA', 'prosecutor', 'admin'] as const) {
        expect((await w.get(actor, `/persons/${person}/export`)).status).toBe(403);
      }
      expect((await w.get('supervisor', '/persons/not-a-uuid/export')).status).toBe(400);
      const stray = await w.get('supervisor', `/persons/${person}/export?limit=1`);
      expect(stray.status).toBe(400);
      expect(stray.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
      expect((await w.get('supervisor', '/persons/00000000-0000-4000-8000-000000000000/export')).status).toBe(404);
      const exports = await t.db.query(`SELECT 1 FROM export_log WHERE person_id = $1`, [person]);
      expect(exports).toHaveLength(1);
    });
  });

  /**
   * In a database of its own: the job anonymises every eligible person and forgets old idempotency answers, which
   * would pull the rug from under the other test files sharing the test database.
   */
  describe('R-30: anonymisation after the retention period (5 years)', () => {
    let t: TestApp;
    let w: World;

    beforeAll(async () => ({ t, w } = await World.start(DEFAULT_NOW, { DATABASE_URL: await ownDatabase('privacy') })));
    afterAll(() => t.close());
    afterEach(() => t.clock.set(DEFAULT_NOW));

    it('anonymises a person whose every order ended more than 5 years ago, leaves no NIK, name or phone anywhere, keeps the chain', async () => {
      const nik = randomNik();
      const person = await w.person({
        nik,
        religion: 'protestant',
        phone: '081377778888',
        address: 'Jl. Pattimura 12, Ambon',
        home: { lat: -3.695, lng: 128.182 },
        unavailable: [{ weekday: 1, from: '07:00', to: '12:00', reason: 'berjualan ikan di pasar' }],
      });
      const [stored] = await t.db.query(`SELECT full_name, phone FROM person WHERE id = $1`, [person]);
      // Completed: two signed shifts (with idempotent check-ins, whose answers name the person).
      const completed = await w.order(person, { totalHours: 8 });
      await w.shift('siteA', { date: '2026-12-10', start: '08:00', end: '12:00' });
      const plan = await w.post('supervisor', `/orders/${completed}/plan`, {});
      expect(plan.status).toBe(201);
      expect(
        JSON.stringify((await t.db.query(`SELECT outcomes FROM plan WHERE id = $1`, [plan.body.id]))[0]),
      ).toContain(stored.full_name);
      await creditedShift(t, w, completed, 'siteA', '2026-12-08', '08:00', '12:00', `retention-${nik}-1`);
      await creditedShift(t, w, completed, 'siteA', '2026-12-09', '08:00', '12:00', `retention-${nik}-2`);
      expect((await w.get('supervisor', `/orders/${completed}`)).body.status).toBe('completed');
      const replays = await t.db.query(`SELECT response FROM idempotency_record WHERE key LIKE $1`, [
        `retention-${nik}-%`,
      ]);
      expect(replays).toHaveLength(4);
      expect(JSON.stringify(replays)).toContain(stored.full_name);
      // Closed by the prosecutor's decision: the person and the supervisor were told, by name.
      t.clock.set('2026-12-11T00:00:00Z');
      await closedByPrison(w, await w.order(person, { caseNumber: `9/Pid.C/2026/PN Amb/${w.tag}` }));
      const named = await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE strpos(text, $1) > 0`, [
        stored.full_name,
      ]);
      expect(named[0].n).toBeGreaterThan(0);

      // Kept: a person with one ended and one running order, and a person whose only order runs.
      const stillActive = await w.person({ nik: randomNik(), phone: '081355556666' });
      const activeOrder = await w.order(stillActive);
      const mixed = await w.person({ nik: randomNik() });
      await closedByPrison(w, await w.order(mixed));
      await w.order(mixed, { caseNumber: `10/Pid.C/2026/PN Amb/${w.tag}` });
      const retention = t.app.get(RetentionService);

      // Four and a half years on: not yet.
      t.clock.set('2031-06-01T00:00:00Z');
      await retention.run();
      expect((await w.get('supervisor', `/persons/${person}`)).body.nik).toBe(nik);

      t.clock.set('2032-01-15T00:00:00Z');
      const countsBefore = await counts(completed);
      expect((await retention.run()).anonymised).toBeGreaterThanOrEqual(1);

      const after = (await w.get('supervisor', `/persons/${person}`)).body;
      expect(after).toEqual(
        expect.objectContaining({
          fullName: `Anonim ${person.slice(0, 8)}`,
          birthDate: '1990-01-01',
          sex: 'M',
          religion: null,
          phone: null,
          address: null,
          home: null,
          unavailable: [{ weekday: 1, from: '07:00', to: '12:00' }],
          anonymisedAt: '2032-01-15T00:00:00.000Z',
        }),
      );
      expect(after.nik).toMatch(/^00[0-9]{14}$/);
      for (const kept of [stillActive, mixed]) {
        expect((await w.get('supervisor', `/persons/${kept}`)).body.anonymisedAt).toBeNull();
      }
      expect((await w.get('supervisor', `/orders/${activeOrder}`)).body.status).toBe('active');

      // Counts, orders, ledger and attendance are as they were.
      expect(await counts(completed)).toEqual(countsBefore);
      expect((await w.get('supervisor', `/orders/${completed}`)).body.progress.creditedMinutes).toBe(480);

      // Nothing in any text or JSON column of any table holds the NIK, the name or the phone.
      const columns: { table_name: string; column_name: string }[] = await t.db.query(
        `SELECT c.table_name, c.column_name FROM information_schema.columns c
           JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
          WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character', 'character varying', 'json', 'jsonb', 'ARRAY')`,
      );
      expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(
        expect.arrayContaining([
          'person.full_name',
          'notification.text',
          'plan.outcomes',
          'audit_event.after',
          'idempotency_record.response',
        ]),
      );
      const found: string[] = [];
      for (const { table_name: table, column_name: column } of columns) {
        for (const secret of [nik, stored.full_name, stored.phone, '081377778888']) {
          const [{ n }] = await t.db.query(
            `SELECT count(*)::int AS n FROM "${table}" WHERE strpos("${column}"::text, $1) > 0`,
            [secret],
          );
          if (n > 0) found.push(`${table}.${column}: ${secret}`);
        }
      }
      expect(found).toEqual([]);

      // The audit trail stays verifiable, and the anonymisation is on it.
      const verdict = await w.get('admin', '/audit-events/verify');
      expect(verdict.status).toBe(200);
      expect(verdict.body).toEqual(expect.objectContaining({ intact: true }));
      const audited = await t.db.query(
        `SELECT actor_id, after FROM audit_event WHERE action = 'person.anonymised' AND entity_id = $1`,
        [person],
      );
      expect(audited).toEqual([{ actor_id: null, after: expect.objectContaining({ orders: 2, retentionYears: 5 }) }]);

      // Once is enough: a second run finds nothing more to do for them.
      await retention.run();
      expect(
        await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'person.anonymised' AND entity_id = $1`, [person]),
      ).toHaveLength(1);
    });

    async function counts(orderId: string) {
      const [row] = await t.db.query(
        `SELECT (SELECT count(*)::int FROM assignment WHERE order_id = $1) AS assignments,
                (SELECT count(*)::int FROM assignment WHERE order_id = $1 AND check_in_at IS NOT NULL) AS attended,
                (SELECT sum(minutes)::int FROM ledger_entry WHERE order_id = $1) AS ledger,
                (SELECT count(*)::int FROM notification) AS notifications,
                (SELECT count(*)::int FROM person) AS persons,
                (SELECT count(*)::int FROM court_order) AS orders`,
        [orderId],
      );
      return row;
    }
  });
});
