import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { groupBy } from '../common/collections.js';
import { containing } from '../common/pagination.js';
import type { Tx } from '../database/transactions.js';
import { Agreement } from './agreement.entity.js';

/** The agreement table and its parties (agreement_party). */
@Injectable()
export class AgreementRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  numberTaken(number: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(Agreement, { number });
  }

  exists(id: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(Agreement, { id });
  }

  async insert(
    fields: Pick<Agreement, 'number' | 'title' | 'validFrom' | 'validTo'>,
    agencyIds: string[],
    tx: Tx = this.dataSource.manager,
  ): Promise<Agreement> {
    const agreement = await tx.save(tx.create(Agreement, fields));
    for (const agencyId of agencyIds) {
      await tx.query(`INSERT INTO agreement_party (agreement_id, agency_id) VALUES ($1, $2)`, [agreement.id, agencyId]);
    }
    return agreement;
  }

  find(id: string, tx: Tx = this.dataSource.manager): Promise<Agreement | null> {
    return tx.findOneBy(Agreement, { id });
  }

  /** A page of the agreements, latest validity first: of a party, and whose number or title contains `q`, when given. */
  page(
    filter: { q?: string; agencyId?: string; limit: number; offset: number },
    tx: Tx = this.dataSource.manager,
  ): Promise<[Agreement[], number]> {
    const builder = tx
      .getRepository(Agreement)
      .createQueryBuilder('agreement')
      .orderBy('agreement.validFrom', 'DESC')
      .addOrderBy('agreement.number', 'ASC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.q) {
      builder.andWhere('(agreement.number ILIKE :like OR agreement.title ILIKE :like)', { like: containing(filter.q) });
    }
    if (filter.agencyId) {
      builder.andWhere(
        'EXISTS (SELECT 1 FROM agreement_party p WHERE p.agreement_id = agreement.id AND p.agency_id = :agencyId)',
        { agencyId: filter.agencyId },
      );
    }
    return builder.getManyAndCount();
  }

  /** The agreement's parties, in id order. */
  async partiesOf(agreementId: string, tx: Tx = this.dataSource.manager): Promise<string[]> {
    return (await this.partiesByAgreement([agreementId], tx)).get(agreementId) ?? [];
  }

  /** The parties of each of these agreements, in id order, in one statement (a page of agreements). */
  async partiesByAgreement(agreementIds: string[], tx: Tx = this.dataSource.manager): Promise<Map<string, string[]>> {
    const rows: { agreement_id: string; agency_id: string }[] = await tx.query(
      `SELECT agreement_id, agency_id FROM agreement_party WHERE agreement_id = ANY($1::uuid[]) ORDER BY agency_id`,
      [agreementIds],
    );
    return groupBy(
      rows,
      (row) => row.agreement_id,
      (row) => row.agency_id,
    );
  }
}
