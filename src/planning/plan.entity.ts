import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PlanBookingView, PlanOrderOutcome } from './plan.view.js';

export interface PlanSummary {
  orders: number;
  bookings: number;
  needMinutes: number;
  plannedMinutes: number;
  upperBoundMinutes: number;
  travelMeters: number;
  ordersComplete: number;
  maxTravelMeters: number;
  planningMillis: number;
  /** years of the plan's bookings whose official holiday calendar is not loaded yet (only fixed-date holidays). */
  yearsWithoutOfficialCalendar?: number[];
}

/** Another person's booking the re-plan moves to free its seat: the same length, a day they are free. */
export interface PlanMove {
  assignmentId: string;
  orderId: string;
  from: { shiftId: string; siteId: string; date: string };
  to: { shiftId: string; siteId: string; siteName: string; date: string; start: string; end: string };
}

/** What applying a plan did: each move and each proposed booking done, or refused with the booking rule's reason. */
export interface PlanApplication {
  moved: { assignmentId: string; newAssignmentId: string }[];
  booked: { orderId: string; shiftId: string; assignmentId: string }[];
  refused: { orderId: string; shiftId: string; date: string; code: string; params?: Record<string, string | number> }[];
}

/** A proposal of bookings a supervisor previews, then applies at most once (status preview → applied). */
@Entity('plan')
export class Plan {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'bapas_id', type: 'uuid' }) bapasId: string;
  /** null: every active order of the Bapas */
  @Column({ name: 'order_id', type: 'uuid', nullable: true }) orderId: string | null;
  @Column({ name: 'horizon_from', type: 'date' }) from: string;
  @Column({ name: 'horizon_to', type: 'date' }) to: string;
  @Column({ type: 'text' }) status: 'preview' | 'applied';
  @Column({ type: 'jsonb' }) bookings: PlanBookingView[];
  @Column({ type: 'jsonb' }) outcomes: PlanOrderOutcome[];
  @Column({ type: 'jsonb' }) moves: PlanMove[];
  @Column({ type: 'jsonb' }) summary: PlanSummary;
  @Column({ type: 'jsonb', nullable: true }) result: PlanApplication | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'applied_by', type: 'uuid', nullable: true }) appliedBy: string | null;
  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true }) appliedAt: Date | null;
}
