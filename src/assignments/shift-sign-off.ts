import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { Locale, localize } from '../common/messages.js';
import { Shift } from '../shifts/shift.entity.js';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signOffs: SignOffService,
  ) {}

  async signOffShift(actor: AuthUser, shiftId: string, locale: Locale): Promise<{ items: ShiftSignOffItem[] }> {
    if (!(await this.dataSource.manager.existsBy(Shift, { id: shiftId }))) throw notFound('shift');
    const confirmed: { id: string; full_name: string }[] = await this.dataSource.query(
      `SELECT a.id, p.full_name FROM assignment a
         JOIN court_order o ON o.id = a.order_id JOIN person p ON p.id = a.person_id
        WHERE a.shift_id = $1 AND a.status = 'checked_out' AND o.bapas_id = $2
        ORDER BY p.full_name`,
      [shiftId, actor.agencyId],
    );
    const items: ShiftSignOffItem[] = [];
    for (const { id, full_name: personName } of confirmed) {
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
