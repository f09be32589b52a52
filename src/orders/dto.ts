import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  Equals,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { IsLocalDate } from '../common/validators.js';
import { ORDER_STATUSES, type OrderStatus } from './order.entity.js';
import { ApiReplacedSentence } from './replaced-sentence.schema.js';

/** The sentence the order replaces: prison with its length in days, or a fine in rupiah (documented by ApiReplacedSentence). */
export class ReplacedSentenceDto {
  @IsIn(['imprisonment', 'fine']) kind: 'imprisonment' | 'fine';

  @ValidateIf((o: ReplacedSentenceDto) => o.kind === 'imprisonment' || o.days !== undefined)
  @IsInt()
  @Min(1)
  @Max(100000)
  days?: number;

  @ValidateIf((o: ReplacedSentenceDto) => o.kind === 'fine' || o.amountRupiah !== undefined)
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amountRupiah?: number;
}

export class CreateOrderDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() personId: string;
  @ApiProperty({ example: '12/Pid.C/2026/PN Amb' }) @IsString() @IsNotEmpty() @MaxLength(120) caseNumber: string;
  @ApiProperty({ example: 'Pengadilan Negeri Ambon' }) @IsString() @IsNotEmpty() @MaxLength(200) courtName: string;
  @ApiProperty({ example: '2026-08-14' }) @IsLocalDate() offenseDate: string;
  @ApiProperty({ example: '2026-10-20' }) @IsLocalDate() verdictDate: string;
  @ApiProperty({ type: 'integer', minimum: 7, maximum: 240 }) @IsInt() @Min(1) @Max(1000) totalHours: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 8 }) @IsInt() @Min(1) @Max(24) maxHoursPerDay: number;
  @ApiProperty({ example: '2026-11-02' }) @IsLocalDate() startDate: string;
  @ApiProperty({ example: '2027-04-30' }) @IsLocalDate() endDate: string;
  @ApiReplacedSentence()
  @IsObject()
  @ValidateNested()
  @Type(() => ReplacedSentenceDto)
  replacedSentence: ReplacedSentenceDto;
  @ApiPropertyOptional({ format: 'uuid', description: 'the prosecutor (jaksa) who oversees the execution' })
  @IsOptional()
  @IsUUID()
  prosecutorId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the Kejari, when no prosecutor is named yet and the region has several',
  })
  @IsOptional()
  @IsUUID()
  kejaksaanId?: string;
  @ApiProperty({ enum: [true], description: "R-06: the judge recorded the person's consent" })
  @Equals(true)
  consentRecorded: true;
}

export class OrderListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() personId?: string;
}
