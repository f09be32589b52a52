import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Public, Roles } from '../common/auth/decorators.js';
import { ApiProblems, ProblemDto } from '../common/problem.docs.js';
import { ParseIdPipe } from '../common/validation.js';
import { AbsenceNoticeDto, AbsenceNoticeResponse, PersonLinkResponse, PersonPageResponse } from './dto.js';
import { PersonPageService } from './person-page.service.js';

@ApiTags('person page')
@ApiExtraModels(ProblemDto)
@Controller()
export class PersonPageController {
  constructor(private readonly pages: PersonPageService) {}

  @Post('persons/:id/link')
  @ApiBearerAuth()
  @Roles('supervisor')
  @ApiCreatedResponse({ type: PersonLinkResponse })
  @ApiProblems(400, 401, 403, 404)
  link(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.pages.link(actor, id);
  }

  /** The person's own page: the token is the only key (no account, no password); 401 once it has expired. */
  @Get('person-page/:token')
  @Public()
  @ApiOkResponse({ type: PersonPageResponse })
  @ApiProblems(401, 404)
  page(@Param('token') token: string) {
    return this.pages.page(token);
  }

  @Post('person-page/:token/notices')
  @Public()
  @ApiCreatedResponse({ type: AbsenceNoticeResponse })
  @ApiProblems(400, 401, 409)
  notice(@Param('token') token: string, @Body() dto: AbsenceNoticeDto) {
    return this.pages.notice(token, dto);
  }
}
