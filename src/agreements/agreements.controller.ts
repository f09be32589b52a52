import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { AgreementPage, AgreementResponse } from './agreement.response.js';
import { AgreementsService } from './agreements.service.js';
import { AgreementListQuery, CreateAgreementDto } from './dto.js';

@ApiTags('agreements')
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Record a cooperation agreement (PKS)', description: '409 when the number is taken.' })
  @ApiCreatedResponse({ type: AgreementResponse })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateAgreementDto): Promise<AgreementResponse> {
    return this.agreements.create(actor, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List agreements',
    description: 'Latest validity first; filtered by part of the number or title, and by a party.',
  })
  @ApiOkResponse({ type: AgreementPage })
  @ApiProblems(400, 401)
  list(@Query() query: AgreementListQuery): Promise<AgreementPage> {
    return this.agreements.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an agreement' })
  @ApiOkResponse({ type: AgreementResponse })
  @ApiProblems(400, 401, 404)
  get(@IdParam('id') id: string): Promise<AgreementResponse> {
    return this.agreements.get(id);
  }
}
