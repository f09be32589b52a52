import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/validation.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { PageQuery } from '../common/pagination.js';
import { AgenciesService } from './agencies.service.js';
import { AgencyHeadDto, CreateAgencyDto } from './dto.js';

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

  @Post(':id/head')
  @Roles('admin')
  @HttpCode(200)
  setHead(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() dto: AgencyHeadDto) {
    return this.agencies.setHead(actor, id, dto.userId);
  }

  @Get()
  list(@Query() query: PageQuery) {
    return this.agencies.list(query);
  }
}
