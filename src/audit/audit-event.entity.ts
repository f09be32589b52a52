import { Column, Entity, PrimaryColumn } from 'typeorm';

export type JsonObject = Record<string, unknown>;

/** Append-only and hash-chained: each hash covers the event and the hash of the previous event of its chain. */
@Entity('audit_event')
export class AuditEvent {
  @PrimaryColumn({ type: 'bigint', insert: false }) seq: string;
  @Column({ type: 'uuid' }) id: string;
  /** Which of the 16 chains the event extends: chains let writers proceed in parallel. */
  @Column({ type: 'smallint' }) chain: number;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column() action: string;
  @Column({ name: 'entity_type' }) entityType: string;
  @Column({ name: 'entity_id', type: 'uuid' }) entityId: string;
  @Column({ type: 'jsonb', nullable: true }) before: JsonObject | null;
  @Column({ type: 'jsonb', nullable: true }) after: JsonObject | null;
  @Column({ name: 'prev_hash', type: 'text', nullable: true }) prevHash: string | null;
  @Column() hash: string;
}
