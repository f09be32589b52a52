import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { IsMonth, MONTH_PATTERN } from '../common/validators.js';
import { SIGNAL_KINDS, type SignalKind } from './signal.rules.js';

export const SIGNAL_STATUSES = ['open', 'reviewed'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];
export const SUMMARY_FORMATS = ['json', 'xlsx'] as const;

export class SummaryQuery {
  @ApiProperty({ example: '2026-11', pattern: MONTH_PATTERN.source, description: "each Bapas's local month" })
  @IsMonth()
  month: string;

  @ApiPropertyOptional({ enum: SUMMARY_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(SUMMARY_FORMATS)
  format: (typeof SUMMARY_FORMATS)[number] = 'json';
}

export class SignalQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SIGNAL_STATUSES })
  @IsOptional()
  @IsIn(SIGNAL_STATUSES)
  status?: SignalStatus;

  @ApiPropertyOptional({ enum: SIGNAL_KINDS })
  @IsOptional()
  @IsIn(SIGNAL_KINDS)
  kind?: SignalKind;
}

export class ReviewDto {
  @ApiProperty({ example: 'Dicek dengan koordinator: lokasi GPS ponsel salah; tidak ada pelanggaran.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}
