import { SetMetadata } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import type { PlannedJob } from './jobs.js';

export const RECONCILE_STEP = 'bakti:reconcile-step';

/**
 * Marks a method that derives, from PostgreSQL, the jobs its module expects to be in the queues:
 * `(tx, now) => Promise<PlannedJob[]>`, run inside the reconcile transaction. `reportKey` names how many
 * it found in the reconcile report.
 */
export const ReconcileStep = (reportKey: string) => SetMetadata(RECONCILE_STEP, reportKey);

export type ReconcileStepMethod = (tx: Tx, now: Date) => Promise<PlannedJob[]>;
