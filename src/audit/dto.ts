import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AUDIT_CHAINS } from './audit.service.js';

export class CheckpointHeadDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: AUDIT_CHAINS - 1 })
  @IsInt()
  @Min(0)
  @Max(AUDIT_CHAINS - 1)
  chain: number;
  @ApiProperty({ example: '1234' }) @IsString() @Matches(/^\d{1,18}$/) seq: string;
  @ApiProperty() @IsString() @Matches(/^[0-9a-f]{64}$/) hash: string;
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(1) count: number;
}

/** A checkpoint as it was published (JSON from the anchor, or typed off a printed report). */
export class CheckpointDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601() at: string;
  @ApiProperty({ type: [CheckpointHeadDto] })
  @IsArray()
  @ArrayMaxSize(AUDIT_CHAINS)
  @ValidateNested({ each: true })
  @Type(() => CheckpointHeadDto)
  heads: CheckpointHeadDto[];
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(0) eventCount: number;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() @Matches(/^[0-9a-f]{64}$/) prevSignature:
    string | null;
  @ApiProperty() @IsString() @Matches(/^[0-9a-f]{64}$/) signature: string;
}
