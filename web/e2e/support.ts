import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import pg from 'pg';
import { baseURL, browserEnv, DEMO_PASSWORD } from './env.js';

export const PHONE = { width: 360, height: 800 };

/** Signs in through the login page and waits for the role's home. */
export async function signIn(page: Page, username: string, home: string): Promise<void> {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`**${home}`);
}

const tokens = new Map<string, string>();

export async function token(username: string): Promise<string> {
  const known = tokens.get(username);
  if (known) return known;
  const response = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await response.json()) as { accessToken: string };
  tokens.set(username, accessToken);
  return accessToken;
}

/** A call to the API as a test's own hand (setting the scene, or checking what the page did). */
export async function call<T = any>(
  username: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseURL}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

export async function query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: browserEnv.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** No serious or critical accessibility violation on the page as it stands (axe). */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The shift under way now at a site (the demo's crew for today's roll-call), as the coordinator's list has it. */
export async function shiftUnderWay(
  coordinator: string,
  siteName: string,
): Promise<{ id: string; bookedCount: number }> {
  const { body } = await call(coordinator, 'GET', `/shifts?from=${day(-1)}&to=${day(1)}`);
  const now = Date.now();
  const shift = body.items.find(
    (s: any) => s.site.name === siteName && Date.parse(s.startsAt) - 3_600_000 <= now && Date.parse(s.endsAt) > now,
  );
  if (!shift) throw new Error(`no shift under way at ${siteName}`);
  return shift;
}
