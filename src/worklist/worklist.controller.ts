import { Controller, Get, Headers } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { pickLocale } from '../common/messages.js';
import { ApiLanguage, ApiProblems, ProblemDto } from '../common/problem.docs.js';
import { WorklistResponse } from './dto.js';
import { WorklistService } from './worklist.service.js';

@ApiTags('worklist')
@ApiBearerAuth()
@ApiExtraModels(ProblemDto)
@Controller('worklist')
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  /** The supervisor's desk: sign-offs, absences to decide, suspected no-shows, orders at risk. */
  @Get()
  @Roles('supervisor')
  @ApiOkResponse({ type: WorklistResponse })
  @ApiLanguage()
  @ApiProblems(401, 403)
  get(@CurrentUser() actor: AuthUser, @Headers('accept-language') acceptLanguage?: string) {
    return this.worklist.forSupervisor(actor, pickLocale(acceptLanguage));
  }
}
