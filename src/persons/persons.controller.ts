import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { CreatePersonDto, DeclareConflictDto, PersonSearchQuery, UpdatePersonDto } from './dto.js';
import { ConflictResponse, PersonPage, PersonResponse, PersonUpdatedResponse } from './person.response.js';
import { PersonsService } from './persons.service.js';

@ApiTags('persons')
@Roles('supervisor')
@Controller('persons')
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a sentenced person',
    description: "The supervisor's Bapas owns the person; 409 when the NIK is registered.",
  })
  @ApiCreatedResponse({ type: PersonResponse })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreatePersonDto): Promise<PersonResponse> {
    return this.persons.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: "List the persons of the supervisor's Bapas, or search them by name or case number (q)" })
  @ApiOkResponse({ type: PersonPage })
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() actor: AuthUser, @Query() query: PersonSearchQuery): Promise<PersonPage> {
    return this.persons.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a person' })
  @ApiOkResponse({ type: PersonResponse })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentUser() actor: AuthUser, @IdParam('id') id: string): Promise<PersonResponse> {
    return this.persons.get(actor, id);
  }

  /** The answer lists the bookings ahead that the new windows would refuse (`bookingsToReview`). */
  @Patch(':id')
  @ApiOperation({ summary: "Change a person's phone, address, home, windows, school or language" })
  @ApiOkResponse({ type: PersonUpdatedResponse })
  @ApiProblems(400, 401, 403, 404)
  update(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: UpdatePersonDto,
  ): Promise<PersonUpdatedResponse> {
    return this.persons.update(actor, id, dto);
  }

  @Post(':id/conflicts')
  @ApiOperation({
    summary: 'Declare a conflict of interest',
    description: "R-27: the user may not confirm or sign off the person's hours; 409 when already declared.",
  })
  @ApiCreatedResponse({ type: ConflictResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  declareConflict(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: DeclareConflictDto,
  ): Promise<ConflictResponse> {
    return this.persons.declareConflict(actor, id, dto);
  }
}
