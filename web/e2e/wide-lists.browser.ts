import { expect, test } from '@playwright/test';
import { call, query, signIn } from './support.js';

// Last of the files (by name): the agencies it adds stay out of the other files' way.
test.describe.configure({ timeout: 90_000 });

const WIDE = 510;

test('at national scale the administrator searches and pages the agencies, and the select of agencies holds them all', async ({
  page,
}) => {
  // More agencies than one page of the API holds (500): codes after every demo agency's, in a region of their own.
  await query(
    `INSERT INTO agency (code, name, kind, region, timezone)
     SELECT 'ZZ-UJI-' || lpad(i::text, 3, '0'), 'Instansi Uji ' || lpad(i::text, 3, '0'), 'opd', 'ID-PA', 'Asia/Jayapura'
       FROM generate_series(1, $1::int) AS i`,
    [WIDE],
  );
  await signIn(page, 'admin', '/admin');
  const agencies = page.getByRole('region', { name: /^Instansi \(/ });
  await agencies.getByLabel('Cari nama atau kode instansi').fill('Instansi Uji');
  await expect(agencies.getByRole('heading')).toHaveText(`Instansi (${WIDE})`);
  const pages = agencies.getByRole('navigation', { name: 'Halaman daftar Instansi' });
  await expect(pages).toContainText(`1–50 dari ${WIDE}`);
  const list = agencies.getByTestId('agency-list');
  await expect(list.locator('li')).toHaveCount(50);
  await expect(list.locator('li').first()).toContainText('Instansi Uji 001');

  await pages.getByRole('button', { name: 'Berikutnya →' }).click();
  await expect(pages).toContainText(`51–100 dari ${WIDE}`);
  await expect(list.locator('li').first()).toContainText('Instansi Uji 051');
  await expect(list).not.toContainText('Instansi Uji 001');
  await pages.getByRole('button', { name: '← Sebelumnya' }).click();
  await expect(list.locator('li').first()).toContainText('Instansi Uji 001');

  // A narrower search, then a kind: back to the first page each time.
  await pages.getByRole('button', { name: 'Berikutnya →' }).click();
  await agencies.getByLabel('Cari nama atau kode instansi').fill('ZZ-UJI-50');
  await expect(pages).toContainText('1–10 dari 10');
  await expect(list.locator('li').first()).toContainText('Instansi Uji 500');
  await agencies.getByRole('combobox', { name: 'Jenis', exact: true }).selectOption('bapas');
  await expect(pages).toContainText('Tidak ada yang cocok.');
  await expect(list.locator('li')).toHaveCount(0);

  // The new user's agency: a select of every agency, past the API's first page of 500.
  await page.getByText('Tambah pengguna').click();
  const agencySelect = page.getByRole('form', { name: 'Tambah pengguna' }).getByLabel('Instansi');
  await expect(agencySelect.locator('option', { hasText: `Instansi Uji ${WIDE}` })).toHaveCount(1);
  const [{ count }] = await query(`SELECT count(*)::int AS count FROM agency`);
  await expect(agencySelect.locator('option')).toHaveCount(count);

  // The users: searched by the API too.
  const users = page.getByRole('region', { name: /^Pengguna \(/ });
  await users.getByLabel('Cari nama pengguna atau nama lengkap').fill('koord');
  // The list's filter comes before the (open) new user's form, which has a role too.
  await users.getByRole('combobox', { name: 'Peran', exact: true }).first().selectOption('coordinator');
  await expect(users.locator('tbody tr')).toHaveCount(
    (await query(`SELECT 1 FROM app_user WHERE role = 'coordinator' AND username ILIKE '%koord%'`)).length,
  );
  await expect(users.getByRole('link', { name: 'koord.dlhp' })).toBeVisible();

  // The sites: by part of the name or address, and by host.
  const sites = page.getByRole('region', { name: /^Lokasi kerja sosial \(/ });
  const matching = async (host: string) =>
    (
      await query(
        `SELECT 1 FROM site s JOIN agency a ON a.id = s.agency_id
          WHERE (s.name ILIKE '%sirimau%' OR s.address ILIKE '%sirimau%') AND a.code LIKE $1`,
        [host],
      )
    ).length;
  await sites.getByLabel('Cari nama atau alamat lokasi').fill('sirimau');
  await expect(sites.locator('tbody tr')).toHaveCount(await matching('%'));
  await expect(sites.getByRole('link', { name: 'Taman Kota Ambon' })).toBeVisible();
  await sites.getByRole('combobox', { name: 'Instansi tuan rumah' }).selectOption({ label: 'Dinas Sosial Kota Ambon' });
  await expect(sites.locator('tbody tr')).toHaveCount(await matching('DINSOS-AMBON'));
  await expect(sites.getByRole('link', { name: 'Taman Kota Ambon' })).toHaveCount(0);
});

/** `YYYY-MM-DD` of an instant in a zone. */
const dateIn = (zone: string, at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(at);

test("a coordinator of a WIT agency sees the site's today in WIT, already the next day while it is still evening in WIB (R-22)", async ({
  page,
}) => {
  // Two days on, at 15:30 UTC: 22:30 WIB, but 00:30 WIT of the day after.
  const at = new Date(
    Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 2, 15, 30),
  );
  const [wibDay, witDay] = [dateIn('Asia/Jakarta', at), dateIn('Asia/Jayapura', at)];
  expect(witDay > wibDay).toBe(true);
  const site = (await call('admin', 'GET', '/sites?limit=500')).body.items.find(
    (s: any) => s.name === 'Pasukan Kuning Pasar Mardika',
  );
  const shiftOn = async (date: string, start: string, end: string) => {
    const created = await call('pk.ambon', 'POST', `/sites/${site.id}/shifts`, { date, start, end, capacity: 3 });
    expect(created.status).toBe(201);
    return created.body;
  };
  const yesterdayInWit = await shiftOn(wibDay, '19:00', '21:00');
  const todayInWit = await shiftOn(witDay, '06:00', '08:00');

  await page.clock.setFixedTime(at);
  await signIn(page, 'koord.dlhp', '/koordinator');
  const today = page.getByRole('region', { name: /^Hari ini, / });
  await expect(today).toHaveCount(1);
  const [y, m, d] = witDay.split('-').map(Number);
  const witLong = new Intl.DateTimeFormat('id-ID', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, d)));
  await expect(today.getByRole('heading')).toHaveText(`Hari ini, ${witLong}`);
  await expect(today.locator(`a[href="/koordinator/sesi/${todayInWit.id}"]`)).toContainText('06.00 WIT');
  // The WIB evening's date is yesterday at a WIT site: not listed.
  await expect(page.locator(`a[href="/koordinator/sesi/${yesterdayInWit.id}"]`)).toHaveCount(0);
});
