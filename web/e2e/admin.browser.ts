import { expect, test } from '@playwright/test';
import { baseURL, DEMO_PASSWORD } from './env.js';
import { expectAccessible, query, screenshot, signIn } from './support.js';

// Several pages, downloads and axe runs each: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 });

test("an administrator edits a user and deactivates the account: the user's sign-in then fails", async ({ page }) => {
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
  await expect(page.getByRole('button', { name: 'Aktifkan kembali' })).toBeVisible();
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
