import { expect, test } from '@playwright/test';
import { call, expectAccessible, PHONE, query, screenshot, signIn } from './support.js';

async function orderOf(caseNumberStart: string): Promise<{ id: string; personName: string }> {
  const { body } = await call('pk.ambon', 'GET', '/orders?limit=500');
  return body.items.find((o: any) => o.caseNumber.startsWith(caseNumberStart));
}

test('a supervisor signs off a whole shift from the worklist, and the ledger shows it', async ({ page }) => {
  await signIn(page, 'pk.ambon', '/pk');
  const card = page.getByTestId('sign-off-shift').filter({ hasText: 'Yusuf Wally' });
  await expect(card).toContainText('Johny Souisa');
  await expect(card).toContainText('Novita Sahetapy');
  await expectAccessible(page);
  await screenshot(page, 'worklist-desk');
  await card.getByRole('button', { name: 'Sahkan seluruh sesi (3 orang)' }).click();
  await expect(card.getByRole('status').getByRole('listitem')).toHaveText([
    'Daniel Matulessy: diakui 3 j',
    'Frans Siahaya: diakui 3 j',
    'Yusuf Wally: diakui 3 j',
  ]);
  const credits = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ledger_entry l JOIN assignment a ON a.id = l.assignment_id JOIN person p ON p.id = a.person_id
      WHERE p.full_name IN ('Daniel Matulessy', 'Frans Siahaya', 'Yusuf Wally') AND l.kind = 'credit' AND l.minutes = 180`,
  );
  expect(credits[0].n).toBe(3);

  await card.getByRole('link', { name: 'Yusuf Wally' }).click();
  await expect(page.getByTestId('ledger').getByRole('row')).toHaveCount(2);
  await expect(page.getByTestId('ledger')).toContainText('Pengakuan');
  await expect(page.getByTestId('credited')).toHaveText('3 j');
  await expectAccessible(page);
});

test("the planner's proposal for one order is applied from the order's page", async ({ page }) => {
  const yohanis = await orderOf('41/');
  const before = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assignment WHERE order_id = $1 AND status = 'scheduled'`,
    [yohanis.id],
  );
  await signIn(page, 'pk.ambon', '/pk');
  await page.goto(`/pk/putusan/${yohanis.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Yohanis Latuheru');
  await expect(page.locator('[aria-labelledby="h-audit"]')).toContainText('Putusan didaftarkan');
  await page.getByRole('button', { name: 'Rencanakan sisa jam' }).click();
  const planner = page.getByTestId('planner');
  const proposals = planner.getByRole('row');
  await expect(proposals.nth(1)).toBeVisible();
  const proposed = (await proposals.count()) - 1;
  expect(proposed).toBeGreaterThan(0);
  await expectAccessible(page);
  await screenshot(page, 'order-plan-desk');
  await planner.getByRole('button', { name: `Terapkan rencana (${proposed} sesi)` }).click();
  await expect(page.getByTestId('plan-applied')).toHaveText(`Rencana diterapkan: ${proposed} dipesan, 0 ditolak.`);
  const after = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assignment WHERE order_id = $1 AND status = 'scheduled'`,
    [yohanis.id],
  );
  expect(after[0].n).toBe(before[0].n + proposed);
});

test('the worklist reads on a phone too', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, 'pk.ambon', '/pk');
  await expect(page.getByRole('heading', { name: /Tanpa jadwal 14 hari/ })).toBeVisible();
  await screenshot(page, 'worklist-phone');
});

