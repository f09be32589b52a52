import { expect, test } from '@playwright/test';
import { expectAccessible, query, screenshot, signIn } from './support.js';

// Several pages, downloads and axe runs each: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 });

const scheduled = async () =>
  (
    await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM assignment a JOIN court_order o ON o.id = a.order_id JOIN agency b ON b.id = o.bapas_id
        WHERE b.code = 'BAPAS-AMBON' AND a.status = 'scheduled'`,
    )
  )[0].n;

test("the planner's proposal for the whole Bapas is read per order and applied from the page", async ({ page }) => {
  const before = await scheduled();
  await signIn(page, 'pk.ambon', '/pk');
  await page.getByRole('link', { name: 'Rencana Bapas' }).click();
  await page.getByRole('button', { name: 'Susun rencana' }).click();
  const plan = page.getByTestId('bapas-plan');
  await expect(plan.getByTestId('plan-summary')).toBeVisible({ timeout: 20_000 });
  expect(await plan.getByTestId('plan-order').count()).toBeGreaterThan(1);
  const apply = plan.getByRole('button', { name: /Terapkan rencana \(\d+ sesi\)/ });
  const proposed = Number(/\((\d+) sesi\)/.exec((await apply.textContent())!)![1]);
  expect(proposed).toBeGreaterThan(0);
  await expectAccessible(page);
  await screenshot(page, 'bapas-plan-desk');
  await apply.click();
  const applied = plan.getByTestId('plan-applied');
  await expect(applied).toContainText('Rencana diterapkan');
  const booked = Number(/(\d+) dipesan/.exec((await applied.textContent())!)![1]);
  expect(booked).toBeGreaterThan(0);
  expect(await scheduled()).toBe(before + booked);
});

test("the Bapas plan's period starts tomorrow in the Bapas's own zone, not in another (R-22)", async ({ page }) => {
  // 23:30 WIB in Sungai Penuh is already 01:30 of the next day WIT: the two zones disagree on "tomorrow".
  const today = new Date().toISOString().slice(0, 10);
  await page.clock.setFixedTime(new Date(`${today}T16:30:00Z`));
  const plusDays = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
  await signIn(page, 'pk.sungaipenuh', '/pk');
  await page.goto('/pk/rencana');
  await expect(page.getByLabel('Dari tanggal')).toHaveValue(plusDays(1));
  await expect(page.getByLabel('Sampai tanggal')).toHaveValue(plusDays(28));
});
