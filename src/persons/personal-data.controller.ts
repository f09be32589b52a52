import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ParseIdPipe } from '../common/validation.js';
import { SubjectAccessService } from './subject-access.service.js';

@ApiTags('persons')
@ApiBearerAuth()
@Roles('supervisor')
@Controller('persons')
export class PersonalDataController {
  constructor(private readonly subjectAccess: SubjectAccessService) {}

  @Get(':id/export')
  @ApiOperation({
    summary: 'Everything Bakti holds about the person, for a subject-access request (R-30); the download is recorded',
    description:
      'The person (with NIK and religion), every order with its assignments and attendance, ledger and breach reports, and ' +
      'the messages sent to the person. Only a supervisor of the person\'s Bapas (R-26). Recorded as `person.exported`.',
  })
  @ApiOkResponse({ description: '`{exportedAt, exportedBy, person, orders: [{...order, assignments, ledger, breaches}], notifications}`' })
  @ApiForbiddenResponse({ description: 'not a supervisor of the person\'s Bapas' })
  @ApiNotFoundResponse({ description: 'no such person' })
  export(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.subjectAccess.export(actor, id);
  }
}
