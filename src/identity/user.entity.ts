import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ROLES = ['admin', 'supervisor', 'coordinator', 'prosecutor'] as const;
export type Role = (typeof ROLES)[number];

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() username: string;
  @Column({ name: 'password_hash', select: false }) passwordHash: string;
  @Column({ name: 'full_name' }) fullName: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column() active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
