import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { PageQuery } from '../common/pagination.js';
import { CreateUserDto } from './dto.js';
import { CurrentUserResponse, UserPage, UserResponse } from './identity.response.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(actor, dto);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'List users' })
  @ApiOkResponse({ type: UserPage })
  @ApiProblems(400, 401, 403)
  list(@Query() query: PageQuery): Promise<UserPage> {
    return this.users.list(query);
  }

  @Get('me')
  @ApiOperation({ summary: 'Who am I' })
  @ApiOkResponse({ type: CurrentUserResponse })
  @ApiProblems(401)
  me(@CurrentUser() user: AuthUser): CurrentUserResponse {
    return user;
  }
}
