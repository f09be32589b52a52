import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { pickLocale } from '../common/messages.js';
import { AcceptLanguage, ApiProblems } from '../common/openapi.js';
import { WorklistResponse } from './dto.js';
import { WorklistService } from './worklist.service.js';

@ApiTags('worklist')
@Controller('worklist')
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  /** The supervisor's desk: sign-offs, absences to decide, suspected no-shows, orders at risk. */
  @Get()
  @Roles('supervisor')
  @ApiOperation({
    summary: "The supervisor's worklist: sign-offs, absences to decide, suspected no-shows, notices, orders at risk",
  })
  @ApiOkResponse({ type: WorklistResponse })
  @ApiProblems(401, 403)
  get(@CurrentUser() actor: AuthUser, @AcceptLanguage() acceptLanguage?: string) {
    return this.worklist.forSupervisor(actor, pickLocale(acceptLanguage));
  }
}