test('a prosecutor reads the orders of their Kejari; one of another Kejari sees nothing of this order', async ({
  page,
}) => {
  const yohanis = await orderOf('41/');
  await signIn(page, 'jaksa.ambon', '/jaksa');
  await expect(page.getByTestId('order').filter({ hasText: 'Yohanis Latuheru' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'prosecutor-desk');
  await page.getByRole('link', { name: /Yohanis Latuheru/ }).click();
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect(page.getByRole('button')).not.toContainText(['Sahkan', 'Rencanakan sisa jam']);
  await expectAccessible(page);

  await page.getByRole('button', { name: /Keluar/ }).click();
  await signIn(page, 'jaksa.sungaipenuh', '/jaksa');
  await expect(page.getByTestId('order')).not.toContainText(['Yohanis']);
  await page.goto(`/jaksa/putusan/${yohanis.id}`);
  await expect(page.getByRole('alert')).toContainText('di luar wilayah kerja Anda');
  await expect(page.locator('main')).not.toContainText('Yohanis');
  await expect(page.locator('main')).not.toContainText('41/Pid.C');
});

test("a supervisor reports a breach and the order's prosecutor decides it (Art. 85(7))", async ({ page }) => {
  const rahmat = (await call('pk.sungaipenuh', 'GET', '/orders')).body.items.find(
    (o: any) => o.personName === 'Rahmat Hidayat',
  );
  await signIn(page, 'pk.sungaipenuh', '/pk');
  await page.goto(`/pk/putusan/${rahmat.id}`);
  await page.getByLabel('Alasan laporan').fill('Tidak dapat dihubungi dua minggu');
  await page.getByRole('button', { name: 'Laporkan pelanggaran ke jaksa' }).click();
  await expect(page.getByTestId('breach')).toContainText('menunggu keputusan jaksa');
  await expectAccessible(page);
  expect((await query(`SELECT status FROM court_order WHERE id = $1`, [rahmat.id]))[0].status).toBe('breached');

  await page.getByRole('button', { name: /Keluar/ }).click();
  await signIn(page, 'jaksa.sungaipenuh', '/jaksa');
  await page.goto(`/jaksa/putusan/${rahmat.id}`);
  const breach = page.getByTestId('breach');
  await breach.getByRole('combobox', { name: 'Keputusan' }).selectOption('dismissed');
  await breach.getByLabel('Nomor keputusan', { exact: true }).fill('B-17/L.5.14/Eku.3/12/2026');
  await breach.getByLabel('Tanggal keputusan', { exact: true }).fill(new Date().toISOString().slice(0, 10));
  await breach.getByLabel('Catatan').fill('Klien dirawat di rumah sakit; surat dokter diterima');
  await expectAccessible(page);
  await screenshot(page, 'prosecutor-decision-desk');
  await breach.getByRole('button', { name: 'Catat keputusan' }).click();
  await expect(breach).toContainText('dikesampingkan');
  expect((await query(`SELECT status FROM court_order WHERE id = $1`, [rahmat.id]))[0].status).toBe('active');
});

test('the booking page offers no seat the order holds; a supervisor cancels that booking from the order page', async ({
  page,
}) => {
  const samuel = (await call('pk.ambon', 'GET', '/orders?limit=500')).body.items.find(
    (o: any) => o.personName === 'Samuel Leiwakabessy',
  );
  // Six weeks ahead: past the four weeks the whole Bapas's plan books (whole-bapas.browser.ts).
  const from = new Date(Date.now() + 42 * 86_400_000).toISOString().slice(0, 10);
  await signIn(page, 'pk.ambon', '/pk');
  await page.getByRole('link', { name: 'Jadwal' }).click();
  await page.getByLabel('Lokasi').selectOption({ label: 'Pasukan Kuning Pasar Mardika' });
  await page.getByLabel('Putusan yang dijadwalkan').selectOption(samuel.id);
  await page.getByLabel('Mulai tanggal').fill(from);
  const first = page.getByRole('row').nth(1);
  await first.getByRole('button', { name: 'Pesan' }).click();
  await expect(first).toContainText('sudah dipesan untuk putusan ini');
  await expect(first.getByRole('button')).toHaveCount(0);
  const date = (await first.getByRole('cell').first().textContent())!;
  const booked = await query(`SELECT id FROM assignment WHERE order_id = $1 AND local_date >= $2`, [samuel.id, from]);
  expect(booked).toHaveLength(1);

  await page.goto(`/pk/putusan/${samuel.id}`);
  const row = page.getByRole('row').filter({ hasText: date });
  await row.getByRole('button', { name: 'Batalkan' }).click();
  await row.getByLabel('Alasan pembatalan').fill('Klien mulai bekerja di kapal');
  await expectAccessible(page);
  await row.getByRole('button', { name: 'Batalkan jadwal ini' }).click();
  await expect(row).toContainText('Dibatalkan');
  await expect(row.getByRole('button')).toHaveCount(0);
  const [cancelled] = await query(
    `SELECT a.status, a.cancel_reason,
            (SELECT count(*)::int FROM audit_event e
              WHERE e.entity_type = 'assignment' AND e.entity_id = a.id AND e.action = 'assignment.cancelled') AS audits
       FROM assignment a WHERE a.id = $1`,
    [booked[0].id],
  );
  expect(cancelled).toEqual({ status: 'cancelled', cancel_reason: 'Klien mulai bekerja di kapal', audits: 1 });
});
