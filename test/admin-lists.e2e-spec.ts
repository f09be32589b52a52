import { fields } from './support/problems.js';
import type { TestApp } from './support/test-app.js';
import { World } from './support/world.js';

/**
 * The administrator's lists at national scale (about 90 Bapas, 90 Kejari, hundreds of OPD, thousands of users):
 * searched and filtered by the API, and paged, never truncated by a limit (API.md, Lists).
 */
describe('the lists of agencies, users, agreements and sites', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => ({ t, w } = await World.start()));
  afterAll(() => t.close());

  const items = async (path: string) => {
    const response = await w.get('admin', path);
    expect(response.status).toBe(200);
    return response.body as { items: { id: string }[]; total: number };
  };

  it('agencies: by part of the name or code and by kind, paged by code; one agency by its id', async () => {
    const all = await items(`/agencies?q=${w.tag}`);
    expect(all.total).toBe(6);
    // By code: BAPAS-, KANWIL-, KEJARI-, OPD-, OTHERBAPAS-, OTHERKEJARI- (the Kanwil matches by its code only).
    expect(all.items.map((a) => a.id)).toEqual(
      ['bapas', 'kanwil', 'kejari', 'opd', 'otherBapas', 'otherKejari'].map((key) => w.ids[key]),
    );
    const bapas = await items(`/agencies?q=${w.tag.toLowerCase()}&kind=bapas`);
    expect(bapas.items.map((a) => a.id).sort()).toEqual([w.ids.bapas, w.ids.otherBapas].sort());
    const second = await items(`/agencies?q=${w.tag}&limit=2&offset=2`);
    expect(second.total).toBe(6);
    expect(second.items.map((a) => a.id)).toEqual(all.items.slice(2, 4).map((a) => a.id));
    // `%` and `_` are taken literally.
    expect((await items(`/agencies?q=%25${w.tag}`)).total).toBe(0);
    expect(fields((await w.get('admin', '/agencies?kind=court')).body)).toEqual(['kind']);

    const one = await w.get('coordinatorA', `/agencies/${w.ids.opd}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(all.items.find((a) => a.id === w.ids.opd));
    expect((await w.get('admin', `/agencies/${w.ids.supervisor}`)).status).toBe(404);
    expect(fields((await w.get('admin', '/agencies/not-a-uuid')).body)).toEqual(['id']);
  });

  it('users: by part of the username or name, role, agency or ids; one account by its id', async () => {
    const coordinators = await items(`/users?q=${w.tag}&role=coordinator`);
    expect(coordinators.items.map((u) => u.id).sort()).toEqual([w.ids.coordinatorA, w.ids.coordinatorB].sort());
    const ofBapas = await items(`/users?agencyId=${w.ids.bapas}`);
    expect(ofBapas.items.map((u) => u.id).sort()).toEqual([w.ids.supervisor, w.ids.supervisor2].sort());
    const byIds = await items(`/users?id=${w.ids.prosecutor}&id=${w.ids.coordinatorA}`);
    expect(byIds.items.map((u) => u.id).sort()).toEqual([w.ids.prosecutor, w.ids.coordinatorA].sort());
    expect((await items(`/users?id=${w.ids.prosecutor}`)).items.map((u) => u.id)).toEqual([w.ids.prosecutor]);
    expect(fields((await w.get('admin', '/users?id=not-a-uuid')).body)).toEqual(['id']);

    const one = await w.get('admin', `/users/${w.ids.coordinatorA}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(coordinators.items.find((u) => u.id === w.ids.coordinatorA));
    expect(one.body.passwordHash).toBeUndefined();
    expect((await w.get('admin', `/users/${w.ids.opd}`)).status).toBe(404);
    expect((await w.get('supervisor', `/users/${w.ids.coordinatorA}`)).status).toBe(403);
  });

  it('agreements: by part of the number or title and by a party', async () => {
    const mine = await items(`/agreements?q=${w.tag}`);
    expect(mine.items.map((a) => a.id)).toEqual([w.ids.agreement, w.ids.expiringAgreement]);
    const ofOpd = await items(`/agreements?agencyId=${w.ids.opd}&limit=1&offset=1`);
    expect(ofOpd.total).toBe(2);
    expect(ofOpd.items.map((a) => a.id)).toEqual([w.ids.expiringAgreement]);
    expect((await items(`/agreements?agencyId=${w.ids.otherBapas}`)).total).toBe(0);
  });

  it('sites: by part of the name or address and by host, paged by name; a supervisor sees only its own', async () => {
    const mine = await items(`/sites?q=${w.tag}`);
    // By name: A, B, Old, WIB.
    expect(mine.items.map((s) => s.id)).toEqual(['siteA', 'siteB', 'siteExpiring', 'siteWib'].map((key) => w.ids[key]));
    const second = await items(`/sites?q=${w.tag.toLowerCase()}&agencyId=${w.ids.opd}&limit=2&offset=2`);
    expect(second.total).toBe(4);
    expect(second.items.map((s) => s.id)).toEqual([w.ids.siteExpiring, w.ids.siteWib]);
    const byAddress = await items(`/sites?q=pantai mardika&agencyId=${w.ids.opd}`);
    expect(byAddress.total).toBe(4);
    expect((await items(`/sites?q=${w.tag}&agencyId=${w.ids.bapas}`)).total).toBe(0);
    expect((await items(`/sites?q=%25${w.tag}`)).total).toBe(0);
    const other = await w.get('otherBapasSupervisor', `/sites?q=${w.tag}`);
    expect(other.body.total).toBe(0);
    expect(fields((await w.get('admin', `/sites?q=${'x'.repeat(101)}`)).body)).toEqual(['q']);
  });
});
