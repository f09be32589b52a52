/**
 * The national trail's chains as the service extends them (AuditService.recordAll): a transaction's events go on
 * one chain picked at random, one after the other, with the transaction's one time; each is hashed with the
 * service's keyedHash and becomes a line of COPY's text format.
 */
import { randomInt } from 'node:crypto';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { chainedEvent } from '../src/audit/audit-hash.js';

export type State = Record<string, unknown>;

/** One event of a transaction, as AuditService.record receives it (its states already as the service keeps them). */
export interface Change {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: State | null;
  after?: State | null;
}

type Event = Omit<ReturnType<typeof chainedEvent<State>>, 'hash'>;

export class Chains {
  private readonly lastHash: Map<number, string>;
  /** Events written, by action. */
  readonly counts = new Map<string, number>();

  constructor(
    private readonly key: string,
    private readonly chains: number[],
    heads: [number, string][] = [],
  ) {
    this.lastHash = new Map(heads);
  }

  /** The COPY lines of one transaction's events. */
  transaction(at: string, changes: Change[]): string {
    const chain = this.chains[randomInt(this.chains.length)];
    let lines = '';
    for (const change of changes) {
      const { hash, ...event } = chainedEvent(this.key, chain, at, this.lastHash.get(chain) ?? null, {
        ...change,
        before: change.before ?? null,
        after: change.after ?? null,
      });
      this.lastHash.set(chain, hash);
      this.counts.set(change.action, (this.counts.get(change.action) ?? 0) + 1);
      lines += this.copyLine(event, hash);
    }
    return lines;
  }

  /** The JSON of each state once: a step's state before is the one written as the last step's after. */
  private readonly texts = new WeakMap<State, string>();

  /**
   * One row in COPY's text format: tab-separated, \N for NULL. Only the JSON can hold COPY's escape character (a
   * backslash; JSON has no raw tab or line break); the other fields are ids, times, hashes and action names.
   */
  private copyLine(e: Event, hash: string): string {
    return (
      `${e.id}\t${e.chain}\t${e.at}\t${e.actorId ?? '\\N'}\t${e.action}\t${e.entityType}\t${e.entityId}\t` +
      `${this.copyJson(e.before)}\t${this.copyJson(e.after)}\t${e.prevHash ?? '\\N'}\t${hash}\n`
    );
  }

  private copyJson(state: State | null): string {
    if (state === null) return '\\N';
    let text = this.texts.get(state);
    if (text === undefined) {
      text = JSON.stringify(state).replaceAll('\\', '\\\\');
      this.texts.set(state, text);
    }
    return text;
  }
}

const AUDIT_COLUMNS = 'id, chain, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash';

export function openCopy(db: pg.Client): Writable {
  return db.query(copyFrom(`COPY audit_event (${AUDIT_COLUMNS}) FROM STDIN`));
}

export async function closeCopy(copy: Writable): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    copy.once('finish', resolve);
    copy.once('error', reject);
    copy.end();
  });
}
