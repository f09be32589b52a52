import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: the database refuses UPDATE and DELETE; a correction is a new reversal entry. */
@Entity('ledger_entry')
export class LedgerEntry {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId: string;
  @Column({ name: 'assignment_id', type: 'uuid' }) assignmentId: string;
  @Column({ type: 'integer' }) minutes: number;
  @Column({ type: 'text' }) kind: 'credit' | 'reversal';
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'reverses_id', type: 'uuid', nullable: true }) reversesId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
}
