import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { PageQuery } from '../common/pagination.js';
import { ParseIdPipe } from '../common/validation.js';
import { CreateUserDto, UpdateUserDto } from './dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create an account; its owner activates it with the code sent to their phone (R-28)' })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Get()
  @Roles('admin')
  list(@Query() query: PageQuery) {
    return this.users.list(query);
  }

  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return user;
  }

  @Patch(':id')
  @Roles('admin')
  update(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/password-reset')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Void the password and send the owner a new activation code (R-28)' })
  resetPassword(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.users.resetPassword(actor, id);
  }

  @Post(':id/deactivate')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate an account: its tokens are refused at once' })
  deactivate(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.users.deactivate(actor, id);
  }

  @Post(':id/reactivate')
  @Roles('admin')
  @HttpCode(200)
  reactivate(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.users.reactivate(actor, id);
  }

  @Post(':id/unlock')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a lock after repeated wrong passwords' })
  unlock(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.users.unlock(actor, id);
  }
}
