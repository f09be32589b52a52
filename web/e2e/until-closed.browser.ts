import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { call, expectAccessible, query, screenshot, signIn } from './support.js';

// Several pages, downloads and axe runs each: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 });

const todayAt = (zone: string, plusMonths = 0) => {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + plusMonths, d)).toISOString().slice(0, 10);
};

async function orderOf(personName: string): Promise<{ id: string }> {
  const { body } = await call('pk.ambon', 'GET', '/orders?limit=500');
  return body.items.find((o: any) => o.personName === personName);
}

test("the order's prosecutor corrects a decision: both decisions stay in the history, the order follows the correction", async ({
  page,
}) => {
  const order = await orderOf('Abdullah Tuasikal');
  const breach = await call('pk.ambon', 'POST', `/orders/${order.id}/breaches`, { reason: 'Tidak hadir tanpa kabar' });
  expect(breach.status).toBe(201);
  const decided = await call('jaksa.ambon', 'POST', `/breaches/${breach.body.id}/decision`, {
    outcome: 'dismissed',
    decisionNumber: 'B-20/Q.1.10/Eku.3/12/2026',
    decisionDate: todayAt('Asia/Jayapura'),
    note: 'Surat keterangan sakit diterima',
  });
  expect(decided.status).toBe(200);

  await signIn(page, 'jaksa.ambon', '/jaksa');
  await page.goto(`/jaksa/putusan/${order.id}`);
  const card = page.getByTestId('breach');
  await card.getByText('Koreksi putusan', { exact: true }).click();
  const form = card.getByRole('form', { name: 'Koreksi putusan yang berlaku' });
  await form
    .getByLabel('Alasan koreksi')
    .fill('Surat keterangan sakit tidak sah: putusan yang benar mengulang pekerjaan');
  await form.getByRole('combobox', { name: 'Keputusan' }).selectOption('repeat');
  await form.getByLabel('Jam yang diulang').fill('10');
  await form.getByLabel('Tanggal berakhir baru').fill(todayAt('Asia/Jayapura', 3));
  await form.getByLabel('Nomor keputusan').fill('B-21/Q.1.10/Eku.3/12/2026');
  await expectAccessible(page);
  await screenshot(page, 'prosecutor-correction-desk');
  await form.getByRole('button', { name: 'Catat koreksi' }).click();

  const history = card.getByTestId('decision-history').getByRole('listitem');
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText('B-20/Q.1.10/Eku.3/12/2026');
  await expect(history.nth(0)).toContainText('dikoreksi');
  await expect(history.nth(1)).toContainText('B-21/Q.1.10/Eku.3/12/2026');
  await expect(history.nth(1)).toContainText('berlaku');
  const [row] = await query(`SELECT status, repeat_minutes FROM court_order WHERE id = $1`, [order.id]);
  expect(row).toEqual({ status: 'active', repeat_minutes: 600 });
  const decisions = await query(
    `SELECT corrects_id FROM breach_decision WHERE breach_id = $1 ORDER BY corrects_id NULLS FIRST`,
    [breach.body.id],
  );
  expect(decisions.map((d) => d.corrects_id)).toEqual([null, decided.body.decision.id]);
});

async function downloadFrom(page: Page, button: string, path: string) {
  const [download, response] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForResponse((r) => r.url().includes(path)),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const disposition = response.headers()['content-disposition'];
  // The file keeps the server's name.
  expect(disposition).toContain(download.suggestedFilename());
  return { type: response.headers()['content-type'], name: download.suggestedFilename(), file: await download.path() };
}

test('a prosecutor downloads the monthly report as PDF, XLSX and CSV and a berita acara; the export log lists them', async ({
  page,
}) => {
  await signIn(page, 'jaksa.ambon', '/jaksa');
  await page.getByRole('link', { name: 'Laporan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Laporan bulanan');
  await expect(page.locator('main')).toContainText('Kejaksaan Negeri Ambon');
  await expectAccessible(page);
  await screenshot(page, 'reports-desk');
  const formats = [
    ['Unduh PDF', 'application/pdf', '%PDF'],
    ['Unduh XLSX (Excel)', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK'],
    ['Unduh CSV', 'text/csv', ''],
  ];
  for (const [button, type, magic] of formats) {
    const got = await downloadFrom(page, button, '/reports/monthly');
    expect(got.type).toContain(type);
    expect((await readFile(got.file)).subarray(0, magic.length).toString('latin1')).toBe(magic);
    await expect(page.getByTestId('download-status')).toHaveText(`Berkas diunduh: ${got.name}`);
  }

  const maria = (await call('jaksa.ambon', 'GET', '/orders?limit=500')).body.items.find((o: any) =>
    o.caseNumber.startsWith('44/'),
  );
  await page.goto(`/jaksa/putusan/${maria.id}`);
  // Her bookings with their site, in its zone, whether or not the prosecutor may open the site itself.
  const bookings = page.getByRole('region', { name: /^Jadwal \(\d+\)$/ }).getByRole('row');
  await expect(bookings.filter({ hasText: 'Rumah Singgah Dinas Sosial' })).toHaveCount(2);
  const report = await downloadFrom(page, 'Unduh berita acara (PDF)', '/completion-report');
  expect(report.type).toContain('application/pdf');

  await page.getByRole('button', { name: /Keluar/ }).click();
  await signIn(page, 'admin', '/admin');
  await page.getByRole('link', { name: 'Log unduhan' }).click();
  const rows = page.getByTestId('export-log').getByRole('row').filter({ hasText: 'jaksa.ambon' });
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: 'Laporan bulanan' })).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Berita acara' })).toHaveCount(1);
  await expectAccessible(page);
  await screenshot(page, 'admin-exports-desk');
});
