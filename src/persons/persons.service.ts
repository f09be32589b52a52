import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../access/access.policy.js';
import { personalWindowRefusals } from '../assignments/booking.rules.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { assertValid, conflict, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page } from '../common/pagination.js';
import { normalisePhone } from '../common/phone.js';
import { RuleViolation } from '../common/rule-violation.js';
import { User } from '../identity/user.entity.js';
import { CreatePersonDto, DeclareConflictDto, PersonSearchQuery, UpdatePersonDto } from './dto.js';
import { Person } from './person.entity.js';
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
});

/** What a supervisor of the person's Bapas sees; others get less (R-30). */
export type PersonView = Omit<Person, 'homeLat' | 'homeLng'> & { home: { lat: number; lng: number } | null };

@Injectable()
export class PersonsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  create(actor: AuthUser, dto: CreatePersonDto): Promise<PersonView> {
    assertValid(windowViolations(dto));
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Person, { bapasId: actor.agencyId, nik: dto.nik })) {
        throw conflict({ field: 'nik', code: 'person.nik_registered' });
      }
      const { home, unavailable, phone, ...fields } = dto;
      const person = await manager.save(
        manager.create(Person, {
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
        }),
      );
      const view = toPersonView(person);
      await this.audit.record(manager, {
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
    return this.dataSource.transaction(async (manager) => {
      const person = await this.supervised(manager, actor, id);
      const before = toPersonView(person);
      const { home, phone, ...fields } = dto;
      // The DTO declares every field, so those not sent are present as undefined: they must not clear the row's.
      const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      Object.assign(person, given, {
        ...(phone !== undefined ? { phone: phone === null ? null : normalisePhone(phone) } : {}),
        ...(home !== undefined ? { homeLat: home?.lat ?? null, homeLng: home?.lng ?? null } : {}),
        ...(dto.unavailable !== undefined ? { unavailable: dto.unavailable.map((w) => ({ ...w })) } : {}),
      });
      await manager.save(person);
      const after = toPersonView(person);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'person.updated',
        entityType: 'person',
        entityId: id,
        before,
        after,
      });
      return { ...after, bookingsToReview: await this.bookingsInWindows(manager, person) };
    });
  }

  async get(actor: AuthUser, id: string): Promise<PersonView> {
    return toPersonView(await this.supervised(this.dataSource.manager, actor, id));
  }

  /** The Bapas's persons (R-26), found by part of the name or of a case number. */
  async list(actor: AuthUser, query: PersonSearchQuery): Promise<Page<PersonView>> {
    const builder = this.dataSource
      .getRepository(Person)
      .createQueryBuilder('p')
      .where('p.bapasId = :bapasId', { bapasId: actor.agencyId })
      .orderBy('p.fullName', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    const q = query.q?.trim();
    if (q) {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.andWhere(
        `(p.fullName ILIKE :like OR EXISTS (SELECT 1 FROM court_order o WHERE o.person_id = p.id AND o.case_number ILIKE :like))`,
        { like },
      );
    }
    const [items, total] = await builder.getManyAndCount();
    return { items: items.map(toPersonView), total };
  }

  /** R-27: a user related to the person may not confirm or sign off the person's hours. */
  declareConflict(actor: AuthUser, personId: string, dto: DeclareConflictDto) {
    return this.dataSource.transaction(async (manager) => {
      await this.supervised(manager, actor, personId);
      if (!(await manager.existsBy(User, { id: dto.userId }))) throw unknownReference('userId', 'user');
      const inserted = await manager.query(
        `INSERT INTO conflict_of_interest (user_id, person_id, relation, declared_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [dto.userId, personId, dto.relation, actor.id],
      );
      if (inserted.length === 0) throw conflict({ field: 'userId', code: 'person.conflict_declared' });
      const declared = { personId, ...dto };
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'person.conflict_declared',
        entityType: 'person',
        entityId: personId,
        after: declared,
      });
      return declared;
    });
  }

  /** The person's bookings ahead that their windows (R-06, R-24) would now refuse. */
  private async bookingsInWindows(manager: EntityManager, person: Person): Promise<string[]> {
    const ahead: { id: string; local_date: string; start_time: string; end_time: string }[] = await manager.query(
      `SELECT a.id, a.local_date, s.start_time, s.end_time FROM assignment a JOIN shift s ON s.id = a.shift_id
        WHERE a.person_id = $1 AND a.status = 'scheduled' AND a.starts_at > $2 ORDER BY a.starts_at`,
      [person.id, this.clock.now()],
    );
    return ahead
      .filter(
        (a) => personalWindowRefusals(person, { date: a.local_date, start: a.start_time, end: a.end_time }).length > 0,
      )
      .map((a) => a.id);
  }

  /**
   * R-30: replaces the person's personal fields (retention.rules.ts), locked; null when already anonymised.
   * Answers what was replaced, so the owners of other tables can remove it from their rows.
   */
  async anonymise(
    manager: EntityManager,
    id: string,
    at: Date,
  ): Promise<{ fullName: string; phone: string | null; nik: string } | null> {
    const person = await manager.findOne(Person, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!person || person.anonymisedAt) return null;
    const replaced = { fullName: person.fullName, phone: person.phone, nik: person.nik };
    let attempt = 0;
    while (await manager.existsBy(Person, { bapasId: person.bapasId, nik: placeholderNik(id, attempt) })) attempt += 1;
    Object.assign(person, anonymisedFields(person, placeholderNik(id, attempt), at));
    await manager.save(person);
    return replaced;
  }

  /** The person, for a supervisor of their Bapas (R-26). */
  async supervised(manager: EntityManager, actor: AuthUser, id: string): Promise<Person> {
    return this.access.requireLoaded(actor, 'person.supervise', await manager.findOneBy(Person, { id }));
  }
}

export async function hasConflict(manager: EntityManager, userId: string, personId: string): Promise<boolean> {
  const rows = await manager.query(`SELECT 1 FROM conflict_of_interest WHERE user_id = $1 AND person_id = $2`, [
    userId,
    personId,
  ]);
  return rows.length > 0;
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
