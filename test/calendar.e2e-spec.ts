import { DEFAULT_NOW, startTestApp, TestApp } from './support/test-app.js';
import { codes } from './support/problems.js';
import { ownDatabase } from './support/test-config.js';
import { World } from './support/world.js';

/** Near site B (Jl. Pantai Mardika, Ambon), so the planner reaches it. */
const HOME = { lat: -3.702, lng: 128.1842 };

/** R-23 beyond the loaded years: the fixed-date holidays, a visible warning, and the official calendar loaded by an admin. */
describe('the calendar beyond 2026', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    // Its own database: it loads the official calendar of 2027, which other test files must not see.
    t = await startTestApp(DEFAULT_NOW, { DATABASE_URL: await ownDatabase('calendar') });
    w = await World.build(t);
  });
  afterAll(() => t.close());

  const order = () => w.personWithOrder({ home: HOME }, { totalHours: 8, maxHoursPerDay: 4 });

  it('1 January 2027 is a holiday already: no shift and no booking on it', async () => {
    const refused = await w.post('supervisor', `/sites/${w.ids.siteB}/shifts`, {
      date: '2027-01-01',
      start: '08:00',
      end: '12:00',
    });
    expect(refused.status).toBe(409);
    expect(codes(refused.body)).toEqual(['shift.holiday']);

    // A shift made before the calendar knew the date (behind the service's back) still can't be booked.
    const [shift] = await t.db.query(
      `INSERT INTO shift (site_id, date, start_time, end_time, break_minutes, capacity, booked_count, starts_at, ends_at, planned_minutes, created_by)
       VALUES ($1, '2027-01-01', '08:00', '12:00', 0, 5, 0, '2026-12-31T23:00:00Z', '2027-01-01T03:00:00Z', 240, $2) RETURNING id`,
      [w.ids.siteB, w.ids.supervisor],
    );
    const booked = await w.book(await order(), shift.id);
    expect(booked.status).toBe(409);
    expect(codes(booked.body)).toContain('booking.holiday');
  });

  it('/health names the years ahead whose official calendar is missing', async () => {
    const health = await t.http().get('/api/v1/health');
    expect(health.body.calendar.yearsWithoutOfficialCalendar).toEqual([2027, 2028]);
  });

  it('a booking and a plan in 2027 carry the warning that its official calendar is not loaded', async () => {
    const years = (await w.get('coordinatorA', '/holiday-years')).body.items;
    expect(years).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ year: 2026, official: true }),
        expect.objectContaining({ year: 2027, official: false }),
      ]),
    );
    const shift = await w.shift('siteB', { date: '2027-01-04', start: '13:00', end: '17:00' });
    const booked = await w.book(await order(), shift.id);
    expect(booked.status).toBe(201);
    expect(booked.body.warnings).toEqual([
      { code: 'calendar.not_official', message: expect.stringMatching(/Kalender resmi tahun 2027 belum dimuat/) },
    ]);
    const december = await w.shift('siteB', { date: '2026-12-21', start: '13:00', end: '17:00' });
    expect((await w.book(await order(), december.id)).body.warnings).toEqual([]);

    await w.shift('siteB', { date: '2027-01-05', start: '13:00', end: '17:00' });
    const plan = await w.post(
      'supervisor',
      `/orders/${await order()}/plan`,
      { from: '2027-01-05', to: '2027-01-06' },
      { 'accept-language': 'en' },
    );
    expect(plan.status).toBe(201);
    expect(plan.body.bookings.length).toBeGreaterThan(0);
    expect(plan.body.warnings).toEqual([
      { code: 'calendar.not_official', message: expect.stringMatching(/official calendar of 2027 is not loaded/) },
    ]);
  });

  it('an admin adds, moves and removes holidays, each audited; nobody else may', async () => {
    const added = await w.post('admin', '/holidays', { date: '2027-03-10', kind: 'national', name: 'Isra Mikraj' });
    expect(added.status).toBe(201);
    expect((await w.post('supervisor', '/holidays', { date: '2027-03-12', kind: 'national', name: 'x' })).status).toBe(
      403,
    );
    expect((await w.post('admin', '/holidays', { date: '2027-03-10', kind: 'national', name: 'again' })).status).toBe(
      409,
    );
    const moved = await w.post('admin', '/holidays/2027-03-10/move', { to: '2027-03-11' });
    expect(moved.status).toBe(200);
    expect(moved.body.date).toBe('2027-03-11');
    const removed = await t.http().delete('/api/v1/holidays/2027-03-11').set('authorization', w.authorization('admin'));
    expect(removed.status).toBe(200);
    expect(
      (await t.http().delete('/api/v1/holidays/2027-03-11').set('authorization', w.authorization('admin'))).status,
    ).toBe(404);
    expect(
      (await t.http().delete('/api/v1/holidays/not-a-date').set('authorization', w.authorization('admin'))).status,
    ).toBe(400);
    const actions = await t.db.query(`SELECT action FROM audit_event WHERE entity_type = 'calendar' ORDER BY seq`);
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'calendar.holiday_added',
      'calendar.holiday_moved',
      'calendar.holiday_removed',
    ]);
  });

  it('an admin loads the joint decree of 2027: its holidays replace the provisional ones and the warning is gone', async () => {
    const decree = {
      source: 'SKB 2027 (test)',
      national: [
        { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' },
        { date: '2027-01-06', name: 'Hari libur uji' },
      ],
      cutiBersama: [{ date: '2027-01-07', name: 'Cuti bersama uji' }],
    };
    const bad = await t
      .http()
      .put('/api/v1/holiday-years/2027')
      .set('authorization', w.authorization('admin'))
      .send({ ...decree, national: [{ date: '2028-01-01', name: 'x' }] });
    expect(bad.status).toBe(400);
    const loaded = await t
      .http()
      .put('/api/v1/holiday-years/2027')
      .set('authorization', w.authorization('admin'))
      .send(decree);
    expect(loaded.status).toBe(200);
    expect(loaded.body).toEqual(
      expect.objectContaining({ year: 2027, official: true, source: 'SKB 2027 (test)', loadedBy: w.ids.admin }),
    );
    const holidays = (await w.get('supervisor', '/holidays?from=2027-01-01&to=2027-12-31')).body.items.map(
      (h: { date: string }) => h.date,
    );
    expect(holidays).toEqual(['2027-01-01', '2027-01-06', '2027-01-07']);
    const shift = await w.shift('siteB', { date: '2027-01-11', start: '13:00', end: '17:00' });
    expect((await w.book(await order(), shift.id)).body.warnings).toEqual([]);
    const [event] = await t.db.query(`SELECT after FROM audit_event WHERE action = 'calendar.year_loaded'`);
    expect(event.after.holidays).toHaveLength(3);
  });
});
