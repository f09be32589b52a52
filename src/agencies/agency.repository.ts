import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { containing } from '../common/pagination.js';
import type { Tx } from '../database/transactions.js';
import { Agency, type AgencyKind } from './agency.entity.js';

/** The agency table. */
@Injectable()
export class AgencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  codeTaken(code: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(Agency, { code });
  }

  insert(fields: Omit<Agency, 'id' | 'headUserId' | 'createdAt'>, tx: Tx = this.dataSource.manager): Promise<Agency> {
    return tx.save(tx.create(Agency, fields));
  }

  save(agency: Agency, tx: Tx = this.dataSource.manager): Promise<Agency> {
    return tx.save(agency);
  }

  find(id: string, tx: Tx = this.dataSource.manager): Promise<Agency | null> {
    return tx.findOneBy(Agency, { id });
  }

  count(ids: string[], tx: Tx = this.dataSource.manager): Promise<number> {
    return tx.countBy(Agency, { id: In(ids) });
  }

  /** Read model: app_user (identity's), whether the user is an active member of the agency. */
  async hasActiveMember(agencyId: string, userId: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM app_user WHERE id = $1 AND agency_id = $2 AND active`, [
      userId,
      agencyId,
    ]);
    return rows.length > 0;
  }

  /** A page of the agencies by code: of a kind, and whose name or code contains `q`, when given. */
  page(
    filter: { q?: string; kind?: AgencyKind; limit: number; offset: number },
    tx: Tx = this.dataSource.manager,
  ): Promise<[Agency[], number]> {
    const builder = tx
      .getRepository(Agency)
      .createQueryBuilder('agency')
      .orderBy('agency.code', 'ASC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.kind) builder.andWhere('agency.kind = :kind', { kind: filter.kind });
    if (filter.q)
      builder.andWhere('(agency.name ILIKE :like OR agency.code ILIKE :like)', { like: containing(filter.q) });
    return builder.getManyAndCount();
  }
}
