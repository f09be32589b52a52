import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import { Plan, type PlanApplication } from './plan.entity.js';

export type NewPlan = Omit<Plan, 'id' | 'createdAt' | 'appliedAt' | 'appliedBy'>;

/** The plan table. */
@Injectable()
export class PlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  store(plan: NewPlan, tx: Tx = this.dataSource.manager): Promise<Plan> {
    return tx.save(tx.create(Plan, plan));
  }

  /** The plan, its row locked when asked, or null. */
  find(id: string, lock: boolean, tx: Tx = this.dataSource.manager): Promise<Plan | null> {
    return tx.findOne(Plan, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** The preview taken for applying (its row locked by `find`). */
  markApplied(plan: Plan, by: string, at: Date, tx: Tx = this.dataSource.manager): Promise<Plan> {
    Object.assign(plan, { status: 'applied', appliedAt: at, appliedBy: by });
    return tx.save(plan);
  }

  /** What applying the plan did, and the plan as it now stands. */
  async recordResult(id: string, result: PlanApplication, tx: Tx = this.dataSource.manager): Promise<Plan> {
    await tx.update(Plan, { id }, { result });
    return tx.findOneByOrFail(Plan, { id });
  }

  /** the stored outcomes of these orders lose the person's name. */
  async forgetPerson(orderIds: string[], placeholder: string, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.query(
      `UPDATE plan SET outcomes = (
         SELECT jsonb_agg(CASE WHEN o->>'orderId' = ANY($1) THEN jsonb_set(o, '{personName}', to_jsonb($2::text)) ELSE o END ORDER BY n)
           FROM jsonb_array_elements(outcomes) WITH ORDINALITY AS t(o, n))
        WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(outcomes) o WHERE o->>'orderId' = ANY($1))`,
      [orderIds, placeholder],
    );
  }
}
