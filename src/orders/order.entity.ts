import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Regime } from './order.rules.js';

export const ORDER_STATUSES = ['active', 'completed', 'breached', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The court's decision (putusan pidana kerja sosial). Table name avoids the SQL keyword ORDER. */
@Entity('court_order')
export class Order {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @Column({ name: 'bapas_id', type: 'uuid' }) bapasId: string;
  @Column({ name: 'kejaksaan_id', type: 'uuid' }) kejaksaanId: string;
  @Column({ name: 'supervisor_id', type: 'uuid' }) supervisorId: string;
  @Column({ name: 'prosecutor_id', type: 'uuid', nullable: true }) prosecutorId: string | null;
  @Column({ name: 'case_number' }) caseNumber: string;
  @Column({ name: 'court_name' }) courtName: string;
  @Column({ name: 'offense_date', type: 'date' }) offenseDate: string;
  @Column({ name: 'verdict_date', type: 'date' }) verdictDate: string;
  @Column({ type: 'text' }) regime: Regime;
  @Column({ name: 'total_hours', type: 'integer' }) totalHours: number;
  @Column({ name: 'max_hours_per_day', type: 'integer' }) maxHoursPerDay: number;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date' }) endDate: string;
  @Column({ name: 'replaced_kind', type: 'text' }) replacedKind: 'imprisonment' | 'fine';
  @Column({ name: 'replaced_days', type: 'integer', nullable: true }) replacedDays: number | null;
  @Column({ name: 'replaced_amount_rupiah', type: 'bigint', nullable: true, transformer: {
    to: (value: number | null) => value,
    from: (value: string | null) => (value === null ? null : Number(value)),
  } })
  replacedAmountRupiah: number | null;
  @Column({ name: 'consent_recorded' }) consentRecorded: boolean;
  @Column({ type: 'text' }) status: OrderStatus;
  @Column({ name: 'required_minutes', type: 'integer', insert: false, update: false }) requiredMinutes: number;
  /** Kept equal to the sum of the ledger by a database trigger; read-only here. */
  @Column({ name: 'credited_minutes', type: 'integer', insert: false, update: false }) creditedMinutes: number;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
