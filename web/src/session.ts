export type Role = 'admin' | 'supervisor' | 'coordinator' | 'prosecutor' | 'oversight';
/** The roles in the order a select offers them. */
export const ROLES: Role[] = ['supervisor', 'coordinator', 'prosecutor', 'oversight', 'admin'];

export interface SessionUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  agencyId: string;
}

interface Session {
  token: string;
  user: SessionUser;
  expiresAt: number;
}

const KEY = 'bakti.session';

/** The signed-in user, kept across reloads (the roll-call must survive an offline reload). */
export function currentSession(): Session | null {
  const raw = localStorage.getItem(KEY);
  if (!raw) return null;
  const session = JSON.parse(raw) as Session;
  return session.expiresAt > Date.now() ? session : null;
}

export function saveSession(token: string, user: SessionUser, expiresInSeconds: number): void {
  localStorage.setItem(KEY, JSON.stringify({ token, user, expiresAt: Date.now() + expiresInSeconds * 1000 }));
}

export function endSession(): void {
  localStorage.removeItem(KEY);
}

export const homeOf: Record<Role, string> = {
  coordinator: '/koordinator',
  supervisor: '/pk',
  prosecutor: '/jaksa',
  admin: '/admin',
  oversight: '/kanwil',
};
