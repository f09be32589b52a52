import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { PageQuery } from '../common/pagination.js';
import { ParseIdPipe } from '../common/validation.js';
import { AgreementsService } from './agreements.service.js';
import { CreateAgreementDto } from './dto.js';

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @Roles('admin')
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateAgreementDto) {
    return this.agreements.create(actor, dto);
  }

  @Get()
  list(@Query() query: PageQuery) {
    return this.agreements.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseIdPipe) id: string) {
    return this.agreements.get(id);
  }
}
