import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const AGENCY_KINDS = ['bapas', 'kejaksaan', 'opd', 'kanwil'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

@Entity('agency')
export class Agency {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() code: string;
  @Column() name: string;
  @Column({ type: 'text' }) kind: AgencyKind;
  /** ISO 3166-2 province code (ID-MA Maluku, ID-JA Jambi): regional holidays are keyed by it. */
  @Column() region: string;
  @Column() timezone: string;
  /** Told of every account created or changed in the agency. */
  @Column({ name: 'head_user_id', type: 'uuid', nullable: true }) headUserId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
