import pg from 'pg';
import { DataSource } from 'typeorm';

/** Written only by their own triggers' rules: the service may read and append, never change or delete (R-14, R-25). */
const APPEND_ONLY_TABLES = ['audit_event', 'audit_checkpoint', 'ledger_entry', 'breach_decision'];

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
  await owner.query(`GRANT USAGE ON SCHEMA public TO ${name}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${name}`);
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${name}`);
  await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY_TABLES.join(', ')} FROM ${name}`);
  await owner.query(`REVOKE ALL ON migrations FROM ${name}`);
}

async function createRoleIfMissing(owner: DataSource, role: string, password: string): Promise<void> {
  const exists = async () => (await owner.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])).length > 0;
  if (await exists()) return;
  const login = password ? `LOGIN PASSWORD ${pg.escapeLiteral(password)}` : 'LOGIN';
  await owner
    .query(`CREATE ROLE ${pg.escapeIdentifier(role)} ${login} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`)
    .catch(async (error: unknown) => {
      // Another database's first start (a parallel test file, a replica) created it meanwhile.
      if (!(await exists())) throw error;
    });
}
