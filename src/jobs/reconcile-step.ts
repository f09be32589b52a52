import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PlannedJob } from './jobs.js';

export const RECONCILE_STEP = 'bakti:reconcile-step';

/**
 * Marks a method that derives, from PostgreSQL, the jobs its module expects to be in the queues:
 * `(manager, now) => Promise<PlannedJob[]>`, run inside the reconcile transaction. `reportKey` names how many
 * it found in the reconcile report.
 */
export const ReconcileStep = (reportKey: string) => SetMetadata(RECONCILE_STEP, reportKey);

export type ReconcileStepMethod = (manager: EntityManager, now: Date) => Promise<PlannedJob[]>;
