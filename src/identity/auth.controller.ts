import { Body, Controller, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { SignInRateGuard } from '../common/throttle/sign-in-rate.guard.js';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Public } from '../common/auth/decorators.js';
import { AuthService } from './auth.service.js';
import { ActivateDto, ChangePasswordDto, LoginDto } from './dto.js';
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
  login(@Body() dto: LoginDto, @Ip() address: string) {
    return this.auth.login(dto.username, dto.password, address);
  }

  @Public()
  @Post('activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Activate an account (or finish a reset): the code from the SMS and your own password' })
  activate(@Body() dto: ActivateDto) {
    return this.auth.activate(dto);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password' })
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.users.changeOwnPassword(user, dto.currentPassword, dto.newPassword);
  }
}
