import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A session of work at a site, defined in the site's local date and time. */
@Entity('shift')
export class Shift {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'site_id', type: 'uuid' }) siteId: string;
  @Column({ type: 'date' }) date: string;
  @Column({ name: 'start_time', type: 'time' }) startTime: string;
  @Column({ name: 'end_time', type: 'time' }) endTime: string;
  @Column({ name: 'break_minutes', type: 'integer' }) breakMinutes: number;
  @Column({ type: 'integer' }) capacity: number;
  @Column({ name: 'booked_count', type: 'integer' }) bookedCount: number;
  @Column({ name: 'coordinator_id', type: 'uuid', nullable: true }) coordinatorId: string | null;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt: Date;
  @Column({ name: 'planned_minutes', type: 'integer' }) plannedMinutes: number;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
