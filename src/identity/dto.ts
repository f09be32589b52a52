import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIndonesianPhone } from '../common/validators.js';
import { ROLES, type Role } from './user.entity.js';

export class LoginDto {
  @ApiProperty({ example: 'pk.ambon' }) @IsString() @IsNotEmpty() @MaxLength(64) username: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) password: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'pk.ambon2', description: 'lowercase letters, digits, dot, dash, underscore; 3 to 64' })
  @IsString()
  @Matches(/^[a-z0-9._-]{3,64}$/)
  username: string;

  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) password: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) fullName: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiProperty({ format: 'uuid' }) @IsUUID() agencyId: string;
  @ApiPropertyOptional({ example: '+6281234567890' }) @IsOptional() @IsIndonesianPhone() phone?: string;
}
