import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';
import { UserRepository } from './user.repository.js';

@Module({
  imports: [AgenciesModule, NotificationsModule],
  controllers: [AuthController, UsersController],
  providers: [AuthService, UsersService, UserRepository],
  exports: [UsersService],
})
export class IdentityModule {}
