import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const RELIGIONS = ['islam', 'protestant', 'catholic', 'hindu', 'buddhist', 'konghucu', 'other'] as const;
export type Religion = (typeof RELIGIONS)[number];

export interface UnavailableWindow {
  /** ISO weekday: 1 = Monday ... 7 = Sunday, in the site's local time. */
  weekday: number;
  from: string;
  to: string;
  reason?: string;
}

/** The sentenced person (terpidana / klien), owned by the Bapas that registered them. */
@Entity('person')
export class Person {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'bapas_id', type: 'uuid' }) bapasId: string;
  @Column({ name: 'full_name' }) fullName: string;
  @Column({ type: 'char', length: 16 }) nik: string;
  @Column({ name: 'birth_date', type: 'date' }) birthDate: string;
  @Column({ type: 'char', length: 1 }) sex: 'M' | 'F';
  @Column({ type: 'text', nullable: true }) religion: Religion | null;
  @Column({ name: 'worship_defaults' }) worshipDefaults: boolean;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'text', nullable: true }) address: string | null;
  @Column({ name: 'home_lat', type: 'double precision', nullable: true }) homeLat: number | null;
  @Column({ name: 'home_lng', type: 'double precision', nullable: true }) homeLng: number | null;
  @Column({ type: 'jsonb' }) unavailable: UnavailableWindow[];
  @Column({ name: 'in_school' }) inSchool: boolean;
  @Column({ type: 'text' }) locale: 'id' | 'en';
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** set when the retention period ended and the personal fields were replaced. */
  @Column({ name: 'anonymised_at', type: 'timestamptz', nullable: true }) anonymisedAt: Date | null;
}
