import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';

/** Which order an audited entity belongs to, so that R-26 scope applies to its trail too. */
const ORDER_OF: Record<string, string> = {
  order: `SELECT bapas_id, kejaksaan_id FROM court_order WHERE id = $1`,
  assignment: `SELECT o.bapas_id, o.kejaksaan_id FROM assignment a JOIN court_order o ON o.id = a.order_id WHERE a.id = $1`,
  ledger_entry: `SELECT o.bapas_id, o.kejaksaan_id FROM ledger_entry l JOIN court_order o ON o.id = l.order_id WHERE l.id = $1`,
  person: `SELECT bapas_id, NULL::uuid AS kejaksaan_id FROM person WHERE id = $1`,
};

@Injectable()
export class AuditScope {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async allows(user: AuthUser, entityType: string | undefined, entityId: string | undefined): Promise<boolean> {
    const sql = entityType && ORDER_OF[entityType];
    if (!sql || !entityId) return false;
    const [owner] = await this.dataSource.query(sql, [entityId]);
    if (!owner) return false;
    return user.role === 'supervisor' ? owner.bapas_id === user.agencyId : owner.kejaksaan_id === user.agencyId;
  }
}
