import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ROLES = ['admin', 'supervisor', 'coordinator', 'prosecutor', 'oversight'] as const;
export type Role = (typeof ROLES)[number];

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() username: string;
  /** Null until the owner activates the account (R-28: nobody else ever holds a usable password). */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false }) passwordHash: string | null;
  @Column({ name: 'full_name' }) fullName: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column() active: boolean;
  @Column({ name: 'activation_code_hash', type: 'text', nullable: true, select: false }) activationCodeHash:
    string | null;
  @Column({ name: 'activation_expires_at', type: 'timestamptz', nullable: true }) activationExpiresAt: Date | null;
  @Column({ name: 'activation_attempts', type: 'integer', select: false }) activationAttempts: number;
  @Column({ name: 'failed_logins', type: 'integer', select: false }) failedLogins: number;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
