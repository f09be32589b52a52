import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { assertValid, conflict, notFound, unknownReference } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page, PageQuery } from '../common/pagination.js';
import { Agreement } from './agreement.entity.js';
import { CreateAgreementDto } from './dto.js';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(actor: AuthUser, dto: CreateAgreementDto): Promise<AgreementView> {
    assertValid(dto.validTo < dto.validFrom ? [{ field: 'validTo', code: 'agreement.ends_before_start' }] : []);
    return this.dataSource.transaction(async (manager) => {
      const parties = await manager.countBy(Agency, { id: In(dto.agencyIds) });
      if (parties !== dto.agencyIds.length) throw unknownReference('agencyIds', 'agency');
      if (await manager.existsBy(Agreement, { number: dto.number })) {
        throw conflict({ field: 'number', code: 'agreement.number_taken' });
      }
      const { agencyIds, ...fields } = dto;
      const agreement = await manager.save(manager.create(Agreement, fields));
      for (const agencyId of agencyIds) {
        await manager.query(`INSERT INTO agreement_party (agreement_id, agency_id) VALUES ($1, $2)`, [
          agreement.id,
          agencyId,
        ]);
      }
      const view = { ...agreement, agencyIds };
      await this.audit.record(manager, {
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
    const agreement = await this.dataSource.getRepository(Agreement).findOneBy({ id });
    if (!agreement) throw notFound('agreement');
    return { ...agreement, agencyIds: await partiesOf(this.dataSource.manager, id) };
  }

  async list(query: PageQuery): Promise<Page<AgreementView>> {
    const [items, total] = await this.dataSource
      .getRepository(Agreement)
      .findAndCount({ order: { validFrom: 'DESC' }, take: query.limit, skip: query.offset });
    const views = await Promise.all(
      items.map(async (a) => ({ ...a, agencyIds: await partiesOf(this.dataSource.manager, a.id) })),
    );
    return { items: views, total };
  }
}

export async function partiesOf(manager: EntityManager, agreementId: string): Promise<string[]> {
  const rows: { agency_id: string }[] = await manager.query(
    `SELECT agency_id FROM agreement_party WHERE agreement_id = $1 ORDER BY agency_id`,
    [agreementId],
  );
  return rows.map((row) => row.agency_id);
}
