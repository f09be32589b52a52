import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ParseIdPipe } from '../common/validation.js';
import { CreateSiteDto, OpenDateDto, SiteListQuery } from './dto.js';
import { SitesService } from './sites.service.js';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Post()
  @Roles('admin')
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateSiteDto) {
    return this.sites.create(actor, dto);
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: SiteListQuery) {
    return this.sites.list(user, query);
  }

  @Get(':siteId')
  get(@CurrentUser() user: AuthUser, @Param('siteId', ParseIdPipe) siteId: string) {
    return this.sites.get(user, siteId);
  }

  /** an administrator opens a holiday for one site. */
  @Post(':siteId/open-dates')
  @Roles('admin')
  openDate(@CurrentUser() actor: AuthUser, @Param('siteId', ParseIdPipe) siteId: string, @Body() dto: OpenDateDto) {
    return this.sites.openDate(actor, siteId, dto);
  }
}
