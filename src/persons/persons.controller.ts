import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ParseIdPipe } from '../common/validation.js';
import { CreatePersonDto, DeclareConflictDto, PersonSearchQuery, UpdatePersonDto } from './dto.js';
import { PersonsService } from './persons.service.js';

@ApiTags('persons')
@ApiBearerAuth()
@Roles('supervisor')
@Controller('persons')
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  @Post()
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreatePersonDto) {
    return this.persons.create(actor, dto);
  }

  @Get()
  list(@CurrentUser() actor: AuthUser, @Query() query: PersonSearchQuery) {
    return this.persons.list(actor, query);
  }

  @Get(':id')
  get(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.persons.get(actor, id);
  }

  /** The answer lists the bookings ahead that the new windows would refuse (`bookingsToReview`). */
  @Patch(':id')
  update(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdatePersonDto) {
    return this.persons.update(actor, id, dto);
  }

  @Post(':id/conflicts')
  declareConflict(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() dto: DeclareConflictDto) {
    return this.persons.declareConflict(actor, id, dto);
  }
}
