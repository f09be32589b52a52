import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { PageQuery, SearchText } from '../common/pagination.js';
import { IsLocalDate } from '../common/validators.js';

export class CreateAgreementDto {
  @ApiProperty({ example: '180/PKS/DLHP-AMB/2026' }) @IsString() @IsNotEmpty() @MaxLength(120) number: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @ApiProperty({ type: [String], format: 'uuid', minItems: 2 })
  @IsUUID('all', { each: true })
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ArrayUnique()
  agencyIds: string[];
  @ApiProperty({ example: '2026-01-02' }) @IsLocalDate() validFrom: string;
  @ApiProperty({ example: '2027-12-31' }) @IsLocalDate() validTo: string;
}

export class AgreementListQuery extends PageQuery {
  @SearchText("part of the agreement's number or title", 'DLHP') q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'only the agreements this agency is a party to' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}
