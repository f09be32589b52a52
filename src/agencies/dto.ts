import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery, SearchText } from '../common/pagination.js';
import { IsTimeZone } from '../common/validators.js';
import { AGENCY_KINDS, type AgencyKind } from './agency.entity.js';

export class CreateAgencyDto {
  @ApiProperty({ example: 'BAPAS-AMBON' }) @IsString() @Matches(/^[A-Z0-9-]{2,40}$/) code: string;
  @ApiProperty({ example: 'Bapas Kelas II A Ambon' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ enum: AGENCY_KINDS }) @IsIn(AGENCY_KINDS) kind: AgencyKind;
  @ApiProperty({ example: 'ID-MA', description: 'ISO 3166-2 province code' })
  @IsString()
  @Matches(/^ID-[A-Z]{2}$/)
  region: string;
  @ApiProperty({ example: 'Asia/Jayapura' }) @IsTimeZone() timezone: string;
}

export class AgencyHeadDto {
  @ApiProperty({ format: 'uuid', description: 'an active user of the agency' }) @IsUUID() userId: string;
}

export class AgencyListQuery extends PageQuery {
  @SearchText("part of the agency's name or code", 'Ambon') q?: string;

  @ApiPropertyOptional({ enum: AGENCY_KINDS }) @IsOptional() @IsIn(AGENCY_KINDS) kind?: AgencyKind;
}
