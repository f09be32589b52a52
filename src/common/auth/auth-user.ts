import type { Role } from './role.js';

/** Who is calling: read from the database on every request, so a deactivated user is out at once. */
export interface AuthUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  agencyId: string;
}
