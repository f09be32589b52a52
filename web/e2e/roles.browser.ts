import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './support.js';

const homes = [
  { username: 'koord.dlhp', home: '/koordinator', heading: 'Sesi di lokasi saya' },
  { username: 'pk.ambon', home: '/pk', heading: 'Daftar kerja' },
  { username: 'jaksa.ambon', home: '/jaksa', heading: 'Putusan Kejari saya' },
  { username: 'admin', home: '/admin', heading: 'Administrasi' },
  { username: 'kanwil.maluku', home: '/kanwil', heading: 'Ringkasan wilayah' },
];

test('the login page is accessible, in Indonesian, with an English switch', async ({ page }) => {
  await page.goto('/pk/putusan/abc');
  await expect(page).toHaveURL(/\/masuk\?next=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Masuk ke Bakti');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Bakti');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
});

test('a wrong password is refused with the server message', async ({ page }) => {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna').fill('pk.ambon');
  await page.getByLabel('Kata sandi').fill('salah');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toContainText('Nama pengguna atau kata sandi salah');
});

for (const { username, home, heading } of homes) {
  test(`${username} signs in and lands on their home ${home}`, async ({ page }) => {
    await signIn(page, username, home);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectAccessible(page);
    if (username === 'admin') await screenshot(page, 'admin-desk');
    // A deep link survives a reload: the service answers it with the app.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  });
}

test('the API keeps its own answers: an unknown API path is problem+json, not the app', async ({ request }) => {
  const response = await request.get('/api/v1/nothing-here', { headers: { accept: 'text/html' } });
  expect(response.status()).toBe(404);
  expect(response.headers()['content-type']).toContain('application/problem+json');
  const docs = await request.get('/api/docs');
  expect(await docs.text()).toContain('swagger');
});

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/masuk');
  await screenshot(page, 'login-desk');
  await page.close();
});
