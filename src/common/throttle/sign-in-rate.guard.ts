import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '../../config/app-config.js';
import { tooManyAttempts } from '../domain-error.js';
import { SharedCounters } from './shared-counters.js';

/**
 * Sign-in requests per address and minute, successful or not (R-28), shared by the replicas. @nestjs/throttler
 * would do this, but it is CommonJS requiring Nest 12's ESM-only packages, which Jest can't load.
 */
@Injectable()
export class SignInRateGuard implements CanActivate {
  constructor(
    private readonly counters: SharedCounters,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const limit = this.config.AUTH_REQUESTS_PER_MINUTE;
    const state = await this.counters.hit(`sign-in:addr:${request.ip ?? ''}`, 60_000, limit, 60_000);
    if (state.blocked) throw tooManyAttempts(state.retryAfterSeconds);
    return true;
  }
}
