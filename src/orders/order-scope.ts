import type { AuthUser } from '../common/auth/auth-user.js';

/** an order is the business of the supervisors of its Bapas and the prosecutors of its Kejari. */
export function orderInScope(user: AuthUser, order: { bapasId: string; kejaksaanId: string }): boolean {
  return (
    (user.role === 'supervisor' && order.bapasId === user.agencyId) ||
    (user.role === 'prosecutor' && order.kejaksaanId === user.agencyId)
  );
}
