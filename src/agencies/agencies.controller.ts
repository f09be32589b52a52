import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { PageQuery } from '../common/pagination.js';
import { AgenciesService } from './agencies.service.js';
import { CreateAgencyDto } from './dto.js';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Post()
  @Roles('admin')
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateAgencyDto) {
    return this.agencies.create(actor, dto);
  }

  @Get()
  list(@Query() query: PageQuery) {
    return this.agencies.list(query);
  }
}
