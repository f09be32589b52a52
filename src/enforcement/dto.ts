import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { IsLocalDate } from '../common/validators.js';
import { MAX_REPLACED_FINE_RUPIAH, MAX_REPLACED_PRISON_DAYS } from '../orders/order.rules.js';
import { BREACH_OUTCOMES, type BreachOutcome } from './breach.rules.js';

export const BREACH_STATUSES = ['open', 'decided', 'dismissed'] as const;

export class BreachListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BREACH_STATUSES })
  @IsOptional()
  @IsIn(BREACH_STATUSES)
  status?: (typeof BREACH_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
}

export class ReportBreachDto {
  @ApiProperty({ example: 'Tidak hadir tiga kali dan tidak dapat dihubungi', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

/** The prosecutor's decision under Art. 85(7); which fields apply depends on the outcome (see breach.rules.ts). */
export class BreachDecisionDto {
  @ApiProperty({ enum: BREACH_OUTCOMES }) @IsIn(BREACH_OUTCOMES) outcome: BreachOutcome;
  @ApiProperty({ example: 'B-123/Q.1.10/Eku.3/12/2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  decisionNumber: string;
  @ApiProperty({ example: '2026-12-10' }) @IsLocalDate() decisionDate: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) note: string;
  @ApiPropertyOptional({ type: 'integer', description: '(a) minutes of work to repeat', minimum: 1, maximum: 240 * 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(240 * 60)
  repeatMinutes?: number;
  @ApiPropertyOptional({ description: '(a) the new end date, within six months of the decision' })
  @IsOptional()
  @IsLocalDate()
  newEndDate?: string;
  @ApiPropertyOptional({
    type: 'integer',
    description: '(b) days of the replaced prison term to serve (or, with a fine, in lieu of it)',
    minimum: 1,
    maximum: MAX_REPLACED_PRISON_DAYS,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REPLACED_PRISON_DAYS)
  imprisonmentDays?: number;
  @ApiPropertyOptional({
    type: 'integer',
    description: '(c) rupiah of the replaced fine to pay',
    minimum: 1,
    maximum: MAX_REPLACED_FINE_RUPIAH,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REPLACED_FINE_RUPIAH)
  fineRupiah?: number;
}

/** A new decision that corrects the breach's current one: the decision's fields, what it corrects and why. */
export class BreachCorrectionDto extends BreachDecisionDto {
  @ApiProperty({ format: 'uuid', description: "the breach's current decision, the one this corrects" })
  @IsUUID()
  correctsId: string;
  @ApiProperty({ example: 'Nomor putusan salah ketik', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
