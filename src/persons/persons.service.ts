import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../access/access.policy.js';
import { personalWindowRefusals } from '../assignments/booking.rules.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { assertValid, conflict, unknownReference } from '../common/domain-error.js';
import { localDate } from '../common/local-time.js';
import { defineMessages } from '../common/messages.js';
import { Page } from '../common/pagination.js';
import { normalisePhone } from '../common/phone.js';
import { RuleViolation } from '../common/rule-violation.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { CreatePersonDto, DeclareConflictDto, PersonSearchQuery, UpdatePersonDto } from './dto.js';
import { Person } from './person.entity.js';
import { PersonRepository } from './person.repository.js';
import { anonymisedFields, placeholderNik } from './retention.rules.js';

defineMessages({
  'person.window_ends_before_start': {
    id: 'Jam selesai harus sesudah jam mulai.',
    en: 'The window must end after it starts.',
  },
  'person.nik_registered': {
    id: 'NIK ini sudah terdaftar di Bapas Anda.',
    en: 'This NIK is already registered at your Bapas.',
  },
  'person.conflict_declared': { id: 'Hubungan ini sudah dicatat.', en: 'This relation is already recorded.' },
  'person.born_in_future': {
    id: 'Tanggal lahir tidak boleh sesudah hari ini.',
    en: 'The date of birth cannot be after today.',
  },
});

/** Indonesia's easternmost zone: no one born today anywhere in the country is born after its date. */
const EASTERNMOST_ZONE = 'Asia/Jayapura';

/** What a supervisor of the person's Bapas sees; others get less. */
export type PersonView = Omit<Person, 'homeLat' | 'homeLng'> & { home: { lat: number; lng: number } | null };

