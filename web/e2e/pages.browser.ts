import { expect, test } from '@playwright/test';
import { personLinkToken } from '../../src/person-page/person-link.js';
import { baseURL } from './env.js';
import { call, expectAccessible, PHONE, query, screenshot, signIn } from './support.js';

const DEVELOPMENT_SECRET = 'bakti-development-secret-change-me-in-production';

test('a supervisor finds a person by case number, registers one, and the court order form explains the limits', async ({
  page,
}) => {
  await signIn(page, 'pk.ambon', '/pk');
  await page.getByRole('link', { name: 'Klien' }).click();
  await page.getByLabel('Cari nama atau nomor perkara').fill('41/Pid');
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect(page.getByTestId('persons').getByRole('listitem')).toHaveText(['Yohanis Latuheru']);
  await expectAccessible(page);

  await page.getByLabel('Nama lengkap').fill('Jefri Tuanakotta');
  await page.getByLabel('Tanggal lahir').fill('1990-01-01');
  // The server's errors name its fields (nik, phone): the page shows them under the form's labels, once each.
  await page.getByLabel('NIK').fill('81710101');
  await page.getByLabel('Nomor HP').fill('12');
  await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
  const refused = page.getByRole('alert');
  await expect(refused.locator('p')).toHaveText('Periksa isian berikut:');
  await expect(refused.getByRole('listitem')).toHaveText([
    'NIK: NIK harus 16 angka',
    'Nomor HP: harus nomor telepon Indonesia',
  ]);
  await expect(refused).not.toContainText('nik:');
  await page.getByLabel('NIK').fill('8171010101900099');
  await page.getByLabel('Nomor HP').fill('081234500099');
  await page.getByLabel('Agama').selectOption({ label: 'Kristen Protestan' });
  // The planner books only sites within reach of home: a person registered here must be plannable.
  await page.getByLabel('Lintang').fill('-3,6902');
  await page.getByLabel('Bujur').fill('128.1897');
  await page.getByRole('button', { name: 'Tambah waktu berhalangan' }).click();
  await page.getByLabel('Keterangan').fill('melaut');
  await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jefri Tuanakotta');
  await expectAccessible(page);
  await screenshot(page, 'person-desk');
  const [jefri] = await query(
    `SELECT id, unavailable, religion, worship_defaults, home_lat, home_lng, phone FROM person WHERE full_name = 'Jefri Tuanakotta'`,
  );
  expect(jefri).toMatchObject({
    unavailable: [{ weekday: 1, from: '07:00', to: '12:00', reason: 'melaut' }],
    religion: 'protestant',
    worship_defaults: true,
    home_lat: -3.6902,
    home_lng: 128.1897,
    phone: '+6281234500099',
  });

  // A phone cleared on the person's page is cleared, not kept.
  await expect(page.getByLabel('Lintang')).toHaveValue('-3.6902');
  await page.getByLabel('Nomor HP').fill('');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('status')).toHaveText('Selesai.');
  expect(await query(`SELECT phone, home_lat FROM person WHERE id = $1`, [jefri.id])).toEqual([
    { phone: null, home_lat: -3.6902 },
  ]);

  await page.getByLabel('Hubungan').fill('sepupu');
  await page.getByRole('button', { name: 'Nyatakan benturan kepentingan saya' }).click();
  await expect(page.getByLabel('Hubungan')).toHaveValue('');
  expect(await query(`SELECT relation FROM conflict_of_interest WHERE person_id = $1`, [jefri.id])).toEqual([
    { relation: 'sepupu' },
  ]);
  await expect(page.getByTestId('conflict-declared')).toContainText('Dicatat: sepupu.');
  // The person's link is shown whole, to copy, with the time it stops working.
  await page.getByRole('button', { name: 'Buat tautan' }).click();
  await expect(page.getByTestId('person-link')).toHaveValue(new RegExp(`^${baseURL}/saya/[\\w-]+`));
  await expect(page.getByText(/^Berlaku sampai .+ WIT\.$/)).toBeVisible();

  await page.getByRole('link', { name: 'Putusan baru' }).first().click();
  await expect(page.getByText('Dewasa 8–240 jam')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('combobox', { name: 'Klien' }).selectOption({ label: 'Jefri Tuanakotta' });
  await page.getByLabel('Nomor perkara').fill('90/Pid.C/2026/PN Amb');
  await page.getByLabel('Pengadilan').fill('Pengadilan Negeri Ambon');
  await page.getByLabel('Tanggal tindak pidana').fill('2026-09-01');
  await page.getByLabel('Tanggal putusan').fill('2026-11-20');
  await page.getByLabel('Jumlah jam').fill('240');
  await page.getByLabel('Jam per hari').fill('4');
  await page.getByLabel('Mulai', { exact: true }).fill('2026-12-07');
  await page.getByLabel('Selesai paling lambat').fill('2027-08-01');
  await page.getByLabel('Lama penjara (hari)').fill('90');
  await page.getByLabel(/Persetujuan terpidana/).check();
  await page.getByRole('button', { name: 'Daftarkan putusan' }).click();
  // more than 6 months; the server's message names the rule, nothing is recorded.
  await expect(page.getByRole('alert')).toContainText('6 bulan');
  expect(await query(`SELECT 1 FROM court_order WHERE case_number = '90/Pid.C/2026/PN Amb'`)).toEqual([]);
  await page.getByLabel('Selesai paling lambat').fill('2027-06-01');
  await page.getByRole('button', { name: 'Daftarkan putusan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jefri Tuanakotta · 90/Pid.C/2026/PN Amb');
  // It ends next year: both ends say their year.
  await expect(page.locator('main > p.sub')).toContainText('Sen, 7 Des 2026 s.d. Sel, 1 Jun 2027');
  await screenshot(page, 'order-desk');
  await page.getByRole('button', { name: 'Rencanakan sisa jam' }).click();
  await expect(page.getByTestId('planner').getByRole('row').nth(1)).toBeVisible();
});

test("a supervisor books a seat on a site's shift calendar", async ({ page }) => {
  await signIn(page, 'pk.ambon', '/pk');
  await page.getByRole('link', { name: 'Jadwal' }).click();
  await page.getByLabel('Lokasi').selectOption({ label: 'Rumah Singgah Dinas Sosial' });
  const agustinus = (await call('pk.ambon', 'GET', '/orders?limit=500')).body.items.find(
    (o: any) => o.personName === 'Agustinus Wattimena',
  );
  await page.getByLabel('Putusan yang dijadwalkan').selectOption(agustinus.id);
  const from = new Date(Date.now() + 15 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Mulai tanggal').fill(from);
  const first = page.getByRole('row').nth(1);
  await expect(first.getByRole('button', { name: 'Pesan' })).toBeEnabled();
  await expectAccessible(page);
  await screenshot(page, 'booking-desk');
  await first.getByRole('button', { name: 'Pesan' }).click();
  await expect(page.getByRole('status')).toContainText('Dipesan');
  const rows = await query(`SELECT count(*)::int AS n FROM assignment WHERE order_id = $1 AND local_date >= $2`, [
    agustinus.id,
    from,
  ]);
  expect(rows[0].n).toBe(1);
});

test("the person's link shows only their own shifts and hours, takes a notice in advance; an expired link is refused", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const yohanis = (await call('pk.ambon', 'GET', '/persons?q=Yohanis')).body.items[0];
  const link = await call('pk.ambon', 'POST', `/persons/${yohanis.id}/link`);
  expect(link.status).toBe(201);
  await page.goto(link.body.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jadwal saya, Yohanis Latuheru');
  const own = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assignment WHERE person_id = $1 AND status = 'scheduled' AND ends_at > now()`,
    [yohanis.id],
  );
  await expect(page.getByTestId('own-shift')).toHaveCount(Math.min(own[0].n, 20));
  await expect(page.getByTestId('hours')).toBeVisible();
  const body = page.locator('body');
  await expect(body).not.toContainText('Agustinus');
  await expect(body).not.toContainText(yohanis.nik);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'person-own-page-phone');

  const next = page.getByTestId('own-shift').first();
  await next.getByRole('button', { name: 'Saya tidak bisa datang' }).click();
  await next.getByLabel('Alasan').fill('Anak saya sakit');
  await next.getByRole('button', { name: 'Kirim ke pembimbing' }).click();
  await expect(next).toContainText('Anda sudah memberi tahu: “Anak saya sakit”');
  const worklist = await call('pk.ambon', 'GET', '/worklist');
  expect(worklist.body.notices.map((n: any) => [n.personName, n.notice])).toContainEqual([
    'Yohanis Latuheru',
    'Anak saya sakit',
  ]);

  const expired = personLinkToken(yohanis.id, new Date(Date.now() - 60_000), DEVELOPMENT_SECRET);
  await page.goto(`/saya/${expired}`);
  await expect(page.getByRole('alert')).toContainText('kedaluwarsa');
  await expect(body).not.toContainText('Yohanis');
  await context.close();
});
