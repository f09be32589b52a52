import { Global, Module } from '@nestjs/common';
import { RequestAuthenticator } from '../common/auth/request-authenticator.js';
import { Authenticator } from './authenticator.js';
import { UserRepository } from './user.repository.js';

/** Who is calling, for the global auth guard, the login and the queue dashboard: global, like the core. */
@Global()
@Module({
  providers: [Authenticator, UserRepository, { provide: RequestAuthenticator, useExisting: Authenticator }],
  exports: [Authenticator, RequestAuthenticator],
})
export class AuthenticationModule {}
