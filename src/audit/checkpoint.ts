import { keyedHash } from './audit-hash.js';

/** The newest event of one chain when the checkpoint was taken, and how many events the chain had up to it. */
export interface CheckpointHead {
  chain: number;
  seq: string;
  hash: string;
  count: number;
}

/** A signed statement of the chains' heads (R-28), kept in the database and sent out of it. */
export interface Checkpoint {
  id: string;
  at: string;
  heads: CheckpointHead[];
  eventCount: number;
  prevSignature: string | null;
  signature: string;
}

export interface StoredCheckpoint extends Checkpoint {
  seq: string;
}

export function signCheckpoint(key: string, checkpoint: Omit<Checkpoint, 'signature'>): string {
  const { id, at, heads, eventCount, prevSignature } = checkpoint;
  return keyedHash(key, { kind: 'bakti.audit.checkpoint', id, at, heads, eventCount, prevSignature });
}

export function hasValidSignature(key: string, checkpoint: Checkpoint): boolean {
  return checkpoint.signature === signCheckpoint(key, checkpoint);
}

/** Checkpoints are chained too: each signs its predecessor's signature, so a removed one is found. */
export function checkpointProblems(key: string, checkpoints: StoredCheckpoint[]): string[] {
  return checkpoints.flatMap((checkpoint, index) => {
    const problems: string[] = [];
    if (!hasValidSignature(key, checkpoint)) problems.push(`checkpoint ${checkpoint.seq}: its signature is not valid`);
    if (checkpoint.prevSignature !== (checkpoints[index - 1]?.signature ?? null)) {
      problems.push(`checkpoint ${checkpoint.seq}: its predecessor is missing or was changed`);
    }
    return problems;
  });
}
