import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import type { AssignmentStatus } from './assignment.entity.js';
import { AssignmentRepository, type AttendanceFlag } from './assignment.repository.js';

/** What a check of R-20 looks for: assignments in `status`, unflagged, `instant` passed. */
export interface FlagDue {
  status: AssignmentStatus;
  flag: AttendanceFlag;
  instant: 'startsAt' | 'endsAt';
}

/** The flags of R-20 (a suspected no-show, a check-in left open): set once, never a state change. */
@Injectable()
export class AttendanceFlags {
  constructor(private readonly assignments: AssignmentRepository) {}

  /** The unflagged assignments whose instant fell in (earliest, latest]. */
  due(check: FlagDue, latest: Date, earliest: Date): Promise<string[]> {
    return this.assignments.dueForFlag(check, latest, earliest);
  }

  set(tx: Tx, assignmentId: string, flag: AttendanceFlag, at: Date): Promise<void> {
    return this.assignments.setFlag(assignmentId, flag, at, tx);
  }
}
