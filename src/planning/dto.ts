import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { IsLocalDate } from '../common/validators.js';

export class PlanOrderDto {
  @ApiPropertyOptional({
    description: 'first date to plan (defaults to today or the order start)',
    example: '2026-12-01',
  })
  @IsOptional()
  @IsLocalDate()
  from?: string;
  @ApiPropertyOptional({ description: 'last date to plan (defaults to the order end date)', example: '2027-05-31' })
  @IsOptional()
  @IsLocalDate()
  to?: string;
  @ApiPropertyOptional({
    description:
      "when free seats can't complete the order, move up to 5 other bookings of the Bapas to shifts their people can take",
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  allowMoves?: boolean;
}

export class PlanBapasDto {
  @ApiProperty({ example: '2026-12-01' }) @IsLocalDate() from: string;
  @ApiProperty({ example: '2027-05-31' }) @IsLocalDate() to: string;
  @ApiPropertyOptional({
    description: "only these orders of the supervisor's Bapas; all active ones when left out",
    type: 'string',
    format: 'uuid',
    isArray: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  orderIds?: string[];
}
