import { expect, test } from '@playwright/test';
import { call, expectAccessible, query, screenshot, signIn } from './support.js';

const month = new Date().toISOString().slice(0, 7);

test("the Kanwil's dashboard draws its region's charts from the demo data, with the same figures in a table", async ({
  page,
}) => {
  await signIn(page, 'kanwil.maluku', '/kanwil');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ringkasan wilayah');
  const { body } = await call('kanwil.maluku', 'GET', `/oversight/summary?month=${month}`);
  expect(body.bapas.map((b: { name: string }) => b.name)).toEqual(['Bapas Kelas II A Ambon']);
  const ambon = body.bapas[0];
  const charts = page.getByTestId('chart');
  await expect(charts).toHaveCount(3);
  await expect(charts.nth(1)).toHaveAttribute(
    'aria-label',
    new RegExp(`Jam wajib: Bapas Kelas II A Ambon ${Math.round(ambon.requiredMinutes / 60)}`),
  );
  expect(ambon.requiredMinutes).toBeGreaterThan(0);
  // Each canvas is drawn: thousands of painted pixels (axes, labels, bars).
  for (let i = 0; i < 3; i++) {
    const painted = await charts.nth(i).evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let p = 3; p < data.length; p += 4) if (data[p] > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
  }
  const row = page.getByTestId('summary').getByRole('row', { name: /Bapas Kelas II A Ambon/ });
  await expect(row.getByRole('cell').nth(0)).toHaveText(String(ambon.ordersStarted));
  await expect(row.getByRole('cell').nth(6)).toHaveText(String(Math.round(ambon.creditedMinutes / 60)));
  await expect(page.getByText('Sungai Penuh')).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'oversight-dashboard-desk');
});

test('a signal is opened, followed to its evidence and marked reviewed with a note', async ({ page }) => {
  await signIn(page, 'kanwil.maluku', '/kanwil');
  await page.getByRole('link', { name: 'Sinyal penyalahgunaan' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sinyal penyalahgunaan');
  const cards = page.getByTestId('signal');
  await expect(cards).toHaveCount(6);
  await expect(cards).not.toContainText(['Sungai Penuh']);
  await expectAccessible(page);
  await screenshot(page, 'oversight-signals-desk');

  await page.getByLabel('Jenis').selectOption('reversal');
  await expect(cards).toHaveCount(1);
  await cards.getByRole('link', { name: 'Pembatalan kredit jam' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pembatalan kredit jam');
  await expect(page.getByText('Perkara 84/Pid.C/2026/PN Amb: Lodewyk Nanlohy')).toBeVisible();
  await expect(page.getByTestId('evidence')).toContainText('Dikonfirmasi untuk hari yang salah');
  await page.getByRole('button', { name: 'Lihat jejak audit bukti' }).click();
  await expect(page.getByTestId('trail')).toContainText('Kredit jam dibatalkan');
  await expect(page.getByTestId('trail')).toContainText('Putusan dibuka kembali');
  await expectAccessible(page);
  await screenshot(page, 'oversight-signal-desk');

  const note = 'Dicek dengan PK: konfirmasi untuk tanggal yang salah, sudah dikoreksi.';
  await page.getByLabel('Catatan tinjauan').fill(note);
  await page.getByRole('button', { name: 'Tandai sudah ditinjau' }).click();
  await expect(page.getByTestId('review')).toContainText(note);
  await expect(page.getByTestId('review')).toContainText('Ditinjau oleh Margaretha Huliselan');
  const [stored] = await query(
    `SELECT s.status, s.review_note, (SELECT count(*)::int FROM audit_event e
        WHERE e.entity_id = s.id AND e.action = 'misuse_signal.reviewed') AS audited
       FROM misuse_signal s WHERE s.kind = 'reversal'`,
  );
  expect(stored).toEqual({ status: 'reviewed', review_note: note, audited: 1 });

  await page.getByRole('link', { name: 'Kembali ke daftar sinyal' }).click();
  await page.getByLabel('Status').selectOption('reviewed');
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText('Sudah ditinjau');
});

test("Jambi's Kanwil reads its signals' times in WIB, its Bapas's zone (R-22)", async ({ page }) => {
  await signIn(page, 'kanwil.jambi', '/kanwil');
  await page.getByRole('link', { name: 'Sinyal penyalahgunaan' }).first().click();
  const cards = page.getByTestId('signal');
  await expect(cards).toHaveCount(2);
  for (const card of await cards.all()) {
    await expect(card).toContainText(/\d\d\.\d\d WIB/);
    await expect(card).not.toContainText('WIT');
  }
});
