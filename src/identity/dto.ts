import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQuery, SearchText } from '../common/pagination.js';
import { IsDefinedWhenGiven, IsIndonesianPhone } from '../common/validators.js';
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

  @ApiPropertyOptional({
    minLength: 10,
    deprecated: true,
    description: 'ignored (R-28): the owner chooses the password with the activation code sent to their phone',
  })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) fullName: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiProperty({ format: 'uuid' }) @IsUUID() agencyId: string;
  @ApiPropertyOptional({ example: '+6281234567890', description: 'where the activation code is sent' })
  @IsOptional()
  @IsIndonesianPhone()
  phone?: string;
}

/** A demo user: active at once with the demo password (never over HTTP). */
export class SeedUserDto extends CreateUserDto {
  declare password: string;
}

export class ActivateDto {
  @ApiProperty({ example: 'pk.ambon2' }) @IsString() @IsNotEmpty() @MaxLength(64) username: string;
  @ApiProperty({ example: '04718263', description: 'the 8-digit code from the SMS' })
  @IsString()
  @Matches(/^\d{8}$/)
  code: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) password: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) currentPassword: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) newPassword: string;
}

/** Role, agency, name and phone; role and agency changes are told to the agencies' heads (R-28). */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsDefinedWhenGiven() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsDefinedWhenGiven() @IsUUID() agencyId?: string;
  @ApiPropertyOptional() @IsDefinedWhenGiven() @IsString() @IsNotEmpty() @MaxLength(200) fullName?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsIndonesianPhone() phone?: string | null;
}

export class UserListQuery extends PageQuery {
  @SearchText('part of the username or of the full name', 'ambon') q?: string;

  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() agencyId?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'only these accounts (the coordinators of a page of sites, say); at most 500',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  id?: string[];
}
