import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ASSIGNMENT_STATUSES = [
  'scheduled',
  'checked_in',
  'checked_out',
  'credited',
  'absent',
  'excused',
  'unexcused',
  'cancelled',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** One person booked on one shift (penugasan), with its attendance and sign-off. */
@Entity('assignment')
export class Assignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @Column({ name: 'shift_id', type: 'uuid' }) shiftId: string;
  @Column({ name: 'site_id', type: 'uuid' }) siteId: string;
  @Column({ name: 'local_date', type: 'date' }) localDate: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt: Date;
  @Column({ name: 'planned_minutes', type: 'integer' }) plannedMinutes: number;
  @Column({ type: 'text' }) status: AssignmentStatus;

  @Column({ name: 'check_in_at', type: 'timestamptz', nullable: true }) checkInAt: Date | null;
  @Column({ name: 'check_in_received_at', type: 'timestamptz', nullable: true }) checkInReceivedAt: Date | null;
  @Column({ name: 'check_in_lat', type: 'double precision', nullable: true }) checkInLat: number | null;
  @Column({ name: 'check_in_lng', type: 'double precision', nullable: true }) checkInLng: number | null;
  @Column({ name: 'check_in_distance_meters', type: 'integer', nullable: true }) checkInDistanceMeters: number | null;
  @Column({ name: 'check_in_outside_radius', type: 'boolean', nullable: true }) checkInOutsideRadius: boolean | null;
  /** The site's radius the distance was measured against: a later correction of the site leaves it. */
  @Column({ name: 'check_in_radius_meters', type: 'integer', nullable: true }) checkInRadiusMeters: number | null;
  @Column({ name: 'checked_in_by', type: 'uuid', nullable: true }) checkedInBy: string | null;

  @Column({ name: 'check_out_at', type: 'timestamptz', nullable: true }) checkOutAt: Date | null;
  @Column({ name: 'check_out_received_at', type: 'timestamptz', nullable: true }) checkOutReceivedAt: Date | null;
  @Column({ name: 'check_out_lat', type: 'double precision', nullable: true }) checkOutLat: number | null;
  @Column({ name: 'check_out_lng', type: 'double precision', nullable: true }) checkOutLng: number | null;
  @Column({ name: 'check_out_distance_meters', type: 'integer', nullable: true }) checkOutDistanceMeters: number | null;
  @Column({ name: 'check_out_outside_radius', type: 'boolean', nullable: true }) checkOutOutsideRadius: boolean | null;
  @Column({ name: 'check_out_radius_meters', type: 'integer', nullable: true }) checkOutRadiusMeters: number | null;
  @Column({ name: 'penalty_minutes', type: 'integer', nullable: true }) penaltyMinutes: number | null;
  @Column({ name: 'worked_minutes', type: 'integer', nullable: true }) workedMinutes: number | null;
  @Column({ name: 'confirmation_note', type: 'text', nullable: true }) confirmationNote: string | null;
  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true }) confirmedBy: string | null;

  @Column({ name: 'absence_reason', type: 'text', nullable: true }) absenceReason: string | null;
  @Column({ name: 'absence_recorded_by', type: 'uuid', nullable: true }) absenceRecordedBy: string | null;
  @Column({ name: 'absence_recorded_at', type: 'timestamptz', nullable: true }) absenceRecordedAt: Date | null;
  @Column({ name: 'absence_decision_reason', type: 'text', nullable: true }) absenceDecisionReason: string | null;
  @Column({ name: 'absence_decided_by', type: 'uuid', nullable: true }) absenceDecidedBy: string | null;
  @Column({ name: 'absence_decided_at', type: 'timestamptz', nullable: true }) absenceDecidedAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  @Column({ name: 'cancelled_by', type: 'uuid', nullable: true }) cancelledBy: string | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;

  @Column({ name: 'credited_minutes', type: 'integer', nullable: true }) creditedMinutes: number | null;
  @Column({ name: 'sign_off_note', type: 'text', nullable: true }) signOffNote: string | null;
  @Column({ name: 'signed_off_by', type: 'uuid', nullable: true }) signedOffBy: string | null;
  @Column({ name: 'signed_off_at', type: 'timestamptz', nullable: true }) signedOffAt: Date | null;

  /** nobody checked the person in by start + 30 minutes (flagged by the worker, not a state). */
  @Column({ name: 'no_show_flagged_at', type: 'timestamptz', nullable: true }) noShowFlaggedAt: Date | null;
  @Column({ name: 'open_check_in_flagged_at', type: 'timestamptz', nullable: true }) openCheckInFlaggedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
