import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';

/** Written only by their own triggers' rules: the service may read and append, never change or delete (R-14, R-25). */
const APPEND_ONLY_TABLES = ['audit_event', 'audit_checkpoint', 'ledger_entry', 'breach_decision', 'export_log'];
/** Kept by triggers only (as their owner): the service may read them, never write them. */
const TRIGGER_KEPT_TABLES = ['booking_totals', 'ledger_month_totals', 'absence_month_totals'];

/**
 * The service's role owns nothing (R-28): it is no superuser (so it can't set `session_replication_role` or
 * switch triggers off), has no DDL and no TRUNCATE, may only read and append the ledger and the audit trail, and
 * can't touch the migrations' record. Created when missing (with the URL's password, if any); granted on every
 * start, so tables added by new migrations are covered. Nothing to do when the service runs as the owner.
 */
export async function grantServiceRole(owner: DataSource, serviceUrl: string): Promise<void> {
  const url = new URL(serviceUrl);
  const role = decodeURIComponent(url.username);
  const [{ current_user: ownerRole }] = await owner.query(`SELECT current_user`);
  if (!role || role === ownerRole) return;
  const name = pg.escapeIdentifier(role);
  await createRoleIfMissing(owner, role, decodeURIComponent(url.password));
  // One transaction: the grants below give every table before the revokes take some back, and a running replica
  // of the service must never see that moment (it could write a trigger-kept or append-only table).
  await owner.transaction(async (tx) => {
    await tx.query(`GRANT USAGE ON SCHEMA public TO ${name}`);
    await tx.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${name}`);
    await tx.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${name}`);
    await tx.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY_TABLES.join(', ')} FROM ${name}`);
    await tx.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${TRIGGER_KEPT_TABLES.join(', ')} FROM ${name}`);
    await tx.query(`REVOKE ALL ON migrations FROM ${name}`);
  });
}

async function createRoleIfMissing(owner: DataSource, role: string, password: string): Promise<void> {
  const exists = async () => (await owner.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])).length > 0;
  if (await exists()) return;
  const login = password ? `LOGIN PASSWORD ${pg.escapeLiteral(password)}` : 'LOGIN';
  await owner
    .query(
      `CREATE ROLE ${pg.escapeIdentifier(role)} ${login} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`,
    )
    .catch(async (error: unknown) => {
      // Another database's first start (a parallel test file, a replica) created it meanwhile.
      if (!(await exists())) throw error;
    });
}

/**
 * R-28 at boot: a service connected as a superuser or as the tables' owner could switch the record's defences
 * off. Production refuses to start so; elsewhere (a developer's or a test's own database) it is said once.
 */
@Injectable()
export class ServiceRoleCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Database');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [role]: { name: string; superuser: boolean; owns: number }[] = await this.dataSource.query(
      `SELECT current_user AS name, rolsuper AS superuser,
              (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owns
         FROM pg_roles WHERE rolname = current_user`,
    );
    if (!role.superuser && role.owns === 0) return;
    const problem = `the service connects as ${role.name}, which ${role.superuser ? 'is a superuser' : 'owns the tables'}: it could switch the record's defences off (R-28); connect as a role that owns nothing (DATABASE_URL) and migrate as the owner (MIGRATION_DATABASE_URL)`;
    if (this.config.NODE_ENV === 'production') throw new Error(`Refusing to start: ${problem}`);
    this.logger.warn(problem);
  }
}
