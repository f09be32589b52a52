import { expect, test } from '@playwright/test';
import { expectAccessible, PHONE, query, screenshot, shiftUnderWay, signIn } from './support.js';

test.use({ viewport: PHONE, geolocation: { latitude: -3.6926, longitude: 128.184 }, permissions: ['geolocation'] });

/** The phone's clock runs 10 minutes fast: uncorrected, every tap would be refused as "in the future". */
const FAST_CLOCK = `{
  const skew = 10 * 60 * 1000;
  const RealDate = Date;
  class FastDate extends RealDate {
    constructor(...args) { super(...(args.length ? args : [RealDate.now() + skew])); }
    static now() { return RealDate.now() + skew; }
  }
  globalThis.Date = FastDate;
}`;

test('a coordinator takes a whole roll-call on a 360×800 phone whose clock runs fast', async ({ page }) => {
  const shift = await shiftUnderWay('koord.dlhp', 'Pasukan Kuning Pasar Mardika');
  await page.addInitScript(FAST_CLOCK);
  await signIn(page, 'koord.dlhp', '/koordinator');
  await expect(page.getByText('Hari ini')).toBeVisible();
  await screenshot(page, 'coordinator-shifts-phone');
  await page.locator(`a[href="/koordinator/sesi/${shift.id}"]`).click();
  const people = page.getByTestId('person');
  await expect(people).toHaveCount(shift.bookedCount);
  await expectAccessible(page);
  await screenshot(page, 'roll-call-phone');
  // a roll-call shows names, never the NIK or the religion.
  const nikShown = await query(`SELECT nik FROM person WHERE full_name = $1`, ['Agustinus Wattimena']);
  await expect(page.locator('body')).not.toContainText(nikShown[0].nik);

  // One person absent, the rest "semua hadir", then one leaves with penalty minutes and a note.
  const absent = people.filter({ hasText: 'Samuel Leiwakabessy' });
  await absent.getByRole('button', { name: 'Tidak hadir' }).click();
  await absent.getByLabel('Alasan tidak hadir').fill('Tidak datang tanpa kabar');
  await absent.getByRole('button', { name: 'Catat tidak hadir' }).click();
  await expect(absent).toHaveAttribute('data-status', 'absent');
  await page.getByRole('button', { name: `Semua hadir (${shift.bookedCount - 1})` }).click();
  await expect(page.locator('[data-status="checked_in"]')).toHaveCount(shift.bookedCount - 1);
  const leaving = people.filter({ hasText: 'Ronald Pelupessy' });
  await leaving.getByRole('button', { name: 'Pulang' }).click();
  await leaving.getByLabel('Menit dikurangi').fill('15');
  await leaving.getByRole('button', { name: 'Catat pulang' }).click();
  await expect(leaving.getByRole('alert')).toContainText('catatan');
  await leaving.getByLabel('Catatan').fill('Dipulangkan lebih awal');
  await leaving.getByRole('button', { name: 'Catat pulang' }).click();
  await expect(page.getByTestId('waiting-count')).toHaveAttribute('data-count', '0');
  expect(await page.getByTestId('attention').allTextContents()).toEqual([]);
  await expectAccessible(page);

  const rows = await query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM assignment WHERE shift_id = $1 GROUP BY status ORDER BY status`,
    [shift.id],
  );
  expect(rows).toEqual([
    { status: 'absent', n: 1 },
    { status: 'checked_in', n: shift.bookedCount - 2 },
    { status: 'checked_out', n: 1 },
  ]);
  const [out] = await query(
    `SELECT penalty_minutes, confirmation_note, check_in_lat, abs(extract(epoch FROM check_in_at - now())) < 120 AS on_time
       FROM assignment a JOIN person p ON p.id = a.person_id WHERE p.full_name = 'Ronald Pelupessy'`,
  );
  expect(out).toMatchObject({
    penalty_minutes: 15,
    confirmation_note: 'Dipulangkan lebih awal',
    check_in_lat: -3.6926,
    on_time: true,
  });
});
