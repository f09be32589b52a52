import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { badRequest, conflict, notFound } from '../common/domain-error.js';
import { defineMessages } from '../common/messages.js';
import { Page } from '../common/pagination.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { Agency } from './agency.entity.js';
import { AgencyRepository } from './agency.repository.js';
import { AgencyListQuery, CreateAgencyDto } from './dto.js';

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
    private readonly transactions: Transactions,
    private readonly agencies: AgencyRepository,
    private readonly audit: AuditService,
  ) {}

  create(actor: AuthUser | null, dto: CreateAgencyDto): Promise<Agency> {
    return this.transactions.run(async (tx) => {
      if (await this.agencies.codeTaken(dto.code, tx)) throw conflict({ field: 'code', code: 'agency.code_taken' });
      const agency = await this.agencies.insert(dto, tx);
      await this.audit.record(tx, {
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
    return this.transactions.run(async (tx) => {
      const agency = await this.get(agencyId, tx);
      if (!(await this.agencies.hasActiveMember(agencyId, userId, tx))) {
        throw badRequest([{ field: 'userId', code: 'agency.head_not_member' }]);
      }
      const before = { ...agency };
      agency.headUserId = userId;
      await this.agencies.save(agency, tx);
      await this.audit.record(tx, {
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

  async headOf(tx: Tx, agencyId: string): Promise<string | null> {
    return (await this.agencies.find(agencyId, tx))?.headUserId ?? null;
  }

  /** The agency; 404 when there is none with this id. */
  async get(id: string, tx?: Tx): Promise<Agency> {
    const agency = await this.agencies.find(id, tx);
    if (!agency) throw notFound('agency');
    return agency;
  }

  /** The agency, or null when there is none with this id. */
  find(id: string, tx?: Tx): Promise<Agency | null> {
    return this.agencies.find(id, tx);
  }

  /** Whether every one of these ids is an agency's. */
  async allExist(ids: string[], tx?: Tx): Promise<boolean> {
    return (await this.agencies.count(ids, tx)) === ids.length;
  }

  async list(query: AgencyListQuery): Promise<Page<Agency>> {
    const [items, total] = await this.agencies.page(query);
    return { items, total };
  }
}
