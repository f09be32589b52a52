import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { badRequest, conflict, notFound } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page, PageQuery } from '../common/pagination.js';
import { Agency } from './agency.entity.js';
import { CreateAgencyDto } from './dto.js';

defineMessages({
  'agency.code_taken': { id: 'Kode instansi sudah dipakai.', en: 'The agency code is taken.' },
  'agency.head_not_member': {
    id: 'Kepala instansi harus pengguna aktif instansi ini.',
    en: 'The head must be an active user of this agency.',
  },
});

@Injectable()
export class AgenciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(actor: AuthUser | null, dto: CreateAgencyDto): Promise<Agency> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Agency, { code: dto.code }))
        throw conflict({ field: 'code', code: 'agency.code_taken' });
      const agency = await manager.save(manager.create(Agency, dto));
      await this.audit.record(manager, {
        actorId: actor?.id ?? null,
        action: 'agency.created',
        entityType: 'agency',
        entityId: agency.id,
        after: agency,
      });
      return agency;
    });
  }

  /** R-28: the head of an agency is one of its users, and is told of its accounts' changes. */
  setHead(actor: AuthUser, agencyId: string, userId: string): Promise<Agency> {
    return this.dataSource.transaction(async (manager) => {
      const agency = await manager.findOneBy(Agency, { id: agencyId });
      if (!agency) throw notFound('agency');
      const [member] = await manager.query(`SELECT 1 FROM app_user WHERE id = $1 AND agency_id = $2 AND active`, [
        userId,
        agencyId,
      ]);
      if (!member) throw badRequest([{ field: 'userId', code: 'agency.head_not_member' }]);
      const before = { ...agency };
      agency.headUserId = userId;
      await manager.save(agency);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'agency.head_set',
        entityType: 'agency',
        entityId: agencyId,
        before,
        after: agency,
      });
      return agency;
    });
  }

  async headOf(manager: EntityManager, agencyId: string): Promise<string | null> {
    return (await manager.findOneBy(Agency, { id: agencyId }))?.headUserId ?? null;
  }

  async list(query: PageQuery): Promise<Page<Agency>> {
    const [items, total] = await this.dataSource
      .getRepository(Agency)
      .findAndCount({ order: { code: 'ASC' }, take: query.limit, skip: query.offset });
    return { items, total };
  }
}
