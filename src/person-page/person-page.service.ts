import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { conflict, DomainError, notFound, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { AppConfig } from '../config/app-config.js';
import { PersonsService } from '../persons/persons.service.js';
import type {
  AbsenceNoticeDto,
  AbsenceNoticeResponse,
  OwnShiftResponse,
  PersonLinkResponse,
  PersonPageResponse,
} from './dto.js';
import { PERSON_LINK_DAYS, personLinkToken, readPersonLink } from './person-link.js';

defineMessages({
  'person_link.invalid': { id: 'Tautan ini tidak sah.', en: 'This link is not valid.' },
  'person_link.expired': {
    id: 'Tautan ini sudah kedaluwarsa. Mintalah tautan baru kepada pembimbing Anda.',
    en: 'This link has expired. Ask your supervisor for a new one.',
  },
  'notice.too_late': {
    id: 'Sesi ini sudah dimulai; pemberitahuan harus sebelum sesi (R-20).',
    en: 'This shift has started; a notice must come before it (R-20).',
  },
  'notice.already_given': {
    id: 'Pemberitahuan untuk sesi ini sudah dikirim.',
    en: 'A notice for this shift was already sent.',
  },
});

/** The person's own page, reached by a signed link: their next shifts and hours, and a notice of absence. */
@Injectable()
export class PersonPageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly persons: PersonsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A supervisor of the person's Bapas makes a link; reminders carry it to the person. */
  async link(actor: AuthUser, personId: string): Promise<PersonLinkResponse> {
    const person = await this.persons.supervised(this.dataSource.manager, actor, personId);
    const expiresAt = new Date(this.clock.now().getTime() + PERSON_LINK_DAYS * 86_400_000);
    const token = personLinkToken(person.id, expiresAt, this.config.JWT_SECRET);
    return { token, path: `/saya/${token}`, expiresAt };
  }

  async page(token: string): Promise<PersonPageResponse> {
    const personId = this.personOf(token);
    const [person] = await this.dataSource.query(`SELECT full_name FROM person WHERE id = $1`, [personId]);
    if (!person) throw notFound('person');
    const [hours] = await this.dataSource.query(
      `SELECT sum(required_minutes)::int AS required, sum(credited_minutes)::int AS credited, max(end_date) AS end_date
         FROM court_order WHERE person_id = $1 AND status = 'active'`,
      [personId],
    );
    return {
      fullName: person.full_name,
      hours:
        hours.required === null
          ? null
          : {
              requiredMinutes: hours.required,
              creditedMinutes: hours.credited,
              remainingMinutes: hours.required - hours.credited,
              endDate: hours.end_date,
            },
      nextShifts: await this.nextShifts(personId),
    };
  }

  /** told before the shift starts, the absence counts as reported in advance when the supervisor decides. */
  async notice(token: string, dto: AbsenceNoticeDto): Promise<AbsenceNoticeResponse> {
    const personId = this.personOf(token);
    return this.dataSource.transaction(async (manager) => {
      const [booking] = await manager.query(
        `SELECT id, status, starts_at FROM assignment WHERE id = $1 AND person_id = $2 FOR UPDATE`,
        [dto.assignmentId, personId],
      );
      if (!booking || booking.status !== 'scheduled') throw unknownReference('assignmentId', 'assignment');
      if (booking.starts_at.getTime() <= this.clock.now().getTime()) throw conflict({ code: 'notice.too_late' });
      const [created] = await manager.query(
        `INSERT INTO absence_notice (assignment_id, reason, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (assignment_id) DO NOTHING RETURNING created_at`,
        [dto.assignmentId, dto.reason.trim(), this.clock.now()],
      );
      if (!created) throw conflict({ code: 'notice.already_given' });
      const notice = {
        assignmentId: dto.assignmentId,
        reason: dto.reason.trim(),
        createdAt: created.created_at as Date,
      };
      await this.audit.record(manager, {
        actorId: null,
        action: 'assignment.absence_notice',
        entityType: 'assignment',
        entityId: dto.assignmentId,
        after: notice,
      });
      return notice;
    });
  }

  private personOf(token: string): string {
    const check = readPersonLink(token, this.clock.now(), this.config.JWT_SECRET);
    if ('refused' in check) throw new DomainError(401, [{ code: `person_link.${check.refused}` }]);
    return check.personId;
  }

  private async nextShifts(personId: string): Promise<OwnShiftResponse[]> {
    const rows = await this.dataSource.query(
      `SELECT a.id, a.local_date, a.starts_at, a.ends_at, s.name, s.address, s.timezone, n.reason AS notice,
              u.full_name AS coordinator_name, u.phone AS coordinator_phone
         FROM assignment a
         JOIN site s ON s.id = a.site_id
         JOIN shift sh ON sh.id = a.shift_id
         LEFT JOIN absence_notice n ON n.assignment_id = a.id
         LEFT JOIN LATERAL (
           SELECT full_name, phone FROM app_user
            WHERE id = coalesce(sh.coordinator_id, (SELECT min(c.user_id::text)::uuid FROM site_coordinator c WHERE c.site_id = s.id))
         ) u ON true
        WHERE a.person_id = $1 AND a.status = 'scheduled' AND a.ends_at > $2
        ORDER BY a.starts_at LIMIT 20`,
      [personId, this.clock.now()],
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw query's rows, typed by the mapping below
    return rows.map((r: Record<string, any>) => ({
      assignmentId: r.id,
      date: r.local_date,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      site: { name: r.name, address: r.address, timezone: r.timezone },
      coordinator: r.coordinator_name ? { fullName: r.coordinator_name, phone: r.coordinator_phone } : null,
      notice: r.notice,
    }));
  }
}
