import { randomInt } from 'node:crypto';
import { AgenciesService } from '../../src/agencies/agencies.service.js';
import { UsersService } from '../../src/identity/users.service.js';
import { startTestApp, TestApp } from './test-app.js';

const PASSWORD = 'test-password-1';

export type Actor =
  | 'admin'
  | 'supervisor'
  | 'supervisor2'
  | 'otherBapasSupervisor'
  | 'coordinatorA'
  | 'coordinatorB'
  | 'prosecutor'
  | 'otherProsecutor'
  | 'oversight';

/**
 * A Bapas, a Kejari and an OPD with its agreement and sites, and a user for every role, all made through the
 * API (but for the first admin). Codes carry a random suffix so that test files running at once don't meet.
 */
/** Mondays to Thursdays from December 2026 on, clear of holidays: one shift a day keeps the daily cap out of the way. */
export const WORKING_DAYS = Array.from({ length: 120 }, (_, i) => new Date(Date.UTC(2026, 11, 1 + i)))
  .filter((d) => d.getUTCDay() >= 1 && d.getUTCDay() <= 4)
  .map((d) => d.toISOString().slice(0, 10))
  .filter((d) => !['2026-12-24', '2026-12-25'].includes(d));

/** What a test's site is unless told: a street-cleaning crew by Ambon's harbour (WIT), not for minors. */
export const AMBON_SITE = {
  workType: 'street_cleaning',
  address: 'Jl. Pantai Mardika, Ambon',
  location: { lat: -3.6925, lng: 128.1842 },
  radiusMeters: 200,
  timezone: 'Asia/Jayapura',
  defaultCapacity: 10,
  minorsAllowed: false,
};

