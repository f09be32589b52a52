import { AppConfig } from '../src/config/app-config.js';
import { personLinkToken } from '../src/person-page/person-link.js';
import { DEFAULT_NOW, TestApp } from './support/test-app.js';
import { fields, minutesAfter } from './support/problems.js';
import { World } from './support/world.js';

/** The endpoints the web app added: a coordinator's days, a shift's sign-off at once, the worklist, the person's page. */
describe('web app endpoints', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => ({ t, w } = await World.start()));
  afterAll(() => t.close());
  afterEach(() => t.clock.set(DEFAULT_NOW));

  /** A shift at site A with `n` persons booked, each with an order of their own. */
  async function crew(date: string, n: number) {
    const shift = await w.shift('siteA', { date, start: '08:00', end: '11:00' });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const booked = await w.book(await w.personWithOrder(), shift.id);
      expect(booked.status).toBe(201);
      ids.push(booked.body.id);
    }
    return { shift, ids };
  }

  it("R-26: GET /shifts answers a coordinator's own sites' shifts with the site; another coordinator sees none of them", async () => {
    const { shift } = await crew('2026-12-01', 2);
    const mine = await w.get('coordinatorA', '/shifts?from=2026-12-01&to=2026-12-01');
    expect(mine.status).toBe(200);
    const found = mine.body.items.find((s: { id: string }) => s.id === shift.id);
    expect(found).toMatchObject({ bookedCount: 2, site: { id: w.ids.siteA, timezone: 'Asia/Jayapura' } });
    const other = await w.get('coordinatorB', '/shifts?from=2026-12-01&to=2026-12-01');
    expect(other.body.items.map((s: { id: string }) => s.id)).not.toContain(shift.id);
    expect((await w.get('coordinatorB', `/shifts/${shift.id}`)).status).toBe(403);
    expect((await w.get('coordinatorA', `/shifts/${shift.id}`)).body.site.radiusMeters).toBe(200);
    expect((await w.get('supervisor', '/shifts?from=2026-12-01&to=2026-12-01')).status).toBe(403);
  });

  it("R-22: an order's bookings carry their site's name and zone, also for a prosecutor who may not read the site", async () => {
    // A site under an agreement of the OPD and the Bapas only: the Kejari is no party to it.
    const agreementId = await w.agreement('PKS-BAPAS', '2026-01-02', '2027-12-31', [w.ids.opd, w.ids.bapas]);
    const siteId = await w.ownSite({
      name: `Jakarta ${w.tag}`,
      agreementId,
      address: 'Jl. Medan Merdeka, Jakarta',
      location: { lat: -6.1754, lng: 106.8272 },
      timezone: 'Asia/Jakarta',
      defaultCapacity: 5,
    });
    const orderId = await w.personWithOrder();
    const wib = await w.post('supervisor', `/sites/${siteId}/shifts`, {
      date: '2026-12-02',
      start: '08:00',
      end: '12:00',
    });
    const wit = await w.shift('siteA', { date: '2026-12-03' });
    for (const shift of [wib.body, wit]) expect((await w.book(orderId, shift.id)).status).toBe(201);
    expect((await w.get('prosecutor', `/sites/${siteId}`)).status).toBe(403);

    const bookings = await w.get('prosecutor', `/orders/${orderId}/assignments`);
    expect(bookings.status).toBe(200);
    expect(bookings.body.items.map((a: { site: object }) => a.site)).toEqual([
      { id: siteId, name: `Jakarta ${w.tag}`, timezone: 'Asia/Jakarta' },
      { id: w.ids.siteA, name: `A ${w.tag}`, timezone: 'Asia/Jayapura' },
    ]);
  });

  it('GET /shifts: 400 naming the field for a missing, backwards or too long range', async () => {
    const missing = await w.get('coordinatorA', '/shifts?from=2026-12-01');
    expect(missing.status).toBe(400);
    expect(fields(missing.body)).toEqual(['to']);
    const backwards = await w.get('coordinatorA', '/shifts?from=2026-12-05&to=2026-12-01');
    expect([backwards.status, fields(backwards.body)]).toEqual([400, ['to']]);
    const long = await w.get('coordinatorA', '/shifts?from=2026-12-01&to=2027-02-01');
    expect([long.status, fields(long.body)]).toEqual([400, ['to']]);
    expect((await w.get('coordinatorA', '/shifts/not-a-uuid')).status).toBe(400);
  });

  it("R-14: POST /shifts/{id}/sign-off credits each confirmed booking of the shift once; another Bapas's supervisor signs nothing", async () => {
    const { shift, ids } = await crew('2026-12-02', 3);
    t.clock.set(minutesAfter(shift.endsAt, 10));
    for (const id of ids.slice(0, 2)) {
      expect((await w.post('coordinatorA', `/assignments/${id}/check-in`, { at: shift.startsAt })).status).toBe(200);
      expect((await w.post('coordinatorA', `/assignments/${id}/check-out`, { at: shift.endsAt })).status).toBe(200);
    }
    expect((await w.post('coordinatorA', `/shifts/${shift.id}/sign-off`)).status).toBe(403);
    const other = await w.post('otherBapasSupervisor', `/shifts/${shift.id}/sign-off`);
    expect([other.status, other.body.items]).toEqual([200, []]);

    const worklist = await w.get('supervisor', '/worklist');
    const waiting = worklist.body.toSignOff.find((s: { shiftId: string }) => s.shiftId === shift.id);
    expect(waiting.bookings).toHaveLength(2);
    expect(waiting.bookings[0].confirmedBy).toBe(`coordinatorA ${w.tag}`);
    expect((await w.get('otherBapasSupervisor', '/worklist')).body.toSignOff).toEqual([]);

    const [first, again] = await Promise.all([
      w.post('supervisor', `/shifts/${shift.id}/sign-off`),
      w.post('supervisor', `/shifts/${shift.id}/sign-off`),
    ]);
    const credited = [...first.body.items, ...again.body.items].filter(
      (i: { outcome: string }) => i.outcome === 'credited',
    );
    expect(credited.map((i: { creditedMinutes: number }) => i.creditedMinutes)).toEqual([180, 180]);
    const ledgers = await Promise.all(
      ids
        .slice(0, 2)
        .map(
          async (id) =>
            (
              await w.get(
                'supervisor',
                `/orders/${(await w.get('supervisor', `/assignments/${id}`)).body.orderId}/ledger`,
              )
            ).body.total,
        ),
    );
    expect(ledgers).toEqual([1, 1]);
    expect((await w.post('supervisor', '/shifts/00000000-0000-4000-8000-000000000000/sign-off')).status).toBe(404);
  });

  it('GET /worklist: a booking nobody checked in 30 minutes after its start is a suspected no-show (R-20)', async () => {
    const { shift, ids } = await crew('2026-12-03', 1);
    t.clock.set(minutesAfter(shift.startsAt, 20));
    const early = await w.get('supervisor', '/worklist');
    expect(early.body.suspectedNoShows.map((b: { assignmentId: string }) => b.assignmentId)).not.toContain(ids[0]);
    t.clock.set(minutesAfter(shift.startsAt, 31));
    const late = await w.get('supervisor', '/worklist');
    expect(late.body.suspectedNoShows.map((b: { assignmentId: string }) => b.assignmentId)).toContain(ids[0]);
    expect((await w.get('coordinatorA', '/worklist')).status).toBe(403);
  });

  it('GET /persons?q finds by name or case number within the Bapas only (R-26); 400 names q when too long', async () => {
    const personId = await w.person({ fullName: `Yakobus Unik ${w.tag}` });
    const orderId = await w.order(personId);
    const order = (await w.get('supervisor', `/orders/${orderId}`)).body;
    expect(order.personName).toBe(`Yakobus Unik ${w.tag}`);
    const byName = await w.get('supervisor', `/persons?q=${encodeURIComponent(`unik ${w.tag}`)}`);
    expect(byName.body.items.map((p: { id: string }) => p.id)).toEqual([personId]);
    const byCase = await w.get('supervisor', `/persons?q=${encodeURIComponent(order.caseNumber)}`);
    expect(byCase.body.items.map((p: { id: string }) => p.id)).toEqual([personId]);
    expect((await w.get('otherBapasSupervisor', `/persons?q=${encodeURIComponent(`Unik ${w.tag}`)}`)).body.total).toBe(
      0,
    );
    const percent = await w.get('supervisor', '/persons?q=%25');
    expect(percent.body.items.map((p: { id: string }) => p.id)).not.toContain(personId);
    const long = await w.get('supervisor', `/persons?q=${'x'.repeat(101)}`);
    expect([long.status, fields(long.body)]).toEqual([400, ['q']]);
  });

  it("the person's link shows their own next shifts and hours only; expired or forged links are refused (401)", async () => {
    const { shift, ids } = await crew('2026-12-07', 2);
    const mine = (await w.get('supervisor', `/assignments/${ids[0]}`)).body;
    expect((await w.post('otherBapasSupervisor', `/persons/${mine.person.id}/link`)).status).toBe(403);
    const link = await w.post('supervisor', `/persons/${mine.person.id}/link`);
    expect(link.status).toBe(201);
    expect(link.body.path).toBe(`/saya/${link.body.token}`);
    const page = await t.http().get(`/api/v1/person-page/${link.body.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      fullName: mine.person.fullName,
      hours: { requiredMinutes: 2400, creditedMinutes: 0, remainingMinutes: 2400, endDate: '2027-05-22' },
      nextShifts: [
        expect.objectContaining({
          assignmentId: ids[0],
          date: '2026-12-07',
          site: expect.objectContaining({ name: `A ${w.tag}` }),
          notice: null,
        }),
      ],
    });
    expect(JSON.stringify(page.body)).not.toMatch(/nik|religion/i);

    const expired = personLinkToken(
      mine.person.id,
      new Date(Date.parse(DEFAULT_NOW) - 1000),
      t.app.get(AppConfig).JWT_SECRET,
    );
    const refused = await t.http().get(`/api/v1/person-page/${expired}`);
    expect([refused.status, refused.body.type]).toEqual([401, 'urn:bakti:problem:person_link.expired']);
    const forged = link.body.token.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect((await t.http().get(`/api/v1/person-page/${forged}`)).status).toBe(401);
    // POLICY: 14 days.
    t.clock.set('2026-12-06T23:59:00Z');
    expect((await t.http().get(`/api/v1/person-page/${link.body.token}`)).status).toBe(200);
    t.clock.set('2026-12-07T00:00:01Z');
    expect((await t.http().get(`/api/v1/person-page/${link.body.token}`)).status).toBe(401);
    t.clock.set(DEFAULT_NOW);

    const notices = `/api/v1/person-page/${link.body.token}/notices`;
    const someoneElses = await t.http().post(notices).send({ assignmentId: ids[1], reason: 'sakit' });
    expect([someoneElses.status, fields(someoneElses.body)]).toEqual([400, ['assignmentId']]);
    const empty = await t.http().post(notices).send({ assignmentId: ids[0], reason: '' });
    expect([empty.status, fields(empty.body)]).toEqual([400, ['reason']]);
    const [a, b] = await Promise.all([
      t.http().post(notices).send({ assignmentId: ids[0], reason: 'Anak sakit' }),
      t.http().post(notices).send({ assignmentId: ids[0], reason: 'Anak sakit' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const worklist = await w.get('supervisor', '/worklist');
    expect(
      worklist.body.notices
        .filter((n: { assignmentId: string }) => n.assignmentId === ids[0])
        .map((n: { notice: string }) => n.notice),
    ).toEqual(['Anak sakit']);
    t.clock.set(minutesAfter(shift.startsAt, 1));
    // R-20: "in advance" means before the shift starts.
    const late = await t.http().post(notices).send({ assignmentId: ids[0], reason: 'terlambat' });
    expect([late.status, late.body.type]).toEqual([409, 'urn:bakti:problem:notice.too_late']);
  });
});
