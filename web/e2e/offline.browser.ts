import { expect, test } from '@playwright/test';
import { call, expectAccessible, PHONE, query, screenshot, shiftUnderWay, signIn } from './support.js';

test.use({ viewport: PHONE });

test('the roll-call offline: reloaded from the service worker, taps queued, then each reaches the server exactly once; a refused tap needs attention', async ({
  page,
  context,
}) => {
  test.slow();
  const shift = await shiftUnderWay('koord.dinsos', 'Rumah Singgah Dinas Sosial');
  await signIn(page, 'koord.dinsos', '/koordinator');
  await page.goto(`/koordinator/sesi/${shift.id}`);
  await expect(page.getByTestId('person')).toHaveCount(3);
  // The service worker precaches the whole build before it takes the page: on a busy machine that takes a while,
  // and a failure shows which state it stopped in.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          if (navigator.serviceWorker.controller) return 'controlling';
          const registration = await navigator.serviceWorker.getRegistration();
          if (registration?.installing) return 'installing';
          if (registration?.waiting) return 'waiting';
          return registration?.active ? 'active' : 'unregistered';
        }),
      { timeout: 60_000 },
    )
    .toBe('controlling');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByText(/Luring: daftar tersimpan/)).toBeVisible();
  const people = page.getByTestId('person');
  await expect(people).toHaveCount(3);

  // While the phone is offline, someone else records Hasan's absence: his check-in will be refused (409).
  const roster = await call('koord.dinsos', 'GET', `/shifts/${shift.id}/assignments`);
  const hasan = roster.body.items.find((a: any) => a.person.fullName === 'Hasan Lessy');
  expect(
    (await call('koord.dinsos', 'POST', `/assignments/${hasan.id}/absence`, { reason: 'Dikabari keluarga: sakit' }))
      .status,
  ).toBe(200);

  await page.getByRole('button', { name: 'Semua hadir (3)' }).click();
  const meity = people.filter({ hasText: 'Meity Latumahina' });
  await meity.getByRole('button', { name: 'Pulang' }).click();
  await meity.getByRole('button', { name: 'Catat pulang' }).click();
  await expect(page.getByTestId('waiting-count')).toHaveAttribute('data-count', '4');
  await expect(page.getByTestId('waiting-count')).toHaveText('4 ketukan menunggu dikirim');
  await expectAccessible(page);
  await screenshot(page, 'roll-call-offline-phone');

  // The first answer back is lost on the way (the server did record it): the phone must resend the same tap.
  let lost = 0;
  await page.route('**/check-in', async (route) => {
    if (lost++ > 0) return route.continue();
    await route.fetch();
    await route.abort('connectionreset');
  });
  await context.setOffline(false);
  await expect(page.getByTestId('waiting-count')).toHaveAttribute('data-count', '0', { timeout: 20_000 });
  const attention = page.getByTestId('attention');
  await expect(attention).toContainText('Hasan Lessy');
  await expect(attention).toContainText('Perlu perhatian (1)');
  expect(lost).toBeGreaterThan(1);

  // What the roll-call wrote: not the booking, nor the worker's no-show flag, which comes 30 minutes after
  // the start of the demo's shift and so, at some minutes of the hour, during this test.
  const events = await query<{ action: string; name: string; n: number }>(
    `SELECT e.action, p.full_name AS name, count(*)::int AS n
       FROM audit_event e JOIN assignment a ON a.id = e.entity_id JOIN person p ON p.id = a.person_id
      WHERE a.shift_id = $1 AND e.action LIKE 'assignment.%'
        AND e.action NOT IN ('assignment.booked', 'assignment.no_show_flagged')
      GROUP BY 1, 2 ORDER BY 2, 1`,
    [shift.id],
  );
  expect(events).toEqual([
    { action: 'assignment.checked_in', name: 'Grace Sopacua', n: 1 },
    { action: 'assignment.absent', name: 'Hasan Lessy', n: 1 },
    { action: 'assignment.checked_in', name: 'Meity Latumahina', n: 1 },
    { action: 'assignment.checked_out', name: 'Meity Latumahina', n: 1 },
  ]);
  // The refused tap stays until the coordinator has read it.
  await page.reload();
  await expect(page.getByTestId('attention')).toContainText('Hasan Lessy');
  await page.getByRole('button', { name: 'Sudah dibaca' }).click();
  await expect(page.getByTestId('attention')).toHaveCount(0);
});