@Injectable()
export class PersonsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly persons: PersonRepository,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  create(actor: AuthUser, dto: CreatePersonDto): Promise<PersonView> {
    const born =
      dto.birthDate > localDate(this.clock.now(), EASTERNMOST_ZONE)
        ? [{ field: 'birthDate', code: 'person.born_in_future' }]
        : [];
    assertValid([...born, ...windowViolations(dto)]);
    return this.transactions.run(async (tx) => {
      if (await this.persons.nikRegistered(actor.agencyId, dto.nik, tx)) {
        throw conflict({ field: 'nik', code: 'person.nik_registered' });
      }
      const { home, unavailable, phone, ...fields } = dto;
      const person = await this.persons.insert(
        {
          ...fields,
          bapasId: actor.agencyId,
          religion: dto.religion ?? null,
          worshipDefaults: dto.worshipDefaults ?? true,
          phone: phone ? normalisePhone(phone) : null,
          address: dto.address ?? null,
          homeLat: home?.lat ?? null,
          homeLng: home?.lng ?? null,
          unavailable: (unavailable ?? []).map((w) => ({ ...w })),
          inSchool: dto.inSchool ?? false,
          locale: dto.locale ?? 'id',
          createdBy: actor.id,
        },
        tx,
      );
      const view = toPersonView(person);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'person.created',
        entityType: 'person',
        entityId: person.id,
        after: view,
      });
      return view;
    });
  }

  /**
   * Updates what may change. Bookings ahead are kept as they are; those that now fall in an unavailable or
   * worship window are answered, for the supervisor to move.
   */
  update(actor: AuthUser, id: string, dto: UpdatePersonDto): Promise<PersonView & { bookingsToReview: string[] }> {
    assertValid(windowViolations(dto));
    return this.transactions.run(async (tx) => {
      const person = await this.supervised(tx, actor, id);
      const before = toPersonView(person);
      const { home, phone, ...fields } = dto;
      // The DTO declares every field, so those not sent are present as undefined: they must not clear the row's.
      const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      Object.assign(person, given, {
        ...(phone !== undefined ? { phone: phone === null ? null : normalisePhone(phone) } : {}),
        ...(home !== undefined ? { homeLat: home?.lat ?? null, homeLng: home?.lng ?? null } : {}),
        ...(dto.unavailable !== undefined ? { unavailable: dto.unavailable.map((w) => ({ ...w })) } : {}),
      });
      await this.persons.save(person, tx);
      const after = toPersonView(person);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'person.updated',
        entityType: 'person',
        entityId: id,
        before,
        after,
      });
      return { ...after, bookingsToReview: await this.bookingsInWindows(tx, person) };
    });
  }

  async get(actor: AuthUser, id: string): Promise<PersonView> {
    return toPersonView(await this.supervisedPerson(actor, id));
  }

  /** The person's name, or null when there is no such person (the person's own page, reached by its link). */
  async nameOf(id: string): Promise<string | null> {
    return (await this.persons.find(id))?.fullName ?? null;
  }

  /** The Bapas's persons, found by part of the name or of a case number. */
  async list(actor: AuthUser, query: PersonSearchQuery): Promise<Page<PersonView>> {
    const [items, total] = await this.persons.search(actor.agencyId, query.q?.trim(), query);
    return { items: items.map(toPersonView), total };
  }

  /** a user related to the person may not confirm or sign off the person's hours. */
  declareConflict(actor: AuthUser, personId: string, dto: DeclareConflictDto) {
    return this.transactions.run(async (tx) => {
      await this.supervised(tx, actor, personId);
      if (!(await this.persons.userExists(dto.userId, tx))) throw unknownReference('userId', 'user');
      const conflictOfInterest = { userId: dto.userId, personId, relation: dto.relation, declaredBy: actor.id };
      if (!(await this.persons.declareConflict(conflictOfInterest, tx))) {
        throw conflict({ field: 'userId', code: 'person.conflict_declared' });
      }
      const declared = { personId, ...dto };
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'person.conflict_declared',
        entityType: 'person',
        entityId: personId,
        after: declared,
      });
      return declared;
    });
  }

  /** The person's bookings ahead that their windows would now refuse. */
  private async bookingsInWindows(tx: Tx, person: Person): Promise<string[]> {
    const ahead = await this.persons.bookingsAhead(person.id, this.clock.now(), tx);
    return ahead
      .filter(
        (a) => personalWindowRefusals(person, { date: a.local_date, start: a.start_time, end: a.end_time }).length > 0,
      )
      .map((a) => a.id);
  }

  /**
   * replaces the person's personal fields (retention.rules.ts), locked; null when already anonymised.
   * Answers what was replaced, so the owners of other tables can remove it from their rows.
   */
  async anonymise(
    tx: Tx,
    id: string,
    at: Date,
  ): Promise<{ fullName: string; phone: string | null; nik: string } | null> {
    const person = await this.persons.lock(id, tx);
    if (!person || person.anonymisedAt) return null;
    const replaced = { fullName: person.fullName, phone: person.phone, nik: person.nik };
    let attempt = 0;
    while (await this.persons.nikRegistered(person.bapasId, placeholderNik(id, attempt), tx)) attempt += 1;
    Object.assign(person, anonymisedFields(person, placeholderNik(id, attempt), at));
    await this.persons.save(person, tx);
    return replaced;
  }

  /** the persons not yet anonymised whose orders all ended before the cutoff, with those orders. */
  endedBefore(cutoff: Date): Promise<{ id: string; orderIds: string[] }[]> {
    return this.persons.endedBefore(cutoff);
  }

  /** The person, for a supervisor of their Bapas. */
  supervised(tx: Tx, actor: AuthUser, id: string): Promise<Person> {
    return this.supervisedPerson(actor, id, tx);
  }

  /** whether the user declared a relation to the person. */
  hasConflict(tx: Tx, userId: string, personId: string): Promise<boolean> {
    return this.persons.hasConflict(userId, personId, tx);
  }

  private async supervisedPerson(actor: AuthUser, id: string, tx?: Tx): Promise<Person> {
    return this.access.requireLoaded(actor, 'person.supervise', await this.persons.find(id, tx));
  }
}

function windowViolations(dto: { unavailable?: CreatePersonDto['unavailable'] }): RuleViolation[] {
  return (dto.unavailable ?? []).flatMap((window, index) =>
    window.to > window.from ? [] : [{ field: `unavailable[${index}].to`, code: 'person.window_ends_before_start' }],
  );
}

export function toPersonView(person: Person): PersonView {
  const { homeLat, homeLng, ...rest } = person;
  return { ...rest, home: homeLat === null || homeLng === null ? null : { lat: homeLat, lng: homeLng } };
}
