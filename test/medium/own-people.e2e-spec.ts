import { randomInt, randomUUID } from 'node:crypto';
import { AgenciesService } from '../../src/agencies/agencies.service.js';
import { AgreementsService } from '../../src/agreements/agreements.service.js';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { Transactions } from '../../src/database/transactions.js';
import { UsersService } from '../../src/identity/users.service.js';
import { PersonRepository } from '../../src/persons/person.repository.js';
import { SiteRepository } from '../../src/sites/site.repository.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { startTestApp, TestApp } from '../support/test-app.js';
import { AMBON_SITE } from '../support/world.js';

/** What the repositories of agencies, identity, persons, sites and the calendar guarantee on the real PostgreSQL. */
describe('people and places: their owners on PostgreSQL', () => {
  let t: TestApp;
  let transactions: Transactions;
  let persons: PersonRepository;
  const tag = randomUUID().slice(0, 8).toUpperCase();
  let bapasId: string;
  let opdId: string;
  let admin: AuthUser;
  let supervisor: AuthUser;
  let coordinator: AuthUser;

  beforeAll(async () => {
    t = await startTestApp();
    transactions = t.app.get(Transactions);
    persons = t.app.get(PersonRepository);
    const agencies = t.app.get(AgenciesService);
    const agency = (kind: 'bapas' | 'opd') =>
      agencies.create(null, { code: `${kind}-${tag}`, name: kind, kind, region: 'ID-MA', timezone: 'Asia/Jayapura' });
    [bapasId, opdId] = [(await agency('bapas')).id, (await agency('opd')).id];
    const user = async (role: AuthUser['role'], agencyId: string): Promise<AuthUser> => {
      const seeded = await t.app.get(UsersService).seedActivated({
        username: `${role}.${tag.toLowerCase()}`,
        password: 'test-password-1',
        fullName: role,
        role,
        agencyId,
      });
      return { id: seeded.id, username: seeded.username, fullName: seeded.fullName, role, agencyId };
    };
    admin = await user('admin', bapasId);
    supervisor = await user('supervisor', bapasId);
    coordinator = await user('coordinator', opdId);
  });
  afterAll(() => t.close());

  const personFields = () => ({
    bapasId,
    fullName: `Klien ${tag}`,
    nik: `8171${String(randomInt(10 ** 11, 10 ** 12)).padStart(12, '0')}`,
    birthDate: '1990-01-15',
    sex: 'M' as const,
    religion: null,
    worshipDefaults: true,
    phone: null,
    address: null,
    homeLat: -3.69,
    homeLng: 128.18,
    unavailable: [{ weekday: 5, from: '11:30', to: '13:30', reason: 'Jumatan' }],
    inSchool: false,
    locale: 'id' as const,
    createdBy: supervisor.id,
  });

  it('writes a person and their conflict of interest in one transaction and reads both back', async () => {
    const fields = personFields();
    const relation = { userId: coordinator.id, relation: 'sibling', declaredBy: supervisor.id };
    const id = await transactions.run(async (tx) => {
      const person = await persons.insert(fields, tx);
      expect(await persons.declareConflict({ ...relation, personId: person.id }, tx)).toBe(true);
      return person.id;
    });

    expect(await persons.find(id)).toMatchObject({ ...fields, anonymisedAt: null });
    expect(await persons.nikRegistered(bapasId, fields.nik)).toBe(true);
    expect(await persons.hasConflict(coordinator.id, id)).toBe(true);
    expect(await persons.hasConflict(supervisor.id, id)).toBe(false);
    expect(await persons.declareConflict({ ...relation, personId: id })).toBe(false);
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM conflict_of_interest WHERE person_id = $1`,
      [id],
    );
    expect(count).toBe(1);
  });

  it('leaves nothing behind when the work in the transaction throws', async () => {
    const fields = personFields();
    let id = '';
    await expect(
      transactions.run(async (tx) => {
        id = (await persons.insert(fields, tx)).id;
        await persons.declareConflict(
          { userId: coordinator.id, personId: id, relation: 'spouse', declaredBy: supervisor.id },
          tx,
        );
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');

    expect(id).not.toBe('');
    expect(await persons.find(id)).toBeNull();
    expect(await persons.nikRegistered(bapasId, fields.nik)).toBe(false);
    expect(await persons.hasConflict(coordinator.id, id)).toBe(false);
  });

  it('adds a coordinator to a site once under 20 concurrent additions', async () => {
    const agreement = await t.app.get(AgreementsService).create(admin, {
      number: `PKS/${tag}`,
      title: 'PKS',
      agencyIds: [bapasId, opdId],
      validFrom: '2026-01-02',
      validTo: '2027-12-31',
    });
    const site = await t.app.get(SitesService).create(admin, {
      ...AMBON_SITE,
      name: `Site ${tag}`,
      agencyId: opdId,
      agreementId: agreement.id,
      coordinatorIds: [],
    });
    const sites = t.app.get(SiteRepository);

    const added = await Promise.all(
      Array.from({ length: 20 }, () => transactions.run((tx) => sites.addCoordinator(site.id, coordinator.id, tx))),
    );

    expect(added.filter(Boolean)).toHaveLength(1);
    expect(await sites.coordinatorsOf(site.id)).toEqual([coordinator.id]);
  });

  it("loads a year's calendar 20 times at once and holds each holiday once", async () => {
    const calendar = t.app.get(CalendarService);
    const file = {
      year: 2035,
      source: `SKB ${tag}`,
      national: [
        { date: '2035-01-01', name: 'Tahun Baru Masehi' },
        { date: '2035-08-17', name: 'Hari Kemerdekaan' },
      ],
      cutiBersama: [{ date: '2035-12-24', name: 'Cuti Bersama Natal' }],
      regional: { 'ID-MA': [{ date: '2035-09-07', name: 'Hari Jadi Kota Ambon' }] },
    };

    const loaded = await Promise.allSettled(Array.from({ length: 20 }, () => calendar.loadYear(admin, 2035, file)));

    expect(loaded.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const [{ holidays }] = await t.db.query(
      `SELECT count(*)::int AS holidays FROM holiday WHERE date BETWEEN '2035-01-01' AND '2035-12-31'`,
    );
    expect(holidays).toBe(4);
    expect((await calendar.years()).filter((year) => year.year === 2035)).toEqual([
      expect.objectContaining({ official: true, source: `SKB ${tag}`, loadedBy: admin.id }),
    ]);
  });
});
