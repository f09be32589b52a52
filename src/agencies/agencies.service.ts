import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { conflict } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page, PageQuery } from '../common/pagination.js';
import { Agency } from './agency.entity.js';
import { CreateAgencyDto } from './dto.js';

defineMessages({
  'agency.code_taken': { id: 'Kode instansi sudah dipakai.', en: 'The agency code is taken.' },
});

@Injectable()
export class AgenciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(actor: AuthUser | null, dto: CreateAgencyDto): Promise<Agency> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Agency, { code: dto.code })) throw conflict({ field: 'code', code: 'agency.code_taken' });
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

  async list(query: PageQuery): Promise<Page<Agency>> {
    const [items, total] = await this.dataSource
      .getRepository(Agency)
      .findAndCount({ order: { code: 'ASC' }, take: query.limit, skip: query.offset });
    return { items, total };
  }
}
