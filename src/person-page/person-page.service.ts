import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Clock } from '../common/clock.js';
import { conflict, DomainError, notFound, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { PersonsService } from '../persons/persons.service.js';
import { AbsenceNoticeRepository } from './absence-notice.repository.js';
import type { AbsenceNoticeDto, AbsenceNoticeResponse, PersonLinkResponse, PersonPageResponse } from './dto.js';
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
    private readonly transactions: Transactions,
    private readonly notices: AbsenceNoticeRepository,
    private readonly persons: PersonsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A supervisor of the person's Bapas makes a link; reminders carry it to the person. */
  async link(actor: AuthUser, personId: string): Promise<PersonLinkResponse> {
    const person = await this.persons.get(actor, personId);
    const expiresAt = new Date(this.clock.now().getTime() + PERSON_LINK_DAYS * 86_400_000);
    const token = personLinkToken(person.id, expiresAt, this.config.JWT_SECRET);
    return { token, path: `/saya/${token}`, expiresAt };
  }

  async page(token: string): Promise<PersonPageResponse> {
    const personId = this.personOf(token);
    const fullName = await this.persons.nameOf(personId);
    if (fullName === null) throw notFound('person');
    const hours = await this.notices.hoursOf(personId);
    return {
      fullName,
      hours:
        hours === null
          ? null
          : {
              requiredMinutes: hours.required,
              creditedMinutes: hours.credited,
              remainingMinutes: hours.required - hours.credited,
              endDate: hours.end_date,
            },
      nextShifts: await this.notices.nextShifts(personId, this.clock.now()),
    };
  }

  /** told before the shift starts, the absence counts as reported in advance when the supervisor decides. */
  async notice(token: string, dto: AbsenceNoticeDto): Promise<AbsenceNoticeResponse> {
    const personId = this.personOf(token);
    return this.transactions.run(async (tx) => {
      const booking = await this.notices.lockBooking(dto.assignmentId, personId, tx);
      if (!booking || booking.status !== 'scheduled') throw unknownReference('assignmentId', 'assignment');
      if (booking.starts_at.getTime() <= this.clock.now().getTime()) throw conflict({ code: 'notice.too_late' });
      const reason = dto.reason.trim();
      const createdAt = await this.notices.insert(
        { assignmentId: dto.assignmentId, reason, createdAt: this.clock.now() },
        tx,
      );
      if (!createdAt) throw conflict({ code: 'notice.already_given' });
      const notice = { assignmentId: dto.assignmentId, reason, createdAt };
      await this.audit.record(tx, {
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
}
