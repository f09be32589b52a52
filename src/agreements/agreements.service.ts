import { Injectable } from '@nestjs/common';
import { AgenciesService } from '../agencies/agencies.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { assertValid, conflict, notFound, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page } from '../common/pagination.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { Agreement } from './agreement.entity.js';
import { AgreementRepository } from './agreement.repository.js';
import { AgreementListQuery, CreateAgreementDto } from './dto.js';

defineMessages({
  'agreement.ends_before_start': {
    id: 'Tanggal akhir harus sesudah tanggal mulai.',
    en: 'validTo must not be before validFrom.',
  },
  'agreement.number_taken': { id: 'Nomor PKS sudah terdaftar.', en: 'An agreement with this number exists.' },
});

export interface AgreementView extends Agreement {
  agencyIds: string[];
}

@Injectable()
export class AgreementsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly agreements: AgreementRepository,
    private readonly agencies: AgenciesService,
    private readonly audit: AuditService,
  ) {}

  create(actor: AuthUser, dto: CreateAgreementDto): Promise<AgreementView> {
    assertValid(dto.validTo < dto.validFrom ? [{ field: 'validTo', code: 'agreement.ends_before_start' }] : []);
    return this.transactions.run(async (tx) => {
      if (!(await this.agencies.allExist(dto.agencyIds, tx))) throw unknownReference('agencyIds', 'agency');
      if (await this.agreements.numberTaken(dto.number, tx)) {
        throw conflict({ field: 'number', code: 'agreement.number_taken' });
      }
      const { agencyIds, ...fields } = dto;
      const agreement = await this.agreements.insert(fields, agencyIds, tx);
      const view = { ...agreement, agencyIds };
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'agreement.created',
        entityType: 'agreement',
        entityId: agreement.id,
        after: view,
      });
      return view;
    });
  }

  async get(id: string): Promise<AgreementView> {
    const agreement = await this.agreements.find(id);
    if (!agreement) throw notFound('agreement');
    return { ...agreement, agencyIds: await this.agreements.partiesOf(id) };
  }

  async list(query: AgreementListQuery): Promise<Page<AgreementView>> {
    const [items, total] = await this.agreements.page(query);
    const parties = await this.agreements.partiesByAgreement(items.map((a) => a.id));
    return { items: items.map((a) => ({ ...a, agencyIds: parties.get(a.id) ?? [] })), total };
  }

  exists(id: string, tx?: Tx): Promise<boolean> {
    return this.agreements.exists(id, tx);
  }

  /** The agencies party to the agreement, in id order. */
  partiesOf(agreementId: string, tx?: Tx): Promise<string[]> {
    return this.agreements.partiesOf(agreementId, tx);
  }
}
