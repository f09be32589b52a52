import { Global, Module } from '@nestjs/common';
import { AccessPolicy } from './access.policy.js';
import { AccessRepository } from './access.repository.js';

/** The one access policy, global: every service asks it, none provides it. */
@Global()
@Module({ providers: [AccessRepository, AccessPolicy], exports: [AccessPolicy] })
export class AccessModule {}
