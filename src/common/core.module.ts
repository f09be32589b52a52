import { Global, Inject, Module, OnApplicationShutdown, DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { Redis } from 'ioredis';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../config/app-config.js';
import { AuthGuard } from './auth/auth.guard.js';
import { Authenticator } from './auth/authenticator.js';
import { SignedInUsers } from './auth/signed-in-users.js';
import { SignInRateGuard } from './throttle/sign-in-rate.guard.js';
import { Clock } from './clock.js';
import { IdempotencyService } from './idempotency.js';
import { ProblemFilter } from './problem.filter.js';
import { createRedis, REDIS } from './redis.js';
import { SharedCounters } from './throttle/shared-counters.js';

/** What every module uses: configuration, clock, audit trail, idempotency, Redis, auth and the error format. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      imports: [JwtModule.register({ secret: config.JWT_SECRET, signOptions: { expiresIn: config.JWT_TTL_SECONDS } })],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: REDIS, useFactory: () => createRedis(config.REDIS_URL) },
        {
          provide: SharedCounters,
          inject: [REDIS],
          useFactory: (redis: Redis) => new SharedCounters(redis, config.THROTTLE_PREFIX),
        },
        { provide: Clock, useValue: clock },
        AuditService,
        Authenticator,
        SignedInUsers,
        SignInRateGuard,
        IdempotencyService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [
        AppConfig,
        REDIS,
        Clock,
        AuditService,
        Authenticator,
        SignedInUsers,
        IdempotencyService,
        JwtModule,
        SharedCounters,
        SignInRateGuard,
      ],
    };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
