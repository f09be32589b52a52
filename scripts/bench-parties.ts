import { AgenciesService } from '../src/agencies/agencies.service.js';
import { AgreementsService } from '../src/agreements/agreements.service.js';
import type { AuthUser } from '../src/common/auth/auth-user.js';
import { UsersService } from '../src/identity/users.service.js';

/** The application context's `get`. */
export type Get = <T>(type: new (...args: never[]) => T) => T;

export const BENCH_PASSWORD = 'bench-password-1';

/**
 * A benchmark's parties, through the services: a Kanwil, a Bapas, a Kejari and an OPD in Ambon (WIT), an admin,
 * a supervisor, a coordinator and a prosecutor, and one agreement of the Bapas, the Kejari and the OPD. Codes and
 * user names start with `prefix`.
 */
export async function benchParties(get: Get, prefix: string) {
  const agencies = get(AgenciesService);
  const agency = (kind: 'kanwil' | 'bapas' | 'kejaksaan' | 'opd', code: string) =>
    agencies.create(null, {
      code: `${prefix.toUpperCase()}-${code}`,
      name: `${prefix.toUpperCase()}-${code} (bench)`,
      kind,
      region: 'ID-MA',
      timezone: 'Asia/Jayapura',
    });
  const kanwil = await agency('kanwil', 'KANWIL');
  const bapas = await agency('bapas', 'BAPAS');
  const kejari = await agency('kejaksaan', 'KEJARI');
  const opd = await agency('opd', 'OPD');
  const users = get(UsersService);
  const user = (name: string, role: AuthUser['role'], agencyId: string): Promise<AuthUser> => {
    const username = `${prefix}.${name}`;
    return users.create(null, { username, password: BENCH_PASSWORD, fullName: `${username} (bench)`, role, agencyId });
  };
  const admin = await user('admin', 'admin', kanwil.id);
  const supervisor = await user('pk', 'supervisor', bapas.id);
  const coordinator = await user('koord', 'coordinator', opd.id);
  const prosecutor = await user('jaksa', 'prosecutor', kejari.id);
  const agreement = await get(AgreementsService).create(admin, {
    number: `PKS/${prefix.toUpperCase()}/2026`,
    title: 'PKS benchmark',
    agencyIds: [bapas.id, kejari.id, opd.id],
    validFrom: '2026-01-02',
    validTo: '2027-12-31',
  });
  return { kejari, opd, admin, supervisor, coordinator, prosecutor, agreement };
}
