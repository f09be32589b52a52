import { DataSource } from 'typeorm';
import { DEFAULT_NOW, TestApp } from './support/test-app.js';
import { minutesAfter } from './support/problems.js';
import { World } from './support/world.js';

/**
 * The month totals (ledger_month_totals, absence_month_totals: each order's credited minutes and absences by the
 * local month of its Bapas and of its Kejari, kept by triggers on ledger_entry and assignment for the monthly
 * report) always equal the recount from the ledger and the bookings, also when many changes arrive at once.
 */
describe("the month totals of an order's credits and absences", () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => ({ t, w } = await World.start()));
  afterAll(() => t.close());
  afterEach(() => t.clock.set(DEFAULT_NOW));

  /** The agencies of an order (its Bapas and its Kejari) and the months in their zones, as a recount sees them. */
  const recounted = (rows: string, at: string) => `
    SELECT g.id AS agency_id, to_date(to_char(${at} AT TIME ZONE g.timezone, 'YYYY-MM'), 'YYYY-MM') AS month, x.*
      FROM ${rows} x JOIN court_order o ON o.id = x.order_id JOIN agency g ON g.id IN (o.bapas_id, o.kejaksaan_id)
     WHERE o.bapas_id = $1`;

  /** The world's totals that differ from the recount of the ledger and the bookings (a missing row counts 0). */
  const drifted = async () => [
    ...(await t.db.query(
      `SELECT 'credits' AS totals, * FROM (
         SELECT agency_id, month, order_id, sum(minutes)::int AS minutes
           FROM (${recounted('ledger_entry', 'x.created_at')}) r GROUP BY 1, 2, 3) r
         FULL JOIN (SELECT * FROM ledger_month_totals WHERE order_id IN (SELECT id FROM court_order WHERE bapas_id = $1)) k
           USING (agency_id, month, order_id)
        WHERE coalesce(r.minutes, 0) <> coalesce(k.minutes, 0)`,
      [w.ids.bapas],
    )),
    ...(await t.db.query(
      `SELECT 'absences' AS totals, * FROM (
         SELECT agency_id, month, order_id, count(*) FILTER (WHERE status = 'absent')::int AS absent,
                count(*) FILTER (WHERE status = 'excused')::int AS excused,
                count(*) FILTER (WHERE status = 'unexcused')::int AS unexcused
           FROM (${recounted('assignment', 'x.absence_recorded_at')}) r
          WHERE absence_recorded_at IS NOT NULL AND status IN ('absent', 'excused', 'unexcused') GROUP BY 1, 2, 3) r
         FULL JOIN (SELECT * FROM absence_month_totals WHERE order_id IN (SELECT id FROM court_order WHERE bapas_id = $1)) k
           USING (agency_id, month, order_id)
        WHERE (coalesce(r.absent, 0), coalesce(r.excused, 0), coalesce(r.unexcused, 0))
              <> (coalesce(k.absent, 0), coalesce(k.excused, 0), coalesce(k.unexcused, 0))`,
      [w.ids.bapas],
    )),
  ];
  const absences = (orderId: string) =>
    t.db.query(
      `SELECT agency_id AS "agencyId", month, absent, excused, unexcused FROM absence_month_totals
        WHERE order_id = $1 ORDER BY month, agency_id`,
      [orderId],
    );
  const creditedByAgency = async (orderId: string) =>
    Object.fromEntries(
      (
        await t.db.query(
          `SELECT agency_id, sum(minutes)::int AS minutes FROM ledger_month_totals WHERE order_id = $1 GROUP BY 1`,
          [orderId],
        )
      ).map((row: { agency_id: string; minutes: number }) => [row.agency_id, row.minutes]),
    );

  async function confirmed(booking: { id: string; shift: { startsAt: string; endsAt: string } }) {
    expect((await w.act('coordinatorA', booking.id, 'check-in', { at: booking.shift.startsAt })).status).toBe(200);
    expect((await w.act('coordinatorA', booking.id, 'check-out', { at: booking.shift.endsAt })).status).toBe(200);
  }

  const reversal = (orderId: string, entryId: string, minutes: number) =>
    w.post('supervisor', `/orders/${orderId}/ledger/${entryId}/reversal`, { reason: 'Salah hitung', minutes });

  it("counts each absence in the month of its recording in its Bapas's zone and in its Kejari's, by its status now", async () => {
    // A Kejari in WIB (UTC+7) beside the Bapas in WIT (UTC+9): 15:30 UTC on 31 December is January in Ambon.
    const wib = await w.post('admin', '/agencies', {
      code: `KEJARI-WIB-${w.tag}`,
      name: `Kejari WIB ${w.tag}`,
      kind: 'kejaksaan',
      region: 'ID-JK',
      timezone: 'Asia/Jakarta',
    });
    expect(wib.status).toBe(201);
    const orderId = await w.personWithOrder({}, { kejaksaanId: wib.body.id, prosecutorId: undefined });
    const [a1, a2] = [await w.booked(orderId), await w.booked(orderId)];

    t.clock.set('2026-12-31T15:30:00Z');
    expect((await w.act('coordinatorA', a1.id, 'absence', { reason: 'Tidak datang' })).status).toBe(200);
    expect(await absences(orderId)).toEqual([
      { agencyId: wib.body.id, month: '2026-12-01', absent: 1, excused: 0, unexcused: 0 },
      { agencyId: w.ids.bapas, month: '2027-01-01', absent: 1, excused: 0, unexcused: 0 },
    ]);
    expect((await w.act('supervisor', a1.id, 'absence-decision', { excused: true, reason: 'Sakit' })).status).toBe(200);
    expect(
      (await absences(orderId)).map((row: { excused: number; absent: number }) => [row.absent, row.excused]),
    ).toEqual([
      [0, 1],
      [0, 1],
    ]);

    await confirmed(a2);
    expect((await w.act('supervisor', a2.id, 'sign-off')).status).toBe(200);
    expect(await creditedByAgency(orderId)).toEqual({ [wib.body.id]: 240, [w.ids.bapas]: 240 });
    const credit = (await w.get('supervisor', `/orders/${orderId}/ledger`)).body.items[0];
    expect((await reversal(orderId, credit.id, 60)).status).toBe(201);
    expect(await creditedByAgency(orderId)).toEqual({ [wib.body.id]: 180, [w.ids.bapas]: 180 });
    expect(await drifted()).toEqual([]);

    // The Kejari's December report counts the absence; the Bapas's counts it in January.
    const line = async (agencyId: string, month: string) => {
      const csv = await w.get('admin', `/reports/monthly?agencyId=${agencyId}&month=${month}&format=csv`);
      expect(csv.status).toBe(200);
      const [caseNumber] = await t.db.query(`SELECT case_number FROM court_order WHERE id = $1`, [orderId]);
      const row = csv.text.split(/\r?\n/).find((l: string) => l.startsWith(caseNumber.case_number))!;
      return row.split(',').slice(7, 10).map(Number);
    };
    t.clock.set('2027-01-10T00:00:00Z');
    expect(await line(wib.body.id, '2026-12')).toEqual([0, 1, 0]);
    expect(await line(w.ids.bapas, '2026-12')).toEqual([0, 0, 0]);
    expect(await line(w.ids.bapas, '2027-01')).toEqual([0, 1, 0]);
  });

  it('stays equal to the recount when absences, decisions, sign-offs and reversals of two orders arrive at once', async () => {
    const orders = [await w.personWithOrder({}, { totalHours: 200 }), await w.personWithOrder({}, { totalHours: 200 })];
    const bookings: { id: string; shift: { startsAt: string; endsAt: string } }[][] = [];
    for (const orderId of orders) {
      const own = [];
      for (let i = 0; i < 8; i++) own.push(await w.booked(orderId));
      bookings.push(own);
    }
    t.clock.set(minutesAfter(bookings[1][7].shift.endsAt, 5));
    for (const own of bookings) for (const booking of own.slice(4)) await confirmed(booking);

    const first = await Promise.all(
      bookings.flatMap((own) => [
        ...own.slice(0, 4).map((b) => w.act('coordinatorA', b.id, 'absence', { reason: 'Tidak datang' })),
        ...own.slice(4).map((b) => w.act('supervisor', b.id, 'sign-off')),
      ]),
    );
    expect(first.map((answer) => answer.status)).toEqual(Array(16).fill(200));
    expect(await drifted()).toEqual([]);

    t.clock.set(minutesAfter(bookings[1][7].shift.endsAt, 60 * 24 * 40));
    const credits = await Promise.all(
      orders.map(async (orderId) => (await w.get('supervisor', `/orders/${orderId}/ledger`)).body.items),
    );
    const second = await Promise.all(
      orders.flatMap((orderId, o) => [
        w.act('supervisor', bookings[o][0].id, 'absence-decision', { excused: true, reason: 'Sakit' }),
        w.act('supervisor', bookings[o][1].id, 'absence-decision', { excused: false, reason: 'Tanpa kabar' }),
        w.act('supervisor', bookings[o][2].id, 'absence-decision', { excused: true, reason: 'Sakit' }),
        reversal(orderId, credits[o][0].id, 30),
        reversal(orderId, credits[o][1].id, 240),
      ]),
    );
    expect(second.map((answer) => answer.status)).toEqual([200, 200, 200, 201, 201, 200, 200, 200, 201, 201]);
    expect(await drifted()).toEqual([]);
    for (const orderId of orders) {
      const rows = await absences(orderId);
      expect(rows.find((row: { agencyId: string }) => row.agencyId === w.ids.bapas)).toMatchObject({
        absent: 1,
        excused: 2,
        unexcused: 1,
      });
      expect((await creditedByAgency(orderId))[w.ids.bapas]).toBe(4 * 240 - 30 - 240);
    }
  });

  it("is the database's to keep: the service's role can't write it", async () => {
    const service = t.app.get(DataSource);
    await expect(service.query(`UPDATE ledger_month_totals SET minutes = 0`)).rejects.toThrow(/permission denied/);
    await expect(service.query(`DELETE FROM absence_month_totals`)).rejects.toThrow(/permission denied/);
    await expect(
      service.query(`INSERT INTO ledger_month_totals VALUES ($1, '2026-12-01', $1, 60)`, [w.ids.bapas]),
    ).rejects.toThrow(/permission denied/);
  });
});
