import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { orderInScope } from '../orders/order-scope.js';

/** Which order an audited entity belongs to, so that R-26 scope applies to its trail too. */
const ORDER_OF: Record<string, string> = {
  order: `SELECT bapas_id AS "bapasId", kejaksaan_id AS "kejaksaanId" FROM court_order WHERE id = $1`,
  assignment: `SELECT o.bapas_id AS "bapasId", o.kejaksaan_id AS "kejaksaanId"
                 FROM assignment a JOIN court_order o ON o.id = a.order_id WHERE a.id = $1`,
  ledger_entry: `SELECT o.bapas_id AS "bapasId", o.kejaksaan_id AS "kejaksaanId"
                   FROM ledger_entry l JOIN court_order o ON o.id = l.order_id WHERE l.id = $1`,
  person: `SELECT bapas_id AS "bapasId", NULL::uuid AS "kejaksaanId" FROM person WHERE id = $1`,
};

@Injectable()
export class AuditScope {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async allows(user: AuthUser, entityType: string | undefined, entityId: string | undefined): Promise<boolean> {
    const sql = entityType && ORDER_OF[entityType];
    if (!sql || !entityId) return false;
    const [owner] = await this.dataSource.query(sql, [entityId]);
    if (!owner) return false;
    return orderInScope(user, owner);
  }
}