export class World {
  readonly ids: Record<string, string> = {};
  private readonly tokens = new Map<Actor, string>();
  private daysTaken = 0;
  /** Case numbers of one world never contain one another ("5/…" is inside "15/…" for a search by case number). */
  private cases = 1000;
  readonly tag = Array.from({ length: 6 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ'[randomInt(24)]).join('');

  private constructor(readonly t: TestApp) {}

  /** An app (as `startTestApp` starts it) with a world in it: the set-up most test files share. */
  static async start(...options: Parameters<typeof startTestApp>): Promise<{ t: TestApp; w: World }> {
    const t = await startTestApp(...options);
    return { t, w: await World.build(t) };
  }

  static async build(t: TestApp): Promise<World> {
    const world = new World(t);
    await world.setUp();
    return world;
  }

  authorization(actor: Actor): string {
    return `Bearer ${this.tokens.get(actor)}`;
  }

  post(actor: Actor, path: string, body: object = {}, headers: Record<string, string> = {}) {
    return this.t
      .http()
      .post(`/api/v1${path}`)
      .set({ authorization: this.authorization(actor), ...headers })
      .send(body);
  }

  get(actor: Actor, path: string) {
    return this.t.http().get(`/api/v1${path}`).set('authorization', this.authorization(actor));
  }

  async person(overrides: object = {}): Promise<string> {
    const nik = `8171${String(randomInt(10 ** 11, 10 ** 12)).padStart(12, '0')}`;
    const response = await this.post('supervisor', '/persons', {
      fullName: `Klien ${this.tag} ${nik.slice(-4)}`,
      nik,
      birthDate: '1990-01-15',
      sex: 'M',
      ...overrides,
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  /** A valid order for the person: 40 hours over six months from 23 November 2026, replacing 60 days of prison. */
  orderBody(personId: string, overrides: object = {}): Record<string, unknown> {
    return {
      personId,
      caseNumber: `${this.cases++}/Pid.C/2026/PN Amb/${this.tag}`,
      courtName: 'Pengadilan Negeri Ambon',
      offenseDate: '2026-08-01',
      verdictDate: '2026-11-02',
      totalHours: 40,
      maxHoursPerDay: 8,
      startDate: '2026-11-23',
      endDate: '2027-05-22',
      replacedSentence: { kind: 'imprisonment', days: 60 },
      prosecutorId: this.ids.prosecutor,
      consentRecorded: true,
      ...overrides,
    };
  }

  async order(personId: string, overrides: object = {}): Promise<string> {
    const response = await this.post('supervisor', '/orders', this.orderBody(personId, overrides));
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async personWithOrder(person: object = {}, order: object = {}): Promise<string> {
    return this.order(await this.person(person), order);
  }

  async shift(
    site: 'siteA' | 'siteB' | 'siteWib' | 'siteExpiring',
    body: object,
  ): Promise<{ id: string; startsAt: string; endsAt: string; plannedMinutes: number }> {
    const response = await this.post('supervisor', `/sites/${this.ids[site]}/shifts`, {
      start: '08:00',
      end: '12:00',
      ...body,
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  book(orderId: string, shiftId: string) {
    return this.post('supervisor', '/assignments', { orderId, shiftId });
  }

  /** An agreement of the World's Bapas, Kejari and OPD (or of the parties given): its id. */
  async agreement(
    number: string,
    validFrom: string,
    validTo: string,
    agencyIds = [this.ids.bapas, this.ids.kejari, this.ids.opd],
  ): Promise<string> {
    const created = await this.post('admin', '/agreements', {
      number: `${number}/${this.tag}`,
      title: `PKS ${number}`,
      agencyIds,
      validFrom,
      validTo,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  /** A site of the OPD of its own, under the World's agreement unless told, for a test that changes it: its id. */
  async ownSite(overrides: object = {}): Promise<string> {
    const created = await this.post('admin', '/sites', {
      ...AMBON_SITE,
      name: `Own ${this.tag} ${Math.random().toString(36).slice(2, 8)}`,
      agencyId: this.ids.opd,
      agreementId: this.ids.agreement,
      coordinatorIds: [this.ids.coordinatorA],
      ...overrides,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  /** The next of the working days that no booking of this world has taken yet. */
  nextDay(): string {
    return WORKING_DAYS[this.daysTaken++];
  }

  /** A booked shift at site A, 08:00–12:00 (240 planned minutes) on the next working day unless told otherwise. */
  async booked(orderId: string, { date = this.nextDay(), start = '08:00', end = '12:00' } = {}) {
    const shift = await this.shift('siteA', { date, start, end });
    const response = await this.book(orderId, shift.id);
    expect(response.status).toBe(201);
    return { id: response.body.id as string, shift, date };
  }

  /** An action on a booking: check-in, check-out, absence, sign-off, cancel... */
  act(actor: Actor, assignmentId: string, action: string, body: object = {}) {
    return this.post(actor, `/assignments/${assignmentId}/${action}`, body);
  }

  private async setUp(): Promise<void> {
    const agencies = this.t.app.get(AgenciesService);
    const kanwil = await agencies.create(null, {
      code: `KANWIL-${this.tag}`,
      name: 'Kanwil',
      kind: 'kanwil',
      region: 'ID-MA',
      timezone: 'Asia/Jayapura',
    });
    this.ids.kanwil = kanwil.id;
    this.ids.admin = (
      await this.t.app.get(UsersService).seedActivated({
        username: `admin.${this.tag.toLowerCase()}`,
        password: PASSWORD,
        fullName: 'Admin',
        role: 'admin',
        agencyId: kanwil.id,
      })
    ).id;
    await this.login('admin', `admin.${this.tag.toLowerCase()}`);

    for (const [key, kind, region] of [
      ['bapas', 'bapas', 'ID-MA'],
      ['otherBapas', 'bapas', 'ID-MA'],
      ['kejari', 'kejaksaan', 'ID-MA'],
      ['otherKejari', 'kejaksaan', 'ID-JA'],
      ['opd', 'opd', 'ID-MA'],
    ] as const) {
      this.ids[key] = await this.create('/agencies', {
        code: `${key.toUpperCase()}-${this.tag}`,
        name: `${key} ${this.tag}`,
        kind,
        region,
        timezone: 'Asia/Jayapura',
      });
    }
    for (const [key, role, agency] of [
      ['supervisor', 'supervisor', 'bapas'],
      ['supervisor2', 'supervisor', 'bapas'],
      ['otherBapasSupervisor', 'supervisor', 'otherBapas'],
      ['coordinatorA', 'coordinator', 'opd'],
      ['coordinatorB', 'coordinator', 'opd'],
      ['prosecutor', 'prosecutor', 'kejari'],
      ['otherProsecutor', 'prosecutor', 'otherKejari'],
      ['oversight', 'oversight', 'kanwil'],
    ] as const) {
      const username = `${key.toLowerCase()}.${this.tag.toLowerCase()}`;
      this.ids[key] = await this.create('/users', {
        username,
        fullName: `${key} ${this.tag}`,
        role,
        agencyId: this.ids[agency],
        phone: '081234567890',
      });
      await this.activate(this.ids[key], username);
      await this.login(key, username);
    }
    const parties = [this.ids.bapas, this.ids.kejari, this.ids.opd];
    this.ids.agreement = await this.create('/agreements', {
      number: `PKS/${this.tag}`,
      title: 'PKS',
      agencyIds: parties,
      validFrom: '2026-01-02',
      validTo: '2027-12-31',
    });
    this.ids.expiringAgreement = await this.create('/agreements', {
      number: `PKS-OLD/${this.tag}`,
      title: 'PKS lama',
      agencyIds: parties,
      validFrom: '2025-01-02',
      validTo: '2026-11-30',
    });
    const site = { ...AMBON_SITE, agencyId: this.ids.opd };
    this.ids.siteA = await this.create('/sites', {
      ...site,
      name: `A ${this.tag}`,
      agreementId: this.ids.agreement,
      timezone: 'Asia/Jayapura',
      minorsAllowed: false,
      coordinatorIds: [this.ids.coordinatorA, this.ids.supervisor2],
    });
    this.ids.siteB = await this.create('/sites', {
      ...site,
      name: `B ${this.tag}`,
      agreementId: this.ids.agreement,
      timezone: 'Asia/Jayapura',
      minorsAllowed: true,
      coordinatorIds: [this.ids.coordinatorB],
    });
    this.ids.siteWib = await this.create('/sites', {
      ...site,
      name: `WIB ${this.tag}`,
      agreementId: this.ids.agreement,
      timezone: 'Asia/Jakarta',
      minorsAllowed: false,
      coordinatorIds: [this.ids.coordinatorA],
    });
    this.ids.siteExpiring = await this.create('/sites', {
      ...site,
      name: `Old ${this.tag}`,
      agreementId: this.ids.expiringAgreement,
      timezone: 'Asia/Jayapura',
      minorsAllowed: false,
      coordinatorIds: [this.ids.coordinatorA],
    });
  }

  private async create(path: string, body: object): Promise<string> {
    const response = await this.post('admin', path, body);
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id;
  }

  /** the owner reads the activation code from their phone (the stored message) and sets the password. */
  async activate(userId: string, username: string, password = PASSWORD): Promise<void> {
    const code = await this.activationCode(userId);
    const response = await this.t.http().post('/api/v1/auth/activate').send({ username, code, password });
    if (response.status !== 200)
      throw new Error(`activate ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async activationCode(userId: string): Promise<string> {
    const [message] = await this.t.db.query(
      `SELECT text FROM notification WHERE recipient_id = $1 AND reason = 'account_activation' ORDER BY created_at DESC, id LIMIT 1`,
      [userId],
    );
    const code = /(\d{8})/.exec(message?.text ?? '')?.[1];
    if (!code) throw new Error(`no activation code sent to ${userId}`);
    return code;
  }

  private async login(actor: Actor, username: string): Promise<void> {
    const response = await this.t.http().post('/api/v1/auth/login').send({ username, password: PASSWORD });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
    this.tokens.set(actor, response.body.accessToken);
  }
}
