import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
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
