import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A cooperation agreement (PKS): a site is usable only while one covering its agency is valid. */
@Entity('agreement')
export class Agreement {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() number: string;
  @Column() title: string;
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Column({ name: 'valid_to', type: 'date' }) validTo: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
