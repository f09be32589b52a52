import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** A message stored before it is sent: one per (recipient, reason, subject), so nothing goes out twice. */
@Entity('notification')
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'recipient_type', type: 'text' }) recipientType: 'person' | 'user';
  @Column({ name: 'recipient_id', type: 'uuid' }) recipientId: string;
  @Column() reason: string;
  @Column({ name: 'subject_key' }) subjectKey: string;
  @Column({ name: 'assignment_id', type: 'uuid', nullable: true }) assignmentId: string | null;
  @Column({ name: 'order_id', type: 'uuid', nullable: true }) orderId: string | null;
  @Column() channel: string;
  @Column({ name: 'to_address', type: 'text', nullable: true }) to: string | null;
  @Column({ type: 'text' }) locale: 'id' | 'en';
  @Column() text: string;
  @Column({ type: 'text' }) status: NotificationStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ name: 'provider_id', type: 'text', nullable: true }) providerId: string | null;
  @Column({ name: 'provider_status', type: 'text', nullable: true }) providerStatus: string | null;
  @Column({ type: 'integer' }) attempts: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
}
