import { Module } from '@nestjs/common';
import { PersonRepository } from './person.repository.js';
import { PersonsController } from './persons.controller.js';
import { PersonsService } from './persons.service.js';

@Module({ controllers: [PersonsController], providers: [PersonsService, PersonRepository], exports: [PersonsService] })
export class PersonsModule {}
