import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { PageOf } from '../common/openapi.js';
import type { AccountStatus } from './account.rules.js';
import type { AuthService } from './auth.service.js';
import { ROLES, type Role } from './user.entity.js';
import type { SignedInView, UserView } from './users.service.js';

@ApiSchema({ name: 'CurrentUser', description: 'Who is calling' })
export class CurrentUserResponse implements AuthUser {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
}

@ApiSchema({ name: 'OwnAgency', description: "The signed-in user's own agency" })
export class OwnAgencyResponse {
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Asia/Jayapura', description: "the zone of the office's days and times (R-22)" })
  timezone: string;
}

@ApiSchema({ name: 'SignedInUser', description: 'Who is calling, with their own agency' })
export class SignedInUserResponse extends CurrentUserResponse implements SignedInView {
  @ApiProperty({ type: OwnAgencyResponse }) agency: OwnAgencyResponse;
}

@ApiSchema({ name: 'Login' })
export class LoginResponse implements Awaited<ReturnType<AuthService['login']>> {
  @ApiProperty({ description: 'send as Authorization: Bearer <accessToken>' }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: CurrentUserResponse }) user: CurrentUserResponse;
}

@ApiSchema({ name: 'User', description: 'An account (no password or code in answers)' })
export class UserResponse extends CurrentUserResponse implements UserView {
  @ApiProperty({ type: String, nullable: true, example: '+6281234567890' }) phone: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({
    enum: ['pending_activation', 'active', 'deactivated'],
    description: 'R-28: activated by its owner with a one-time code',
  })
  status: AccountStatus;
  @ApiProperty({ type: Date, nullable: true, description: 'when the activation code sent to the owner expires' })
  activationExpiresAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'locked after repeated wrong passwords until then' })
  lockedUntil: Date | null;
  @ApiProperty() createdAt: Date;
}

export class UserPage extends PageOf(UserResponse) {}
