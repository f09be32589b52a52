import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { SubjectAccessResponse } from './subject-access.response.js';
import { SubjectAccessService } from './subject-access.service.js';

/** No parameters: a download that is recorded refuses what it would ignore (400 naming the parameter). */
export class SubjectAccessQuery {}

@ApiTags('persons')
@Roles('supervisor')
@Controller('persons')
export class PersonalDataController {
  constructor(private readonly subjectAccess: SubjectAccessService) {}

  @Get(':id/export')
  @ApiOperation({
    summary:
      'Everything Bakti holds about the person, for a subject-access request (R-30); the download is in the export log',
    description:
      'The person (with NIK and religion), every order with its assignments and attendance, ledger and breach reports, and ' +
      "the messages sent to the person. Only a supervisor of the person's Bapas (R-26). Each download is a row of the export log (`GET /exports`, kind `subject_access`).",
  })
  @ApiOkResponse({ type: SubjectAccessResponse })
  @ApiProblems(
    [400, 'an id that is no UUID, or any query parameter (naming it)'],
    401,
    [403, "not a supervisor of the person's Bapas"],
    404,
  )
  export(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @Query() _query: SubjectAccessQuery,
  ): Promise<SubjectAccessResponse> {
    return this.subjectAccess.export(actor, id);
  }
}
