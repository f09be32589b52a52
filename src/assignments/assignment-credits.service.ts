import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { AssignmentRepository } from './assignment.repository.js';

/** An assignment's credited minutes, as a correction of the ledger leaves them. */
@Injectable()
export class AssignmentCredits {
  constructor(private readonly assignments: AssignmentRepository) {}

  takeBack(tx: Tx, assignmentId: string, minutes: number): Promise<void> {
    return this.assignments.takeBackCredit(assignmentId, minutes, tx);
  }
}
