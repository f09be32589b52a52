import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';

export interface RosterLine {
  site_id: string;
  site_name: string;
  starts_at: Date;
  start_time: string;
  end_time: string;
  capacity: number;
  names: string[];
}

/** Reads only: the rosters module owns no table. */
@Injectable()
export class RosterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Read model: each shift of the zone's sites on the date with the names booked on it (shift, site, assignment,
   * person: none ours), by site then start; a shift nobody booked has no names.
   */
  shiftsOn(timezone: string, date: string, tx: Tx = this.dataSource.manager): Promise<RosterLine[]> {
    return tx.query(
      `SELECT s.id AS site_id, s.name AS site_name, sh.starts_at, sh.start_time, sh.end_time, sh.capacity,
              coalesce(array_agg(p.full_name ORDER BY p.full_name) FILTER (WHERE p.id IS NOT NULL), '{}') AS names
         FROM shift sh
         JOIN site s ON s.id = sh.site_id
         LEFT JOIN assignment a ON a.shift_id = sh.id AND a.status <> 'cancelled'
         LEFT JOIN person p ON p.id = a.person_id
        WHERE s.timezone = $1 AND sh.date = $2
        GROUP BY s.id, s.name, sh.id ORDER BY s.name, sh.starts_at`,
      [timezone, date],
    );
  }
}
