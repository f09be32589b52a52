import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('site')
export class Site {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @Column({ name: 'agreement_id', type: 'uuid' }) agreementId: string;
  @Column({ name: 'work_type' }) workType: string;
  @Column() address: string;
  @Column({ type: 'double precision' }) lat: number;
  @Column({ type: 'double precision' }) lng: number;
  @Column({ name: 'radius_meters', type: 'integer' }) radiusMeters: number;
  @Column() timezone: string;
  @Column({ name: 'default_capacity', type: 'integer' }) defaultCapacity: number;
  @Column({ name: 'minors_allowed' }) minorsAllowed: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
