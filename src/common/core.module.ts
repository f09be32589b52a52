import { createSecretKey } from 'node:crypto';
import { Global, Inject, Module, OnApplicationShutdown, DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { AuthGuard } from './auth/auth.guard.js';
import { SignedInUsers } from './auth/signed-in-users.js';
import { SignInRateGuard } from './throttle/sign-in-rate.guard.js';
import { Clock } from './clock.js';
import { IdempotencyService } from './idempotency.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { ProblemFilter } from './problem.filter.js';
import { createRedis, REDIS } from './redis.js';
import { SharedCounters } from './throttle/shared-counters.js';

/**
 * What every module uses: configuration, clock, idempotency, Redis, the auth guard and the error format. The
 * audit trail (AuditModule) and who is calling (AuthenticationModule, behind RequestAuthenticator) are domain
 * modules, global too, imported by the app module: this one imports no domain folder.
 */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        JwtModule.register({
          // A key object, made once: given the string, jsonwebtoken tries it as a public key first, on every token.
          secret: createSecretKey(Buffer.from(config.JWT_SECRET)),
          signOptions: { expiresIn: config.JWT_TTL_SECONDS },
        }),
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: REDIS, useFactory: () => createRedis(config.REDIS_URL) },
        {
          provide: SharedCounters,
          inject: [REDIS],
          useFactory: (redis: Redis) => new SharedCounters(redis, config.THROTTLE_PREFIX),
        },
        { provide: Clock, useValue: clock },
        SignedInUsers,
        SignInRateGuard,
        IdempotencyRepository,
        IdempotencyService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [AppConfig, REDIS, Clock, IdempotencyService, JwtModule, SharedCounters, SignInRateGuard, SignedInUsers],
    };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
