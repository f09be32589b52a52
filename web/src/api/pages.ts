import { api, ok } from './client.js';

/** The API's longest page (API.md, Lists). */
const MAX_PAGE = 500;

/**
 * Every item of a list, page after page: only for what must be complete, such as a select of agencies (about
 * 90 Bapas, 90 Kejari and hundreds of OPD nationally). Lists people browse are paged and searched instead.
 */
export async function allItems<T>(
  page: (query: { limit: number; offset: number }) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += MAX_PAGE) {
    const answer = await page({ limit: MAX_PAGE, offset });
    items.push(...answer.items);
    if (answer.items.length < MAX_PAGE || items.length >= answer.total) return items;
  }
}

type AgencyKind = 'bapas' | 'kejaksaan' | 'opd' | 'kanwil';

/** Every agency (of a kind, when given), by code. */
export function allAgencies(kind?: AgencyKind) {
  return allItems((page) =>
    ok(api.GET('/api/v1/agencies', { params: { query: { ...page, ...(kind ? { kind } : {}) } } })),
  );
}

/** Every agreement (that this agency is a party to, when given), latest validity first. */
export function allAgreements(agencyId?: string) {
  return allItems((page) =>
    ok(api.GET('/api/v1/agreements', { params: { query: { ...page, ...(agencyId ? { agencyId } : {}) } } })),
  );
}
