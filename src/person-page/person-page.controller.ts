import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Public, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { AbsenceNoticeDto, AbsenceNoticeResponse, PersonLinkResponse, PersonPageResponse } from './dto.js';
import { PersonPageService } from './person-page.service.js';

@ApiTags('person page')
@Controller()
export class PersonPageController {
  constructor(private readonly pages: PersonPageService) {}

  @Post('persons/:id/link')
  @Roles('supervisor')
  @ApiOperation({ summary: "Make the person's own page link: signed, expiring, sent in reminders" })
  @ApiCreatedResponse({ type: PersonLinkResponse })
  @ApiProblems(400, 401, 403, 404)
  link(@CurrentUser() actor: AuthUser, @IdParam('id') id: string) {
    return this.pages.link(actor, id);
  }

  /** The person's own page: the token is the only key (no account, no password); 401 once it has expired. */
  @Get('person-page/:token')
  @Public()
  @ApiOperation({ summary: "The person's own page: next shifts, hours done and owed (by the link's token)" })
  @ApiOkResponse({ type: PersonPageResponse })
  @ApiProblems(400, [401, 'the link is forged or has expired'], 404)
  page(@Param('token') token: string) {
    return this.pages.page(token);
  }

  @Post('person-page/:token/notices')
  @Public()
  @ApiOperation({ summary: 'Tell the supervisor in advance that I cannot come (R-20), with a reason' })
  @ApiCreatedResponse({ type: AbsenceNoticeResponse })
  @ApiProblems(400, [401, 'the link is forged or has expired'], 409)
  notice(@Param('token') token: string, @Body() dto: AbsenceNoticeDto) {
    return this.pages.notice(token, dto);
  }
}
