/**
 * The national trail's first events, written by the coordinator before its workers start (a few hundred thousand
 * of the year's twenty million): the agencies, users, agreements and sites, each person and court order as it was
 * registered, and each order's completion, with the views and actors of the services that write them.
 */
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { withPersonalDataFingerprinted } from '../src/audit/audit-hash.js';
import { Agency } from '../src/agencies/agency.entity.js';
import { Agreement } from '../src/agreements/agreement.entity.js';
import { toPlain } from '../src/common/canonical-json.js';
import { User } from '../src/identity/user.entity.js';
import { toUserView } from '../src/identity/users.service.js';
import { Order } from '../src/orders/order.entity.js';
import { toOrderView } from '../src/orders/orders.service.js';
import { Person } from '../src/persons/person.entity.js';
import { toPersonView } from '../src/persons/persons.service.js';
import { Site } from '../src/sites/site.entity.js';
import { toSiteView } from '../src/sites/sites.service.js';
import { Chains, closeCopy, openCopy, type Change, type State } from './national-audit-chains.js';

/** Writes them on `chains` (all of them: no worker has started yet), streamed by COPY on `db`. */
export async function setupTrail(dataSource: DataSource, db: pg.Client, chains: Chains, key: string): Promise<void> {
  // AuditService.kept: plain JSON, personal fields (a person's and a site's address too) fingerprinted.
  const kept = (state: unknown) => withPersonalDataFingerprinted(key, toPlain(state)) as State;
  const copy = openCopy(db);
  const write = async (at: Date, changes: Change[]) => {
    if (!copy.write(chains.transaction(at.toISOString(), changes)))
      await new Promise((resolve) => copy.once('drain', resolve));
  };
  const created = (entityType: string, id: string, actorId: string | null, after: unknown): Change => ({
    actorId,
    action: `${entityType}.created`,
    entityType,
    entityId: id,
    after: kept(after),
  });
  const [admin] = await dataSource.query(`SELECT id FROM app_user WHERE role = 'admin' ORDER BY created_at LIMIT 1`);
  const adminId = (admin?.id as string | undefined) ?? null;

  // AgenciesService.create (the first agencies by the bootstrap, no actor), UsersService.create (its view).
  for (const agency of await dataSource.getRepository(Agency).find({ order: { createdAt: 'ASC' } }))
    await write(agency.createdAt, [created('agency', agency.id, null, agency)]);
  for (const user of await dataSource.getRepository(User).find({ order: { createdAt: 'ASC' } }))
    await write(user.createdAt, [created('user', user.id, user.id === adminId ? null : adminId, toUserView(user))]);
  const parties = await idsOf(dataSource, `SELECT agreement_id AS of, agency_id AS id FROM agreement_party`);
  for (const agreement of await dataSource.getRepository(Agreement).find())
    await write(agreement.createdAt, [
      created('agreement', agreement.id, adminId, { ...agreement, agencyIds: parties.get(agreement.id) ?? [] }),
    ]);
  const coordinators = await idsOf(dataSource, `SELECT site_id AS of, user_id AS id FROM site_coordinator`);
  for (const site of await dataSource.getRepository(Site).find())
    await write(site.createdAt, [created('site', site.id, adminId, toSiteView(site, coordinators.get(site.id) ?? []))]);

  // PersonsService.create, then OrdersService.create (the order as registered: active, nothing scheduled or
  // credited yet), and OrdersService.complete for a completed one.
  const persons = new Map((await dataSource.getRepository(Person).find()).map((person) => [person.id, person]));
  for (const order of await dataSource.getRepository(Order).find()) {
    const person = persons.get(order.personId)!;
    await write(person.createdAt, [created('person', person.id, person.createdBy, toPersonView(person))]);
    const registered = { ...order, status: 'active' as const, creditedMinutes: 0, repeatMinutes: 0, completedAt: null };
    await write(order.createdAt, [
      created('order', order.id, order.supervisorId, toOrderView(registered, 0, person.fullName)),
    ]);
    if (order.status === 'completed' && order.completedAt)
      await write(order.completedAt, [
        {
          actorId: order.supervisorId,
          action: 'order.completed',
          entityType: 'order',
          entityId: order.id,
          before: { status: 'active' },
          after: kept({ status: 'completed', completedAt: order.completedAt, creditedMinutes: order.requiredMinutes }),
        },
      ]);
  }
  await closeCopy(copy);
}

async function idsOf(dataSource: DataSource, sql: string): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>();
  for (const row of (await dataSource.query(sql)) as { of: string; id: string }[])
    ids.set(row.of, [...(ids.get(row.of) ?? []), row.id]);
  return ids;
}
