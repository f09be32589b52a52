import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { prepared } from '../database/prepared.js';
import type { Tx } from '../database/transactions.js';
import { coordinatesSite, partyToAgreement, relatedToPerson } from './access.conditions.js';
import type { Caller, OrderFacts, SiteFacts } from './access.rules.js';

/** A record's facts under its id: what access.rules.ts needs to answer for it. */
export type Facts<F> = Map<string, F>;

export type AssignmentFacts = OrderFacts & SiteFacts & { related: boolean; confirmerRelated: boolean };

/** The order behind each audited entity type whose trail a supervisor or prosecutor may read. */
const TRAIL_OWNER: Record<string, string> = {
  order: `SELECT o.id, o.bapas_id AS "bapasId", o.kejaksaan_id AS "kejaksaanId" FROM court_order o
           WHERE o.id = ANY($1::uuid[])`,
  assignment: `SELECT a.id, o.bapas_id AS "bapasId", o.kejaksaan_id AS "kejaksaanId"
                 FROM assignment a JOIN court_order o ON o.id = a.order_id WHERE a.id = ANY($1::uuid[])`,
  ledger_entry: `SELECT l.id, o.bapas_id AS "bapasId", o.kejaksaan_id AS "kejaksaanId"
                   FROM ledger_entry l JOIN court_order o ON o.id = l.order_id WHERE l.id = ANY($1::uuid[])`,
  person: `SELECT p.id, p.bapas_id AS "bapasId", NULL::uuid AS "kejaksaanId" FROM person p WHERE p.id = ANY($1::uuid[])`,
};

export const TRAIL_TYPES = Object.keys(TRAIL_OWNER);

const ANY_OF_IDS = '= ANY($1::uuid[])';
const ONE_ID = '= $1::uuid';

/**
 * The facts of the access rules, one statement for any number of ids of one kind: a missing id
 * is absent from the answer. Owns no table: every method is a read model of the tables its rule is about.
 */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Read model: court_order (the order's Bapas and Kejari). */
  orders(ids: string[], tx: Tx = this.dataSource.manager): Promise<Facts<OrderFacts>> {
    return this.facts(tx, TRAIL_OWNER.order, [ids]);
  }

  /** Read model: breach and its court_order. */
  breaches(ids: string[], tx: Tx = this.dataSource.manager): Promise<Facts<OrderFacts>> {
    return this.facts(
      tx,
      `SELECT b.id, o.bapas_id AS "bapasId", o.kejaksaan_id AS "kejaksaanId"
         FROM breach b JOIN court_order o ON o.id = b.order_id WHERE b.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Read model: person (its Bapas). */
  persons(ids: string[], tx: Tx = this.dataSource.manager): Promise<Facts<{ bapasId: string }>> {
    return this.facts(tx, `SELECT id, bapas_id AS "bapasId" FROM person WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Read model: plan (its Bapas). */
  plans(ids: string[], tx: Tx = this.dataSource.manager): Promise<Facts<{ bapasId: string }>> {
    return this.facts(tx, `SELECT id, bapas_id AS "bapasId" FROM plan WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Read model: site, agreement_party and site_coordinator (the caller's agency a party, the caller coordinating). */
  sites(user: Caller, ids: string[], tx: Tx = this.dataSource.manager): Promise<Facts<SiteFacts>> {
    return this.facts(
      tx,
      `SELECT s.id, ${partyToAgreement('s.agreement_id', '$2')} AS party, ${coordinatesSite('s.id', '$3')} AS coordinates
         FROM site s WHERE s.id = ANY($1::uuid[])`,
      [ids, user.agencyId, user.id],
    );
  }

  /** Read model: shift and the facts of its site (site, agreement_party, site_coordinator). */
  shifts(user: Caller, ids: string[], tx: Tx = this.dataSource.manager): Promise<Facts<SiteFacts>> {
    return this.facts(
      tx,
      `SELECT sh.id, ${partyToAgreement('s.agreement_id', '$2')} AS party, ${coordinatesSite('s.id', '$3')} AS coordinates
         FROM shift sh JOIN site s ON s.id = sh.site_id WHERE sh.id = ANY($1::uuid[])`,
      [ids, user.agencyId, user.id],
    );
  }

  /**
   * Read model: assignment, its court_order, site, agreement_party, site_coordinator and conflict_of_interest (the
   * caller related to the person, and the confirmation's author, R-27).
   */
  assignments(user: Caller, ids: string[], tx: Tx = this.dataSource.manager): Promise<Facts<AssignmentFacts>> {
    return this.facts(
      tx,
      `SELECT a.id, o.bapas_id AS "bapasId", o.kejaksaan_id AS "kejaksaanId",
              ${partyToAgreement('s.agreement_id', '$2')} AS party, ${coordinatesSite('a.site_id', '$3')} AS coordinates,
              ${relatedToPerson('a.person_id', '$3')} AS related,
              ${relatedToPerson('a.person_id', 'a.confirmed_by')} AS "confirmerRelated"
         FROM assignment a JOIN court_order o ON o.id = a.order_id JOIN site s ON s.id = a.site_id
        WHERE a.id = ANY($1::uuid[])`,
      [ids, user.agencyId, user.id],
    );
  }

  /** Read model: the order behind audited entities of one type (court_order, assignment, ledger_entry, person). */
  trailOwners(entityType: string, ids: string[], tx: Tx = this.dataSource.manager): Promise<Facts<OrderFacts>> {
    return this.facts(tx, TRAIL_OWNER[entityType], [ids]);
  }

  /** Read model: agency (the kind, whose monthly report it has). */
  agencies(ids: string[], tx: Tx = this.dataSource.manager): Promise<Facts<{ id: string; kind: string }>> {
    return this.facts(tx, `SELECT id, kind FROM agency WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Read model: misuse_signal and its Bapas's region. */
  signals(ids: string[], tx: Tx = this.dataSource.manager): Promise<Facts<{ bapasRegion: string }>> {
    return this.facts(
      tx,
      `SELECT s.id, b.region AS "bapasRegion" FROM misuse_signal s JOIN agency b ON b.id = s.bapas_id
        WHERE s.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Read model: agency. The region of a Kanwil, or null for an agency that is not one. */
  async kanwilRegion(agencyId: string, tx: Tx = this.dataSource.manager): Promise<string | null> {
    const [row] = await tx.query(`SELECT region FROM agency WHERE id = $1 AND kind = 'kanwil'`, [agencyId]);
    return row?.region ?? null;
  }

  /**
   * One id, as most requests ask, goes as a scalar: PostgreSQL can't see the array of `= ANY($1)` in a generic plan
   * and reckons it ten ids long, so the generic plan never looked as cheap as the custom ones and the statement
   * was planned on every run.
   */
  private async facts<F>(tx: Tx, sql: string, [ids, ...rest]: [string[], ...unknown[]]): Promise<Facts<F>> {
    const [text, matching] = ids.length === 1 ? [sql.replace(ANY_OF_IDS, ONE_ID), ids[0]] : [sql, ids];
    const rows: (F & { id: string })[] = await tx.query(prepared('access-facts', text), [matching, ...rest]);
    return new Map(rows.map(({ id, ...facts }) => [id, { id, ...facts } as F]));
  }
}
