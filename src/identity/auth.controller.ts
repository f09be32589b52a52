import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto.js';
import { LoginResponse } from './identity.response.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a username and password for a bearer token' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblems(400, 401)
  login(@Body() dto: LoginDto): Promise<LoginResponse> {
    return this.auth.login(dto.username, dto.password);
  }
}
