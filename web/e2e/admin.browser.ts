import { expect, test } from '@playwright/test';
import { baseURL, DEMO_PASSWORD } from './env.js';
import { call, expectAccessible, query, screenshot, signIn } from './support.js';

// Several pages, downloads and axe runs each: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 });

test("an administrator edits a user and deactivates the account: the user's sign-in then fails, and the user signed in is sent to sign in again", async ({
  page,
  browser,
}) => {
  const other = await (await browser.newContext()).newPage();
  await signIn(other, 'pk2.ambon', '/pk');
  await other.getByRole('link', { name: 'Klien' }).click();
  await other.getByLabel('Nama lengkap').fill('Formulir Tetap Terisi');
  await other.getByLabel('NIK').fill('8171010101900088');
  await other.getByLabel('Tanggal lahir').fill('1991-02-03');
  await signIn(page, 'admin', '/admin');
  await page.getByRole('link', { name: 'pk2.ambon' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('pk2.ambon');
  await page.getByLabel('Nama', { exact: true }).fill('Abdul Rahman Ohorella, S.H.');
  await page.getByLabel('Nomor HP').fill('+6281311112222');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Perubahan disimpan.');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Abdul Rahman Ohorella, S.H.');
  await expectAccessible(page);
  await screenshot(page, 'admin-user-desk');

  await page.getByRole('button', { name: 'Nonaktifkan' }).click();
  await expect(page.getByTestId('user-status')).toContainText('dinonaktifkan');
  const [row] = await query(`SELECT full_name, phone, active FROM app_user WHERE username = 'pk2.ambon'`);
  expect(row).toEqual({ full_name: 'Abdul Rahman Ohorella, S.H.', phone: '+6281311112222', active: false });
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'pk2.ambon', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(401);

  // A write refused for the token keeps its form as typed, and offers to sign in again in another tab.
  await other.getByRole('button', { name: 'Daftarkan', exact: true }).click();
  await expect(other.getByRole('alert').getByRole('link')).toHaveText(
    'Masuk lagi di tab baru, lalu kirim ulang isian ini.',
  );
  await expect(other.getByLabel('Nama lengkap')).toHaveValue('Formulir Tetap Terisi');
  await expect(other).toHaveURL('/pk/orang');
  // Its next read is refused: the session ends, the sign-in page says why and leads back to the page afterwards.
  await other.getByRole('link', { name: 'Daftar kerja' }).click();
  await expect(other).toHaveURL('/masuk?berakhir=1&next=%2Fpk');
  await expect(other.getByRole('status')).toHaveText('Sesi Anda berakhir, silakan masuk lagi.');
  await expect(other.getByRole('navigation', { name: 'Menu utama' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Aktifkan kembali' }).click();
  await expect(page.getByTestId('user-status')).not.toContainText('dinonaktifkan');
  await other.getByLabel('Nama pengguna').fill('pk2.ambon');
  await other.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await other.getByRole('button', { name: 'Masuk' }).click();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Daftar kerja');
  await expect(other).toHaveURL('/pk');
  await other.context().close();
});

test("a site's page shows it on the map with its radius, without any tile server; a new site's position is set by a click", async ({
  page,
}) => {
  await signIn(page, 'admin', '/admin');
  await page.getByRole('link', { name: 'Pasukan Kuning Pasar Mardika' }).click();
  const map = page.getByTestId('site-map');
  // The point and the radius are vectors: drawn though no tile can load here.
  await expect(map.locator('path.leaflet-interactive')).toHaveCount(2);
  await expect(page.locator('figcaption')).toContainText('radius absensi');
  await expectAccessible(page);
  await screenshot(page, 'admin-site-map-desk');

  await page.goto('/admin/lokasi-baru');
  await expect(map).toBeVisible();
  await map.click({ position: { x: 200, y: 150 } });
  await expect(page.getByLabel('Lintang')).not.toHaveValue('');
  await expect(page.getByLabel('Bujur')).not.toHaveValue('');
  await expect(map.locator('path.leaflet-interactive')).toHaveCount(2);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Hari libur' }).click();
  await expect(page.getByTestId('holiday').first()).toBeVisible();
  await expect(page.getByTestId('calendar-year')).toContainText('Kalender resmi 2026 dimuat');
  const opening = page.getByRole('region', { name: 'Buka hari libur untuk satu lokasi' });
  await opening.getByLabel('Tanggal').fill('2027-01-01');
  await opening.getByLabel('Alasan').fill('Kerja bakti tahun baru');
  await opening.getByRole('button', { name: 'Buka tanggal ini' }).click();
  await expect(page.getByTestId('opened-dates')).toContainText('Kerja bakti tahun baru');
  await expectAccessible(page);
});

test("an administrator corrects a site's radius and address: the site's page and the database show the new values", async ({
  page,
}) => {
  await signIn(page, 'admin', '/admin');
  await page.getByRole('link', { name: 'Taman Kota Ambon' }).click();
  await page.getByRole('link', { name: 'Ubah lokasi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ubah lokasi: Taman Kota Ambon');
  const radius = page.getByLabel('Radius absensi (meter)');
  const address = page.getByLabel('Alamat');
  await expect(radius).toHaveValue('200');
  await expect(address).toHaveValue('Jl. Sultan Hairun, Honipopu, Sirimau, Kota Ambon');
  await expect(page.getByTestId('site-map').locator('path.leaflet-interactive')).toHaveCount(2);

  // Nothing changed yet: the page says so, sends nothing, and the site's trail has no change.
  const updates = () => query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'site.updated'`);
  const before = await updates();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('status')).toHaveText('Tidak ada yang diubah.');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await updates()).toEqual(before);

  await radius.fill('250');
  await address.fill('Jl. Sultan Hairun No. 1, Honipopu, Sirimau, Kota Ambon');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Taman Kota Ambon');
  await expect(page.getByRole('status').first()).toHaveText('Perubahan lokasi disimpan.');
  await expect(page.locator('dl.facts')).toContainText('Jl. Sultan Hairun No. 1, Honipopu');
  await expect(page.locator('dl.facts')).toContainText('radius 250 m');
  await expect(page.locator('figcaption')).toContainText('radius absensi 250 m');
  await expectAccessible(page);
  await screenshot(page, 'admin-site-edited-desk');

  const [row] = await query(`SELECT address, radius_meters FROM site WHERE name = 'Taman Kota Ambon'`);
  expect(row).toEqual({ address: 'Jl. Sultan Hairun No. 1, Honipopu, Sirimau, Kota Ambon', radius_meters: 250 });
  const events = await query(
    `SELECT e.before->>'radiusMeters' AS before, e.after->>'radiusMeters' AS after
       FROM audit_event e JOIN site s ON s.id = e.entity_id
      WHERE s.name = 'Taman Kota Ambon' AND e.action = 'site.updated'`,
  );
  expect(events).toEqual([{ before: '200', after: '250' }]);
});

test('renewing a site with an agreement that ends sooner lists the bookings it no longer covers, for their supervisors (R-05)', async ({
  page,
}) => {
  const validTo = new Date().toISOString().slice(0, 10);
  const [site] = await query<{ id: string; agreement_id: string }>(
    `SELECT s.id, s.agreement_id FROM site s JOIN assignment a ON a.site_id = s.id
      WHERE a.status = 'scheduled' AND a.local_date > $1 GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1`,
    [validTo],
  );
  const outside = await query<{ order_id: string }>(
    `SELECT order_id FROM assignment
      WHERE site_id = $1 AND status IN ('scheduled', 'checked_in') AND ends_at > now() AND local_date > $2
      ORDER BY starts_at, id`,
    [site.id, validTo],
  );
  expect(outside.length).toBeGreaterThan(0);
  const old = (await call('admin', 'GET', '/agreements?limit=500')).body.items.find(
    (a: { id: string }) => a.id === site.agreement_id,
  );
  const renewed = await call('admin', 'POST', '/agreements', {
    number: '180/99/PKS/UJI/2026',
    title: 'Perpanjangan PKS yang berakhir lebih cepat',
    agencyIds: old.agencyIds,
    validFrom: old.validFrom,
    validTo,
  });
  expect(renewed.status).toBe(201);
  try {
    await signIn(page, 'admin', '/admin');
    await page.goto(`/admin/lokasi/${site.id}/ubah`);
    await page.getByRole('combobox', { name: /^PKS/ }).selectOption(renewed.body.id);
    await page.getByRole('button', { name: 'Simpan' }).click();
    const list = page.getByTestId('uncovered-bookings');
    await expect(list.getByRole('heading')).toHaveText(`Pemesanan di luar masa PKS (${outside.length})`);
    await expect(list).toContainText('harus memindahkan atau membatalkannya');
    await expect(list.locator('tbody tr')).toHaveCount(outside.length);
    await expect(list.locator('tbody tr').first()).toContainText(outside[0].order_id);
    await expectAccessible(page);
    await list.getByRole('link', { name: 'Lanjut ke halaman lokasi' }).click();
    await expect(page.getByRole('status').first()).toHaveText('Perubahan lokasi disimpan.');
  } finally {
    await call('admin', 'PATCH', `/sites/${site.id}`, { agreementId: site.agreement_id });
  }
});
