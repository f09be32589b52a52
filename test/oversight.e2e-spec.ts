import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { DateTime } from 'luxon';
import { demoCast } from '../src/database/demo-cast.js';
import { NightlyScan } from '../src/oversight/nightly-scan.js';
import { SignalScan } from '../src/oversight/signal-scan.service.js';
import { startDemoApp, Username } from './support/demo-app.js';
import type { TestApp } from './support/test-app.js';

const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

interface Signal {
  id: string;
  kind: string;
  status: string;
  bapasName: string;
  bapasTimezone: string;
  orderId: string | null;
}

/** the Kanwil's regional summary and misuse signals, on the demo with its seeded misuse cases. */
describe('oversight', () => {
  let t: TestApp;
  let tokens: Map<Username, string>;
  const as = (username: Username) => ({ authorization: `Bearer ${tokens.get(username)}` });
  const get = (username: Username, path: string) => t.http().get(`/api/v1${path}`).set(as(username));
  const post = (username: Username, path: string, body: object = {}) =>
    t.http().post(`/api/v1${path}`).set(as(username)).send(body);
  const signals = async (username: Username, query = ''): Promise<Signal[]> => {
    const response = await get(username, `/oversight/signals?limit=500${query}`);
    expect(response.status).toBe(200);
    return response.body.items;
  };
  const caseOf = async (orderId: string | null) =>
    orderId ? (await t.db.query(`SELECT case_number FROM court_order WHERE id = $1`, [orderId]))[0].case_number : null;

  beforeAll(async () => {
    ({ t, tokens } = await startDemoApp('oversight'));
  }, 300_000);
  afterAll(() => t?.close());

  it('each signal fires on the misuse case made for it, and on nothing of the clean demo', async () => {
    const scan = await post('kanwil.maluku', '/oversight/signals/scan');
    expect(scan.status).toBe(200);
    // The demo's seed ran the scan once already (its signals page is not empty on a fresh start).
    expect(scan.body).toEqual({ opened: 0, found: 8 });
    const all = await signals('admin');
    const found = await Promise.all(
      all.map(async (signal) => [signal.kind, signal.bapasName, await caseOf(signal.orderId)]),
    );
    const { misuse } = demoCast;
    expect(found.sort()).toEqual(
      [
        ['coordinator_off_duty', 'Bapas Kelas II A Ambon', misuse.offDuty.caseNumber],
        ['holiday_opened', 'Bapas Kelas II A Ambon', misuse.holidayOpened.caseNumber],
        ['late_record', 'Bapas Kelas II A Ambon', misuse.outsideAndLate.caseNumber],
        ['new_account_sign_off', 'Bapas Kelas II A Ambon', misuse.newAccount.caseNumber],
        ['outside_radius', 'Bapas Kelas II A Ambon', misuse.outsideAndLate.caseNumber],
        ['pair_share', 'Bapas Kelas II Sungai Penuh', null],
        ['reversal', 'Bapas Kelas II A Ambon', misuse.reversal.caseNumber],
        ['sign_off_burst', 'Bapas Kelas II Sungai Penuh', null],
      ].sort(),
    );
    // The evidence of the account and pair signals names the users concerned.
    const users = async (kind: string) => {
      const signal = all.find((s) => s.kind === kind)!;
      const detail = await get('admin', `/oversight/signals/${signal.id}`);
      return detail.body.evidence
        .filter((e: { type: string }) => e.type === 'user')
        .map((e: { label: string }) => e.label);
    };
    expect(await users('new_account_sign_off')).toEqual([expect.stringContaining('pk3.ambon')]);
    expect(await users('pair_share')).toEqual([
      expect.stringContaining('koord.sungaipenuh'),
      expect.stringContaining('pk.sungaipenuh'),
    ]);
    expect(await users('sign_off_burst')).toEqual([expect.stringContaining('pk.sungaipenuh')]);
  });

  it('the Maluku Kanwil sees nothing of Jambi, and Jambi nothing of Maluku', async () => {
    const maluku = await signals('kanwil.maluku');
    const jambi = await signals('kanwil.jambi');
    expect(maluku).toHaveLength(6);
    expect(new Set(maluku.map((s) => s.bapasName))).toEqual(new Set(['Bapas Kelas II A Ambon']));
    expect(jambi.map((s) => s.kind).sort()).toEqual(['pair_share', 'sign_off_burst']);
    expect((await get('kanwil.maluku', `/oversight/signals/${jambi[0].id}`)).status).toBe(404);
    expect((await get('kanwil.maluku', `/oversight/signals/${jambi[0].id}/trail`)).status).toBe(404);
    expect((await post('kanwil.maluku', `/oversight/signals/${jambi[0].id}/review`, { note: 'x' })).status).toBe(404);
    expect((await get('kanwil.jambi', `/oversight/signals/${maluku[0].id}`)).status).toBe(404);
    const month = DateTime.now().setZone('Asia/Jayapura').toFormat('yyyy-MM');
    const names = async (username: Username) =>
      (await get(username, `/oversight/summary?month=${month}`)).body.bapas.map((b: { name: string }) => b.name);
    expect(await names('kanwil.maluku')).toEqual(['Bapas Kelas II A Ambon']);
    expect(await names('kanwil.jambi')).toEqual(['Bapas Kelas II Sungai Penuh']);
  });

  it("gives each signal its Bapas's zone, so a Kanwil reads its times in WIB or WIT (R-22)", async () => {
    const zones = async (username: Username) => new Set((await signals(username)).map((s) => s.bapasTimezone));
    expect(await zones('kanwil.maluku')).toEqual(new Set(['Asia/Jayapura']));
    expect(await zones('kanwil.jambi')).toEqual(new Set(['Asia/Jakarta']));
    const jambi = await signals('kanwil.jambi');
    expect((await get('kanwil.jambi', `/oversight/signals/${jambi[0].id}`)).body.bapasTimezone).toBe('Asia/Jakarta');
  });

  it('filters by status and kind, and refuses a bad filter with a 400 naming it', async () => {
    expect((await signals('kanwil.maluku', '&kind=reversal')).map((s) => s.kind)).toEqual(['reversal']);
    expect(await signals('kanwil.maluku', '&status=reviewed')).toEqual([]);
    const bad = await get('kanwil.maluku', '/oversight/signals?kind=gossip');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('kind');
    const month = await get('kanwil.maluku', '/oversight/summary?month=2026-13');
    expect(month.status).toBe(400);
    expect(month.body.errors[0].field).toBe('month');
  });

  it('R-30: a signal names the person and the case, never NIK nor religion, and every look is audited', async () => {
    const [reversal] = await signals('kanwil.maluku', '&kind=reversal');
    const user = (await t.db.query(`SELECT id FROM app_user WHERE username = 'kanwil.maluku'`))[0].id;
    const looks = async () =>
      (
        await t.db.query(
          `SELECT action FROM audit_event WHERE entity_type = 'misuse_signal' AND entity_id = $1 AND actor_id = $2`,
          [reversal.id, user],
        )
      ).map((row: { action: string }) => row.action);
    const before = await looks();
    const detail = await get('kanwil.maluku', `/oversight/signals/${reversal.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toEqual(
      expect.objectContaining({
        rule: 'R-14',
        caseNumber: demoCast.misuse.reversal.caseNumber,
        personName: demoCast.misuse.reversal.fullName,
        status: 'open',
      }),
    );
    expect(detail.text).not.toContain(demoCast.misuse.reversal.nik);
    expect(JSON.stringify(detail.body)).not.toMatch(/"(nik|religion)"/);
    expect(detail.body.evidence.map((e: { type: string }) => e.type)).toEqual([
      'ledger_entry',
      'ledger_entry',
      'assignment',
      'order',
      'user',
    ]);
    expect(detail.body.evidence[0].label).toContain('Dikonfirmasi untuk hari yang salah');
    const trail = await get('kanwil.maluku', `/oversight/signals/${reversal.id}/trail`);
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['ledger.credited', 'ledger.reversed', 'order.reopened']),
    );
    expect(await looks()).toEqual([...before, 'misuse_signal.viewed', 'misuse_signal.trail_viewed']);
  });

  it('a review is written once with its note (audited); a scan run again leaves it reviewed; a new occurrence opens a new signal', async () => {
    const [reversal] = await signals('kanwil.maluku', '&kind=reversal');
    expect((await post('kanwil.maluku', `/oversight/signals/${reversal.id}/review`, {})).status).toBe(400);
    expect((await post('admin', `/oversight/signals/${reversal.id}/review`, { note: 'dicek' })).status).toBe(403);
    const note = 'Dicek dengan PK: konfirmasi salah tanggal, sudah dikoreksi. Tidak ada penyalahgunaan.';
    const reviewed = await post('kanwil.maluku', `/oversight/signals/${reversal.id}/review`, { note });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toEqual(
      expect.objectContaining({ status: 'reviewed', reviewNote: note, reviewedBy: 'Margaretha Huliselan, S.H.' }),
    );
    expect((await post('kanwil.maluku', `/oversight/signals/${reversal.id}/review`, { note })).status).toBe(409);
    const [event] = await t.db.query(
      `SELECT after FROM audit_event WHERE action = 'misuse_signal.reviewed' AND entity_id = $1`,
      [reversal.id],
    );
    expect(event.after).toEqual({ status: 'reviewed', note });

    expect((await post('admin', '/oversight/signals/scan')).body).toEqual({ opened: 0, found: 8 });
    expect((await get('kanwil.maluku', `/oversight/signals/${reversal.id}`)).body.status).toBe('reviewed');

    // A new occurrence: the supervisor takes back part of one of Yohanis's credits.
    const [credit] = await t.db.query(
      `SELECT l.id, l.order_id FROM ledger_entry l JOIN court_order o ON o.id = l.order_id
        WHERE o.case_number = $1 AND l.kind = 'credit' ORDER BY l.created_at LIMIT 1`,
      [demoCast.persons.yohanis.caseNumber],
    );
    const reversed = await post('pk.ambon', `/orders/${credit.order_id}/ledger/${credit.id}/reversal`, {
      reason: 'Istirahat 30 menit belum dipotong',
      minutes: 30,
    });
    expect(reversed.status).toBe(201);
    expect((await post('kanwil.maluku', '/oversight/signals/scan')).body).toEqual({ opened: 1, found: 9 });
    const after = await signals('kanwil.maluku', '&kind=reversal');
    expect(after.map((s) => s.status).sort()).toEqual(['open', 'reviewed']);
    expect(after.find((s) => s.status === 'open')!.orderId).toBe(credit.order_id);
  });

  it('the nightly scan is idempotent and runs once across replicas (an advisory lock held elsewhere skips it)', async () => {
    const scan = t.app.get(SignalScan);
    const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM misuse_signal`))[0].n;
    const before = await count();
    await new NightlyScan(scan).scheduled();
    expect(await count()).toBe(before);
    const runner = t.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('bakti.oversight-scan'))`);
      expect(await scan.run(null, { wait: false })).toBeNull();
      await runner.query(`SELECT pg_advisory_unlock(hashtext('bakti.oversight-scan'))`);
    } finally {
      await runner.release();
    }
    expect(await scan.run(null, { wait: false })).toEqual({ opened: 0, found: before });
  });

  it("the summary's figures equal direct SQL counts over the same month, in JSON and in XLSX", async () => {
    const now = DateTime.now().setZone('Asia/Jayapura');
    let credited = 0;
    for (const month of [now.toFormat('yyyy-MM'), now.minus({ months: 1 }).toFormat('yyyy-MM')]) {
      const summary = await get('admin', `/oversight/summary?month=${month}`);
      expect(summary.status).toBe(200);
      expect(summary.body.region).toBeNull();
      for (const bapas of summary.body.bapas) {
        expect(bapas).toEqual(await bySql(bapas.bapasId, bapas.name, month));
        credited += bapas.creditedMinutes;
      }
      const file = await get('kanwil.maluku', `/oversight/summary?month=${month}&format=xlsx`)
        .buffer(true)
        .parse(binary);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
      const row = workbook.getWorksheet('Ringkasan wilayah')!.getRow(2);
      const ambon = summary.body.bapas.find((b: { name: string }) => b.name === 'Bapas Kelas II A Ambon');
      expect(row.getCell(1).value).toBe(ambon.name);
      expect(row.getCell(2).value).toBe(ambon.ordersStarted);
      expect(row.getCell(8).value).toBe(ambon.creditedMinutes);
      expect(row.getCell(14).value).toBe(ambon.openConfirmations);
    }
    expect(credited).toBeGreaterThan(0);
  });

  it('R-19: a check-in is judged by the site as it was measured against, not as an admin corrected it since', async () => {
    const [site] = await t.db.query(
      `SELECT s.id, s.lat, s.lng, s.radius_meters AS radius, u.username FROM site s
         JOIN site_coordinator c ON c.site_id = s.id JOIN app_user u ON u.id = c.user_id AND u.role = 'coordinator'
        WHERE s.name = 'Pasukan Kuning Pasar Mardika' LIMIT 1`,
    );
    const booked: { id: string; startsAt: Date }[] = await t.db.query(
      `SELECT id, starts_at AS "startsAt" FROM assignment WHERE site_id = $1 AND status = 'scheduled' AND starts_at > now()
        ORDER BY starts_at LIMIT 2`,
      [site.id],
    );
    expect(booked).toHaveLength(2);
    const north = (meters: number) => ({ lat: site.lat + meters / 111_195, lng: site.lng });
    const checkIn = async (assignment: { id: string; startsAt: Date }) => {
      t.clock.set(new Date(assignment.startsAt.getTime() + 5 * 60_000));
      const response = await post(site.username, `/assignments/${assignment.id}/check-in`, {
        location: north(site.radius + 100),
      });
      expect(response.status).toBe(200);
    };
    const signalOf = async (assignmentId: string) =>
      (
        await t.db.query(`SELECT evidence FROM misuse_signal WHERE kind = 'outside_radius' AND occurrence = $1`, [
          `assignment:${assignmentId}`,
        ])
      )[0];
    const realNow = t.clock.now();
    try {
      // 100 m past the radius: outside it and its 50 m tolerance.
      await checkIn(booked[0]);
      const corrected = await t
        .http()
        .patch(`/api/v1/sites/${site.id}`)
        .set(as('admin'))
        .send({ location: north(50), radiusMeters: site.radius + 200 });
      expect(corrected.status).toBe(200);
      // The same spot, after the correction: measured against the site as it now stands, well within it.
      await checkIn(booked[1]);
      expect((await post('kanwil.maluku', '/oversight/signals/scan')).status).toBe(200);
    } finally {
      t.clock.set(realNow);
    }
    const facts = (await signalOf(booked[0].id))?.evidence.facts;
    expect(facts?.checkInRadiusMeters).toBe(site.radius);
    expect(Math.abs(facts?.checkInDistanceMeters - (site.radius + 100))).toBeLessThanOrEqual(1);
    expect(await signalOf(booked[1].id)).toBeUndefined();
  });

  it('403 for every other role', async () => {
    for (const username of ['pk.ambon', 'jaksa.ambon', 'koord.dlhp'] as Username[]) {
      expect((await get(username, '/oversight/summary?month=2026-11')).status).toBe(403);
      expect((await get(username, '/oversight/signals')).status).toBe(403);
      expect((await post(username, '/oversight/signals/scan')).status).toBe(403);
    }
  });

  /** The same figures, counted in SQL by hand. */
  async function bySql(bapasId: string, name: string, month: string) {
    const one = async (sql: string) => (await t.db.query(sql, [bapasId, month]))[0].n as number;
    const local = (column: string) =>
      `to_char(${column} AT TIME ZONE (SELECT timezone FROM agency WHERE id = $1), 'YYYY-MM')`;
    const completed = await one(
      `SELECT count(*)::int AS n FROM court_order WHERE bapas_id = $1 AND ${local('completed_at')} = $2`,
    );
    const completedBeforeEnd = await one(
      `SELECT count(*)::int AS n FROM court_order WHERE bapas_id = $1 AND ${local('completed_at')} = $2
          AND (completed_at AT TIME ZONE (SELECT timezone FROM agency WHERE id = $1))::date <= end_date`,
    );
    const breached = await one(
      `SELECT count(DISTINCT b.order_id)::int AS n FROM breach b JOIN court_order o ON o.id = b.order_id
        WHERE o.bapas_id = $1 AND ${local('b.opened_at')} = $2`,
    );
    const running = await one(
      `SELECT count(*)::int AS n FROM court_order WHERE bapas_id = $1
          AND to_char(start_date, 'YYYY-MM') <= $2 AND to_char(end_date, 'YYYY-MM') >= $2`,
    );
    const held = await one(
      `SELECT count(*)::int AS n FROM assignment a JOIN court_order o ON o.id = a.order_id
        WHERE o.bapas_id = $1 AND to_char(a.local_date, 'YYYY-MM') = $2 AND a.status NOT IN ('scheduled', 'cancelled')`,
    );
    const absences = await one(
      `SELECT count(*)::int AS n FROM assignment a JOIN court_order o ON o.id = a.order_id
        WHERE o.bapas_id = $1 AND to_char(a.local_date, 'YYYY-MM') = $2 AND a.status IN ('absent', 'excused', 'unexcused')`,
    );
    const [delays] = await t.db.query(
      `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY m) AS median, percentile_disc(0.9) WITHIN GROUP (ORDER BY m) AS p90
         FROM (SELECT floor(extract(epoch FROM a.signed_off_at - a.check_out_received_at) / 60)::int AS m
                 FROM assignment a JOIN court_order o ON o.id = a.order_id
                WHERE o.bapas_id = $1 AND ${local('a.signed_off_at')} = $2 AND a.check_out_received_at IS NOT NULL) d`,
      [bapasId, month],
    );
    const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);
    return {
      bapasId,
      name,
      ordersStarted: await one(
        `SELECT count(*)::int AS n FROM court_order WHERE bapas_id = $1 AND to_char(start_date, 'YYYY-MM') = $2`,
      ),
      ordersCompleted: completed,
      ordersBreached: breached,
      ordersClosed: await one(
        `SELECT count(DISTINCT b.order_id)::int AS n FROM breach_decision d JOIN breach b ON b.id = d.breach_id
           JOIN court_order o ON o.id = b.order_id
          WHERE o.bapas_id = $1 AND d.outcome IN ('imprisonment', 'fine') AND ${local('d.decided_at')} = $2`,
      ),
      ordersRunning: running,
      requiredMinutes: await one(
        `SELECT coalesce(sum(required_minutes), 0)::int AS n FROM court_order WHERE bapas_id = $1
            AND to_char(start_date, 'YYYY-MM') <= $2 AND to_char(end_date, 'YYYY-MM') >= $2`,
      ),
      creditedMinutes: await one(
        `SELECT coalesce(sum(l.minutes), 0)::int AS n FROM ledger_entry l JOIN court_order o ON o.id = l.order_id
          WHERE o.bapas_id = $1 AND ${local('l.created_at')} = $2`,
      ),
      completedBeforeEndPercent: pct(completedBeforeEnd, completed),
      absenceRatePercent: pct(absences, held),
      breachRatePercent: pct(breached, running),
      signOffMedianMinutes: delays.median,
      signOffP90Minutes: delays.p90,
      openConfirmations: await one(
        `SELECT count(*)::int AS n FROM assignment a JOIN court_order o ON o.id = a.order_id
          WHERE o.bapas_id = $1 AND a.status = 'checked_out' AND $2::text IS NOT NULL`,
      ),
      openAbsences: await one(
        `SELECT count(*)::int AS n FROM assignment a JOIN court_order o ON o.id = a.order_id
          WHERE o.bapas_id = $1 AND a.status = 'absent' AND $2::text IS NOT NULL`,
      ),
    };
  }
});
