import { EntityManager } from 'typeorm';
import type { Order } from './order.entity.js';

/** who supervises an order's execution: its named prosecutor, or, none named, every active one of its Kejari. */
export async function orderProsecutors(
  manager: EntityManager,
  order: Pick<Order, 'prosecutorId' | 'kejaksaanId'>,
): Promise<string[]> {
  if (order.prosecutorId) return [order.prosecutorId];
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM app_user WHERE role = 'prosecutor' AND active AND agency_id = $1`,
    [order.kejaksaanId],
  );
  return rows.map((row) => row.id);
}
