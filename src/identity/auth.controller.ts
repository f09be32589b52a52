import { Body, Controller, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Public } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { SignInRateGuard } from '../common/throttle/sign-in-rate.guard.js';
import { AuthService } from './auth.service.js';
import { ActivateDto, ChangePasswordDto, LoginDto } from './dto.js';
import { LoginResponse } from './identity.response.js';
import { UsersService } from './users.service.js';

/** The sign-in endpoints, throttled per address on top of the failed-attempt limits. */
@ApiTags('auth')
@UseGuards(SignInRateGuard)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a username and password for a bearer token' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblems(400, 401, 429)
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<LoginResponse> {
    return this.auth.login(dto.username, dto.password, address);
  }

  @Public()
  @Post('activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Activate an account (or finish a reset): the code from the SMS and your own password' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblems(400, 409, 429)
  activate(@Body() dto: ActivateDto): Promise<LoginResponse> {
    return this.auth.activate(dto);
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your own password' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiProblems(400, 401, 409, 429)
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.users.changeOwnPassword(user, dto.currentPassword, dto.newPassword);
  }
}
