import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { AgenciesService } from './agencies.service.js';
import { AgencyPage, AgencyResponse } from './agency.response.js';
import { AgencyHeadDto, AgencyListQuery, CreateAgencyDto } from './dto.js';

@ApiTags('agencies')
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create an agency', description: '409 when the code is taken.' })
  @ApiCreatedResponse({ type: AgencyResponse })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateAgencyDto): Promise<AgencyResponse> {
    return this.agencies.create(actor, dto);
  }

  @Post(':id/head')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: "Name the agency's head",
    description: 'An active user of the agency; told of changes to its accounts (R-28).',
  })
  @ApiOkResponse({ type: AgencyResponse })
  @ApiProblems(400, 401, 403, 404)
  setHead(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: AgencyHeadDto,
  ): Promise<AgencyResponse> {
    return this.agencies.setHead(actor, id, dto.userId);
  }

  @Get()
  @ApiOperation({ summary: 'List agencies', description: 'By code; filtered by part of the name or code, and kind.' })
  @ApiOkResponse({ type: AgencyPage })
  @ApiProblems(400, 401)
  list(@Query() query: AgencyListQuery): Promise<AgencyPage> {
    return this.agencies.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an agency' })
  @ApiOkResponse({ type: AgencyResponse })
  @ApiProblems(400, 401, 404)
  get(@IdParam('id') id: string): Promise<AgencyResponse> {
    return this.agencies.get(id);
  }
}
