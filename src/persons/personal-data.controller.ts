import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ParseIdPipe } from '../common/validation.js';
import { SubjectAccessService } from './subject-access.service.js';

/** No parameters: a download that is recorded refuses what it would ignore (400 naming the parameter). */
export class SubjectAccessQuery {}

@ApiTags('persons')
@ApiBearerAuth()
@Roles('supervisor')
@Controller('persons')
export class PersonalDataController {
  constructor(private readonly subjectAccess: SubjectAccessService) {}

  @Get(':id/export')
  @ApiOperation({
    summary: 'Everything Bakti holds about the person, for a subject-access request (R-30); the download is in the export log',
    description:
      'The person (with NIK and religion), every order with its assignments and attendance, ledger and breach reports, and ' +
      'the messages sent to the person. Only a supervisor of the person\'s Bapas (R-26). Each download is a row of the export log (`GET /exports`, kind `subject_access`).',
  })
  @ApiOkResponse({ description: '`{exportId, exportedAt, exportedBy, person, orders: [{...order, assignments, ledger, breaches}], notifications}`' })
  @ApiBadRequestResponse({ description: 'an id that is no UUID, or any query parameter (problem+json naming it)' })
  @ApiForbiddenResponse({ description: 'not a supervisor of the person\'s Bapas' })
  @ApiNotFoundResponse({ description: 'no such person' })
  export(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() _query: SubjectAccessQuery) {
    return this.subjectAccess.export(actor, id);
  }
}
