import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { CreateUserDto, UpdateUserDto, UserListQuery } from './dto.js';
import { SignedInUserResponse, UserPage, UserResponse } from './identity.response.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create an account; its owner activates it with the code sent to their phone (R-28)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(actor, dto);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'List users',
    description: 'By username; filtered by part of the username or name, role, agency, or ids.',
  })
  @ApiOkResponse({ type: UserPage })
  @ApiProblems(400, 401, 403)
  list(@Query() query: UserListQuery): Promise<UserPage> {
    return this.users.list(query);
  }

  @Get('me')
  @ApiOperation({ summary: 'Who am I, and my own agency (its name and time zone)' })
  @ApiOkResponse({ type: SignedInUserResponse })
  @ApiProblems(401)
  me(@CurrentUser() user: AuthUser): Promise<SignedInUserResponse> {
    return this.users.me(user);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Read an account' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404)
  get(@IdParam('id') id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: "Change an account's role, agency, name or phone",
    description: "Told to the agency's head (R-28).",
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@CurrentUser() actor: AuthUser, @IdParam('id') id: string, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/password-reset')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Void the password and send the owner a new activation code (R-28)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  resetPassword(@CurrentUser() actor: AuthUser, @IdParam('id') id: string): Promise<UserResponse> {
    return this.users.resetPassword(actor, id);
  }

  @Post(':id/deactivate')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate an account: its tokens are refused at once' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  deactivate(@CurrentUser() actor: AuthUser, @IdParam('id') id: string): Promise<UserResponse> {
    return this.users.deactivate(actor, id);
  }

  @Post(':id/reactivate')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate an account' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  reactivate(@CurrentUser() actor: AuthUser, @IdParam('id') id: string): Promise<UserResponse> {
    return this.users.reactivate(actor, id);
  }

  @Post(':id/unlock')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a lock after repeated wrong passwords' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  unlock(@CurrentUser() actor: AuthUser, @IdParam('id') id: string): Promise<UserResponse> {
    return this.users.unlock(actor, id);
  }
}
