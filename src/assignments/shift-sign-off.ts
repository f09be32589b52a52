import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { Locale, localize } from '../common/messages.js';
import { ShiftsService } from '../shifts/shifts.service.js';
import { AssignmentRepository } from './assignment.repository.js';
import { SignOffService } from './sign-off.service.js';

export interface ShiftSignOffItem {
  assignmentId: string;
  personName: string;
  outcome: 'credited' | 'refused';
  creditedMinutes: number | null;
  message: string | null;
}

/**
 * Signs off a whole shift at once: every confirmed booking of the supervisor's Bapas on it, each through the
 * one-by-one sign-off (its own transaction, the same rules ), so one refusal stops no other.
 */
@Injectable()
export class ShiftSignOff {
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly shifts: ShiftsService,
    private readonly signOffs: SignOffService,
  ) {}

  async signOffShift(actor: AuthUser, shiftId: string, locale: Locale): Promise<{ items: ShiftSignOffItem[] }> {
    if (!(await this.shifts.exists(shiftId))) throw notFound('shift');
    const confirmed = await this.assignments.confirmedOnShift(shiftId, actor.agencyId);
    const items: ShiftSignOffItem[] = [];
    for (const { id, personName } of confirmed) {
      try {
        const signed = await this.signOffs.signOff(actor, id, {});
        items.push({
          assignmentId: id,
          personName,
          outcome: 'credited',
          creditedMinutes: signed.creditedMinutes,
          message: null,
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const message = error.violations.map((v) => localize(v.code, locale, v.params)).join(' ');
        items.push({ assignmentId: id, personName, outcome: 'refused', creditedMinutes: null, message });
      }
    }
    return { items };
  }
}
