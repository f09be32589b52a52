import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { containing } from '../common/pagination.js';
import type { Tx } from '../database/transactions.js';
import { Person } from './person.entity.js';

/** A booking ahead, with its shift's local times. */
export interface BookingAhead {
  id: string;
  local_date: string;
  start_time: string;
  end_time: string;
}

/** The person table and the conflicts of interest (conflict_of_interest). */
@Injectable()
export class PersonRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  nikRegistered(bapasId: string, nik: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(Person, { bapasId, nik });
  }

  insert(fields: Omit<Person, 'id' | 'createdAt' | 'anonymisedAt'>, tx: Tx = this.dataSource.manager) {
    return tx.save(tx.create(Person, fields));
  }

  save(person: Person, tx: Tx = this.dataSource.manager): Promise<Person> {
    return tx.save(person);
  }

  find(id: string, tx: Tx = this.dataSource.manager): Promise<Person | null> {
    return tx.findOneBy(Person, { id });
  }

  /** The person, locked until the transaction ends. */
  lock(id: string, tx: Tx): Promise<Person | null> {
    return tx.findOne(Person, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Read model: court_order (orders'). One page of the Bapas's persons by name, found by part of the name or of a
   * case number when `q` is given.
   */
  search(
    bapasId: string,
    q: string | undefined,
    page: { limit: number; offset: number },
    tx: Tx = this.dataSource.manager,
  ): Promise<[Person[], number]> {
    const builder = tx
      .getRepository(Person)
      .createQueryBuilder('p')
      .where('p.bapasId = :bapasId', { bapasId })
      .orderBy('p.fullName', 'ASC')
      .take(page.limit)
      .skip(page.offset);
    if (q) {
      const like = containing(q);
      builder.andWhere(
        `(p.fullName ILIKE :like OR EXISTS (SELECT 1 FROM court_order o WHERE o.person_id = p.id AND o.case_number ILIKE :like))`,
        { like },
      );
    }
    return builder.getManyAndCount();
  }

  /** Read model: app_user (identity's), whether there is an account with this id. */
  async userExists(userId: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM app_user WHERE id = $1`, [userId]);
    return rows.length > 0;
  }

  /** Records the relation; false when it was recorded already. */
  async declareConflict(
    conflict: { userId: string; personId: string; relation: string; declaredBy: string },
    tx: Tx = this.dataSource.manager,
  ): Promise<boolean> {
    const inserted = await tx.query(
      `INSERT INTO conflict_of_interest (user_id, person_id, relation, declared_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [conflict.userId, conflict.personId, conflict.relation, conflict.declaredBy],
    );
    return inserted.length > 0;
  }

  async hasConflict(userId: string, personId: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM conflict_of_interest WHERE user_id = $1 AND person_id = $2`, [
      userId,
      personId,
    ]);
    return rows.length > 0;
  }

  /** Read model: assignment (assignments'), shift (shifts'). The person's scheduled bookings starting after `after`. */
  bookingsAhead(personId: string, after: Date, tx: Tx = this.dataSource.manager): Promise<BookingAhead[]> {
    return tx.query(
      `SELECT a.id, a.local_date, s.start_time, s.end_time FROM assignment a JOIN shift s ON s.id = a.shift_id
        WHERE a.person_id = $1 AND a.status = 'scheduled' AND a.starts_at > $2 ORDER BY a.starts_at`,
      [personId, after],
    );
  }

  /**
   * Read model: court_order (orders'), breach and breach_decision (enforcement's). The persons not yet anonymised
   * who have orders, all of them ended before the cutoff (completed, or closed by the prosecutor's decision).
   */
  endedBefore(cutoff: Date, tx: Tx = this.dataSource.manager): Promise<{ id: string; orderIds: string[] }[]> {
    return tx.query(
      `SELECT p.id, array_agg(o.id ORDER BY o.id) AS "orderIds"
         FROM person p JOIN court_order o ON o.person_id = p.id
        WHERE p.anonymised_at IS NULL
        GROUP BY p.id
       HAVING bool_and(coalesce(CASE o.status
                WHEN 'completed' THEN o.completed_at
                WHEN 'closed' THEN (SELECT max(d.decided_at) FROM breach b JOIN breach_decision d ON d.breach_id = b.id
                                     WHERE b.order_id = o.id AND d.outcome IN ('imprisonment', 'fine'))
              END, 'infinity') < $1)
        ORDER BY p.id`,
      [cutoff],
    );
  }
}
