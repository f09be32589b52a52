import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { CreateSiteDto, OpenDateDto, SiteListQuery, UpdateSiteDto } from './dto.js';
import { OpenDateResponse, OpenedDatePage, SiteCorrectionResponse, SitePage, SiteResponse } from './site.response.js';
import { SitesService } from './sites.service.js';

@ApiTags('sites')
@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create a work site',
    description: '409 when the agreement does not cover the host agency.',
  })
  @ApiCreatedResponse({ type: SiteResponse })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateSiteDto): Promise<SiteResponse> {
    return this.sites.create(actor, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List the sites the caller may see',
    description: 'Admins all; others the sites of their agreements or that they coordinate.',
  })
  @ApiOkResponse({ type: SitePage })
  @ApiProblems(400, 401)
  list(@CurrentUser() user: AuthUser, @Query() query: SiteListQuery): Promise<SitePage> {
    return this.sites.list(user, query);
  }

  @Get(':siteId')
  @ApiOperation({ summary: 'Read a site' })
  @ApiOkResponse({ type: SiteResponse })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentUser() user: AuthUser, @IdParam('siteId') siteId: string): Promise<SiteResponse> {
    return this.sites.get(user, siteId);
  }

  @Patch(':siteId')
  @Roles('admin')
  @ApiOperation({
    summary: 'Correct a work site',
    description:
      'Any of name, workType, address, location, radiusMeters, defaultCapacity, minorsAllowed, agreementId (a ' +
      'renewed PKS); only the fields given change, audited as `site.updated` with before and after (R-25). ' +
      "agencyId and timezone can't be changed (400 naming the field): shifts are stored in the site's local " +
      'time, so a new zone would move every shift. A new position and radius apply to the next check-in and ' +
      'check-out (R-19). The answer lists the bookings there, not over, on a date the (renewed) agreement does not ' +
      'cover (`uncoveredBookings`, R-05): they are not cancelled, their supervisors move or cancel them; no new ' +
      'booking is accepted on such a date (409 `booking.agreement_not_valid`).',
  })
  @ApiOkResponse({ type: SiteCorrectionResponse })
  @ApiProblems(
    [400, 'A malformed field, a field that cannot be changed, or no field at all; `errors` names it'],
    401,
    403,
    404,
    [
      409,
      'The agreement does not cover the host agency (R-05), or the site is closed to minors while a child is booked there (R-11)',
    ],
  )
  update(
    @CurrentUser() actor: AuthUser,
    @IdParam('siteId') siteId: string,
    @Body() dto: UpdateSiteDto,
  ): Promise<SiteCorrectionResponse> {
    return this.sites.update(actor, siteId, dto);
  }

  @Get(':siteId/open-dates')
  @Roles('admin')
  @ApiOperation({ summary: "List a site's opened holidays", description: 'R-23, oldest date first.' })
  @ApiOkResponse({ type: OpenedDatePage })
  @ApiProblems(400, 401, 403, 404)
  openDates(@IdParam('siteId') siteId: string): Promise<OpenedDatePage> {
    return this.sites.openDates(siteId);
  }

  /** an administrator opens a holiday for one site. */
  @Post(':siteId/open-dates')
  @Roles('admin')
  @ApiOperation({ summary: 'Open a holiday for one site', description: 'R-23. 409 when the date is already open.' })
  @ApiCreatedResponse({ type: OpenDateResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  openDate(
    @CurrentUser() actor: AuthUser,
    @IdParam('siteId') siteId: string,
    @Body() dto: OpenDateDto,
  ): Promise<OpenDateResponse> {
    return this.sites.openDate(actor, siteId, dto);
  }
}
