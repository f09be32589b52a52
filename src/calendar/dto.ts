import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate } from '../common/validators.js';

const REGION = /^ID-[A-Z]{2}$/;

export class HolidayQuery {
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsLocalDate() from: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsLocalDate() to: string;
  @ApiPropertyOptional({ example: 'ID-MA' }) @IsOptional() @IsString() @Matches(REGION) region?: string;
}

export class RegionQuery {
  @ApiPropertyOptional({ example: 'ID-MA', description: 'empty for a national holiday' })
  @IsOptional()
  @IsString()
  @Matches(REGION)
  region?: string;
}

export class NewHolidayDto {
  @ApiProperty({ example: '2027-03-10' }) @IsLocalDate() date: string;
  @ApiPropertyOptional({ example: 'ID-MA', description: 'a province for a regional holiday; none for a national one' })
  @IsOptional()
  @IsString()
  @Matches(REGION)
  region?: string;
  @ApiProperty({ enum: ['national', 'cuti_bersama', 'regional'] })
  @IsIn(['national', 'cuti_bersama', 'regional'])
  kind: 'national' | 'cuti_bersama' | 'regional';
  @ApiProperty({ example: 'Isra Mikraj Nabi Muhammad SAW' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
}

export class MoveHolidayDto {
  @ApiProperty({ example: '2027-03-11' }) @IsLocalDate() to: string;
  @ApiPropertyOptional({ example: 'ID-MA' }) @IsOptional() @IsString() @Matches(REGION) region?: string;
}

export class DatedNameDto {
  @ApiProperty({ example: '2027-01-01' }) @IsLocalDate() date: string;
  @ApiProperty({ example: 'Tahun Baru 2027 Masehi' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
}

/** A year's joint decree (SKB), in the format of config/holidays/<year>.json. */
export class HolidayYearDto {
  @ApiPropertyOptional({ example: 'SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama 2027' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;
  @ApiProperty({ type: [DatedNameDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DatedNameDto)
  national: DatedNameDto[];
  @ApiProperty({ type: [DatedNameDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DatedNameDto)
  cutiBersama: DatedNameDto[];
  @ApiPropertyOptional({
    description: 'province code → its holidays',
    example: { 'ID-MA': [] },
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: getSchemaPath(DatedNameDto) } },
  })
  @IsOptional()
  @IsObject()
  regional?: Record<string, { date: string; name: string }[]>;
}

export class YearParam {
  @ApiProperty({ type: 'integer', minimum: 1900, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2100)
  year: number;
}
