import { ConsoleLogger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Response } from 'supertest';
import { loadConfig } from '../src/config/app-config.js';
import { prepareDatabase } from '../src/database/data-source.js';
import { seedDemo } from '../src/database/demo-seed.js';
import { MonthlyReportsJob } from '../src/reports/monthly-reports.job.js';
import { monthBounds } from '../src/reports/report.rules.js';
import { startTestApp, TestApp } from './support/test-app.js';
import { ownDatabase } from './support/test-config.js';

/** Collects a binary answer (PDF, XLSX) into a Buffer. */
const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function pdfText(body: Buffer): Promise<{ pages: number; text: string; keywords: string }> {
  const pdf = await getDocument({
    data: new Uint8Array(body),
    standardFontDataUrl: 'node_modules/pdfjs-dist/standard_fonts/',
  }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const { info } = await pdf.getMetadata();
  return { pages: pdf.numPages, text: parts.join('\n'), keywords: (info as { Keywords?: string }).Keywords ?? '' };
}

describe('reports: the berita acara, the monthly reports and the export log (R-09, R-16, R-26, R-28, R-30)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const agencyOf: Record<string, string> = {};
  /** Every download the test made that should be in the export log. */
  const downloads: { username: string; kind: string; format: string }[] = [];

  const get = (username: string, path: string) =>
    t.http().get(`/api/v1${path}`).set('authorization', `Bearer ${tokens[username]}`).buffer(true).parse(binary);
  const download = async (username: string, path: string, kind: string, format: string) => {
    const res = await get(username, path);
    expect(res.status).toBe(200);
    downloads.push({ username, kind, format });
    return res;
  };

  let maria: { id: string; case_number: string; nik: string; credited_minutes: number; required_minutes: number };
  /** The month of Maria's last credited shift, as Ambon counts it. */
  let month: string;

  beforeAll(async () => {
    const DATABASE_URL = await ownDatabase('reports');
    await prepareDatabase(DATABASE_URL);
    const config = loadConfig({ ...process.env, DATABASE_URL, NODE_ENV: 'test' });
    await seedDemo(config, new ConsoleLogger({ logLevels: ['error'] }));
    t = await startTestApp(new Date().toISOString(), { DATABASE_URL });
    for (const username of ['admin', 'pk.ambon', 'jaksa.ambon', 'jaksa.sungaipenuh', 'koord.dinsos', 'koord.dlhp']) {
      const res = await t.http().post('/api/v1/auth/login').send({ username, password: config.DEMO_PASSWORD });
      expect(res.status).toBe(200);
      tokens[username] = res.body.accessToken;
      agencyOf[username] = res.body.user.agencyId;
    }
    [maria] = await t.db.query(
      `SELECT o.id, o.case_number, p.nik, o.credited_minutes, o.required_minutes
         FROM court_order o JOIN person p ON p.id = o.person_id
        WHERE o.status = 'completed' AND p.full_name = 'Maria Pattiasina'`,
    );
    [{ month }] = await t.db.query(
      `SELECT to_char(max(a.local_date), 'YYYY-MM') AS month FROM assignment a WHERE a.order_id = $1 AND a.status = 'credited'`,
      [maria.id],
    );
  }, 120_000);
  afterAll(() => t?.close());

  it("R-16: the berita acara of Maria's completed order has the case, the total, both signatures, no NIK, and a fresh checkpoint", async () => {
    const before: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM audit_checkpoint`);
    const res = await download('pk.ambon', `/orders/${maria.id}/completion-report`, 'completion_report', 'pdf');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="berita-acara-.+\.pdf"$/);

    const { text, keywords, pages } = await pdfText(res.body);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain('BERITA ACARA PELAKSANAAN PIDANA KERJA SOSIAL');
    expect(text).toContain('BAPAS');
    expect(text).toContain(maria.case_number);
    expect(maria.credited_minutes).toBe(480);
    expect(text).toContain(`${maria.credited_minutes} menit (8 jam 0 menit)`);
    expect(text).not.toContain(maria.nik);
    expect(text).not.toContain('NIK');

    const shifts: { confirmed: string; signed: string }[] = await t.db.query(
      `SELECT c.full_name AS confirmed, s.full_name AS signed FROM assignment a
         JOIN app_user c ON c.id = a.confirmed_by JOIN app_user s ON s.id = a.signed_off_by
        WHERE a.order_id = $1 AND a.status = 'credited'`,
      [maria.id],
    );
    expect(shifts.length).toBe(2);
    for (const shift of shifts) {
      expect(text).toContain(shift.confirmed);
      expect(text).toContain(shift.signed);
    }

    // a checkpoint was written for this printing, and the paper carries it.
    const [after]: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM audit_checkpoint`);
    expect(after.n).toBe(before[0].n + 1);
    const [latest]: { id: string; signature: string; event_count: string }[] = await t.db.query(
      `SELECT id, signature, event_count FROM audit_checkpoint ORDER BY seq DESC LIMIT 1`,
    );
    expect(text).toContain(latest.signature);
    expect(text).toContain(latest.id);
    const printed = JSON.parse(keywords.replace(/^bakti-checkpoint:/, ''));
    expect(printed.signature).toBe(latest.signature);
    const verdict = await t
      .http()
      .post('/api/v1/audit-events/checkpoints/verify')
      .set('authorization', `Bearer ${tokens['jaksa.ambon']}`)
      .send(printed);
    expect(verdict.status).toBe(200);
    expect(verdict.body.intact).toBe(true);
  });

  it("R-26: the prosecutor of the order's Kejari prints it too; another Kejari's gets 403; an active order answers 409", async () => {
    const res = await download('jaksa.ambon', `/orders/${maria.id}/completion-report`, 'completion_report', 'pdf');
    expect((await pdfText(res.body)).text).toContain(maria.case_number);

    expect((await get('jaksa.sungaipenuh', `/orders/${maria.id}/completion-report`)).status).toBe(403);
    const [active] = await t.db.query(`SELECT id FROM court_order WHERE status = 'active' AND bapas_id = $1 LIMIT 1`, [
      agencyOf['pk.ambon'],
    ]);
    const refused = await t
      .http()
      .get(`/api/v1/orders/${active.id}/completion-report`)
      .set('authorization', `Bearer ${tokens['pk.ambon']}`);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.errors[0].code).toBe('report.order_not_completed');
  });

  it("R-09: the Kejari's monthly XLSX has the rows the database has, and the latest checkpoint", async () => {
    const kejari = agencyOf['jaksa.ambon'];
    const window = monthBounds(month, 'Asia/Jayapura');
    // A breach opened in the month on the Kejari's first order (dismissed: its open one, if any, stays unique).
    await t.db.query(
      `INSERT INTO breach (order_id, status, grounds, evidence, opened_at)
       SELECT id, 'dismissed', 'cannot_finish', '{}', $2 FROM court_order
        WHERE kejaksaan_id = $1 AND start_date <= $4 AND (end_date >= $3 OR status IN ('active', 'breached'))
        ORDER BY case_number LIMIT 1`,
      [kejari, new Date(window.from.getTime() + 86_400_000), window.firstDate, window.lastDate],
    );
    const res = await download(
      'jaksa.ambon',
      `/reports/monthly?agencyId=${kejari}&month=${month}&format=xlsx`,
      'monthly_report',
      'xlsx',
    );
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);

    const orders: {
      case_number: string;
      status: string;
      credited_minutes: number;
      required_minutes: number;
      breaches_opened: number;
    }[] = await t.db.query(
      `SELECT case_number, status, credited_minutes, required_minutes,
              (SELECT count(*)::int FROM breach b WHERE b.order_id = o.id AND b.opened_at >= $4 AND b.opened_at < $5) AS breaches_opened
         FROM court_order o
        WHERE kejaksaan_id = $1 AND start_date <= $3 AND (end_date >= $2 OR status IN ('active', 'breached')) ORDER BY case_number`,
      [kejari, window.firstDate, window.lastDate, window.from, window.until],
    );
    expect(orders.length).toBeGreaterThanOrEqual(3);
    const sheet = workbook.getWorksheet('Putusan')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Nomor perkara');
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((row) => row[1])).toEqual(orders.map((order) => order.case_number));
    for (const [i, order] of orders.entries()) {
      expect(rows[i][4]).toBe(order.required_minutes);
      expect(rows[i][5]).toBe(order.credited_minutes);
      expect(rows[i][6]).toBe(order.required_minutes - order.credited_minutes);
      expect(rows[i][11]).toBe(order.breaches_opened);
    }
    expect(orders.some((order) => order.breaches_opened > 0)).toBe(true);

    const summary = new Map(
      (workbook.getWorksheet('Ringkasan')!.getSheetValues() as unknown[][])
        .filter(Boolean)
        .map((row) => [row[1], row[2]]),
    );
    expect(summary.get('Jumlah putusan')).toBe(orders.length);
    expect(summary.get('Selesai')).toBe(orders.filter((order) => order.status === 'completed').length);
    expect(summary.get('Berjalan')).toBe(orders.filter((order) => order.status === 'active').length);
    expect(summary.get('Menit dikreditkan')).toBe(orders.reduce((sum, order) => sum + order.credited_minutes, 0));
    const [absences] = await t.db.query(
      `SELECT count(*)::int AS n FROM assignment a JOIN court_order o ON o.id = a.order_id
        WHERE o.kejaksaan_id = $1 AND a.status IN ('absent', 'excused', 'unexcused') AND a.absence_recorded_at >= $2 AND a.absence_recorded_at < $3`,
      [kejari, window.from, window.until],
    );
    expect(summary.get('Ketidakhadiran bulan ini')).toBe(absences.n);
    const [breaches] = await t.db.query(
      `SELECT count(*)::int AS n FROM breach b JOIN court_order o ON o.id = b.order_id
        WHERE o.kejaksaan_id = $1 AND b.opened_at >= $2 AND b.opened_at < $3`,
      [kejari, window.from, window.until],
    );
    expect(summary.get('Laporan pelanggaran dibuka bulan ini')).toBe(breaches.n);

    const [latest] = await t.db.query(
      `SELECT signature, event_count::int AS events FROM audit_checkpoint ORDER BY seq DESC LIMIT 1`,
    );
    const audit = new Map(
      (workbook.getWorksheet('Checkpoint audit')!.getSheetValues() as unknown[][])
        .filter(Boolean)
        .map((row) => [row[1], row[2]]),
    );
    expect(audit.get('Tanda tangan (HMAC-SHA256)')).toBe(latest.signature);
    expect(audit.get('Jumlah peristiwa audit')).toBe(latest.events);
  });

  it("R-09: the OPD's monthly CSV parses, one line per site with the work the database records there", async () => {
    const opd = agencyOf['koord.dinsos'];
    const res = await download(
      'koord.dinsos',
      `/reports/monthly?agencyId=${opd}&month=${month}&format=csv`,
      'monthly_report',
      'csv',
    );
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .map((line: string) => line.split(','));
    expect(lines[0]).toEqual([
      'Lokasi',
      'Sesi',
      'Terpidana',
      'Menit dikonfirmasi',
      'Menit dikreditkan',
      'Ketidakhadiran',
    ]);
    const window = monthBounds(month, 'Asia/Jayapura');
    const sites: { name: string; shifts: number; persons: number; credited: number }[] = await t.db.query(
      `SELECT s.name,
              (SELECT count(DISTINCT a.shift_id)::int FROM assignment a WHERE a.site_id = s.id AND a.local_date BETWEEN $2 AND $3
                  AND a.status IN ('checked_out', 'credited')) AS shifts,
              (SELECT count(DISTINCT a.person_id)::int FROM assignment a WHERE a.site_id = s.id AND a.local_date BETWEEN $2 AND $3
                  AND a.status IN ('checked_out', 'credited')) AS persons,
              (SELECT coalesce(sum(l.minutes), 0)::int FROM ledger_entry l JOIN assignment a ON a.id = l.assignment_id
                WHERE a.site_id = s.id AND a.local_date BETWEEN $2 AND $3) AS credited
         FROM site s WHERE s.agency_id = $1 ORDER BY s.name`,
      [opd, window.firstDate, window.lastDate],
    );
    expect(
      lines.slice(1).map((line: string[]) => [line[0], Number(line[1]), Number(line[2]), Number(line[4])]),
    ).toEqual(sites.map((site) => [site.name, site.shifts, site.persons, site.credited]));
    expect(sites.some((site) => site.credited > 0)).toBe(true);
  });

  it("R-09: the Bapas's monthly PDF opens with its orders and the latest checkpoint's signature", async () => {
    const res = await download(
      'pk.ambon',
      `/reports/monthly?agencyId=${agencyOf['pk.ambon']}&month=${month}&format=pdf`,
      'monthly_report',
      'pdf',
    );
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(res.body);
    const [latest] = await t.db.query(`SELECT signature FROM audit_checkpoint ORDER BY seq DESC LIMIT 1`);
    expect(text).toContain('LAPORAN BULANAN PEMBIMBINGAN PIDANA KERJA SOSIAL');
    expect(text).toContain(maria.case_number);
    expect(text).toContain(latest.signature);
    expect(text).not.toContain(maria.nik);
  });

  it("R-26: other agencies' users get 403; a bad month or format is a 400 naming the field", async () => {
    const kejari = agencyOf['jaksa.ambon'];
    expect(
      (await get('jaksa.sungaipenuh', `/reports/monthly?agencyId=${kejari}&month=${month}&format=pdf`)).status,
    ).toBe(403);
    expect((await get('pk.ambon', `/reports/monthly?agencyId=${kejari}&month=${month}&format=pdf`)).status).toBe(403);
    expect(
      (await get('koord.dlhp', `/reports/monthly?agencyId=${agencyOf['koord.dinsos']}&month=${month}&format=csv`))
        .status,
    ).toBe(403);

    const bad = async (query: string, field: string, code: string) => {
      const res = await t
        .http()
        .get(`/api/v1/reports/monthly?${query}`)
        .set('authorization', `Bearer ${tokens['jaksa.ambon']}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field, code })]);
    };
    await bad(`agencyId=${kejari}&month=2026-13&format=pdf`, 'month', 'validation.isMonth');
    await bad(`agencyId=${kejari}&month=${month}&format=docx`, 'format', 'validation.isIn');
    await bad(`agencyId=${kejari}&month=2100-01&format=pdf`, 'month', 'report.month_in_future');
    await bad(`agencyId=nope&month=${month}`, 'agencyId', 'validation.isUuid');
    const kanwil = await t
      .http()
      .get(`/api/v1/reports/monthly?agencyId=${agencyOf.admin}&month=${month}`)
      .set('authorization', `Bearer ${tokens.admin}`);
    expect(kanwil.status).toBe(400);
    expect(kanwil.body.errors[0].field).toBe('agencyId');
  });

  it("R-09: on the first of the month each Kejari's prosecutors, Bapas's supervisors and OPD's coordinators get a link to the report, once", async () => {
    const job = t.app.get(MonthlyReportsJob);
    const expected: { id: string; agency_id: string }[] = await t.db.query(
      `SELECT u.id, u.agency_id FROM app_user u JOIN agency a ON a.id = u.agency_id
        WHERE u.active AND a.timezone = 'Asia/Jayapura'
          AND ((a.kind = 'kejaksaan' AND u.role = 'prosecutor') OR (a.kind = 'bapas' AND u.role = 'supervisor') OR (a.kind = 'opd' AND u.role = 'coordinator'))`,
    );
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(await job.send({ timezone: 'Asia/Jayapura', month })).toBe(expected.length);
    expect(await job.send({ timezone: 'Asia/Jayapura', month })).toBe(0);

    const stored: { recipient_id: string; text: string }[] = await t.db.query(
      `SELECT recipient_id, text FROM notification WHERE reason = 'monthly_report'`,
    );
    expect(stored.map((n) => n.recipient_id).sort()).toEqual(expected.map((u) => u.id).sort());
    const jaksa = stored.find(
      (n) => n.recipient_id === expected.find((u) => u.agency_id === agencyOf['jaksa.ambon'])!.id,
    )!;
    expect(jaksa.text).toContain('Laporan bulanan Kejaksaan Negeri Ambon');
    const link = /\/api\/v1(\/reports\/monthly\?\S+format=pdf)/.exec(jaksa.text)![1];
    expect(link).toBe(`/reports/monthly?agencyId=${agencyOf['jaksa.ambon']}&month=${month}&format=pdf`);
    const res = await download('jaksa.ambon', link, 'monthly_report', 'pdf');
    expect((await pdfText(res.body)).text).toContain('LAPORAN BULANAN PENGAWASAN PIDANA KERJA SOSIAL');
  });

  it('the OpenAPI document describes the files and the refusals', async () => {
    const { paths } = (await t.http().get('/api/docs-json')).body;
    const completion = paths['/api/v1/orders/{id}/completion-report'].get;
    expect(Object.keys(completion.responses['200'].content)).toEqual(['application/pdf']);
    expect(Object.keys(completion.responses)).toEqual(expect.arrayContaining(['403', '404', '409']));
    const monthly = paths['/api/v1/reports/monthly'].get;
    expect(Object.keys(monthly.responses['200'].content)).toHaveLength(3);
    expect(monthly.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['agencyId', 'format', 'month']);
    expect(paths['/api/v1/exports'].get.summary).toContain('export log');
  });

  it("R-30: the export log lists every download made above, to admins only, and can't be rewritten", async () => {
    expect((await get('jaksa.ambon', '/exports')).status).toBe(403);
    const res = await t.http().get('/api/v1/exports?limit=500').set('authorization', `Bearer ${tokens.admin}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(downloads.length);
    const logged = res.body.items.map((item: { username: string; kind: string; format: string }) => ({
      username: item.username,
      kind: item.kind,
      format: item.format,
    }));
    expect(logged.reverse()).toEqual(downloads);
    const completion = res.body.items.find((item: { kind: string }) => item.kind === 'completion_report');
    expect(completion).toEqual(expect.objectContaining({ orderId: maria.id, personCount: 1 }));
    expect(res.body.items.find((item: { format: string }) => item.format === 'csv').personCount).toBe(0);

    const page = await t.http().get('/api/v1/exports?limit=2&offset=1').set('authorization', `Bearer ${tokens.admin}`);
    expect(page.body.items.map((item: { id: string }) => item.id)).toEqual(
      res.body.items.slice(1, 3).map((item: { id: string }) => item.id),
    );

    await expect(t.db.query(`UPDATE export_log SET person_count = 0`)).rejects.toThrow();
    await expect(t.db.query(`DELETE FROM export_log`)).rejects.toThrow();
  });
});
