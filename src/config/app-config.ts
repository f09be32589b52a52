import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, ValidateIf, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** `api` serves HTTP, `worker` runs the queues, the outbox relay and the schedules, `all` both in one process. */
export type AppRole = 'api' | 'worker' | 'all';

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

/** Everything the service reads from the environment, validated once at boot. */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsIn(['api', 'worker', 'all'])
  APP_ROLE: AppRole = 'all';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @Matches(/^postgres(ql)?:\/\/.+\/[A-Za-z0-9_]+$/, { message: '$property must be postgres://user@host:port/database' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/bakti';

  @Matches(/^rediss?:\/\/.+/, { message: '$property must be redis://host:port' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IsString()
  @MinLength(32, { message: '$property must be at least 32 characters' })
  JWT_SECRET = 'bakti-development-secret-change-me-in-production';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 8 * 3600;

  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO = false;

  @IsString()
  @MinLength(8, { message: '$property must be at least 8 characters' })
  DEMO_PASSWORD = 'bakti-demo-2026';

  @IsString()
  HOLIDAYS_DIR = 'config/holidays';

  @IsString()
  MESSAGES_DIR = 'config/messages';

  /** BullMQ key prefix; the braces are a Redis Cluster hash tag, so all of a queue's keys share a slot. */
  @Matches(/^\{[A-Za-z0-9_-]+\}$/, { message: '$property must look like {bakti}' })
  QUEUE_PREFIX = '{bakti}';

  @IsIn(['log', 'webhook'])
  NOTIFY_CHANNEL: 'log' | 'webhook' = 'log';

  @ValidateIf((config: AppConfig) => config.NOTIFY_CHANNEL === 'webhook')
  @Matches(/^https?:\/\/.+/, { message: '$property must be an http(s) URL when NOTIFY_CHANNEL is webhook' })
  NOTIFY_WEBHOOK_URL = '';

  @ValidateIf((config: AppConfig) => config.NOTIFY_CHANNEL === 'webhook')
  @MinLength(16, { message: '$property must be at least 16 characters when NOTIFY_CHANNEL is webhook' })
  NOTIFY_WEBHOOK_SECRET = '';

  /** The first retry of a failed delivery waits this long; each next one twice as long. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  NOTIFY_RETRY_BASE_MS = 2000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFY_ATTEMPTS = 12;

  /** Rebuild every future job from PostgreSQL when a worker starts (and nightly). */
  @Transform(toBoolean)
  @IsBoolean()
  RECONCILE_ON_BOOT = true;

  /** A job whose worker died is taken up again after this long (BullMQ lock and stalled-check interval). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(500)
  WORKER_LOCK_MS = 30_000;

  /** How often the outbox relay looks for new rows when it found none. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS = 200;

  /** POLICY: the planner books a person only at sites this close to home (straight line). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(500)
  @Max(100_000)
  PLAN_MAX_TRAVEL_METERS = 15_000;

  /** A plan's preview can be applied for this long; then it must be previewed again. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  PLAN_PREVIEW_TTL_MINUTES = 24 * 60;

  /** After SIGTERM, the process exits within this long whatever Redis and PostgreSQL do. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** The bearer token Prometheus sends to /metrics; /metrics is off while it is empty. */
  @ValidateIf((config: AppConfig) => config.METRICS_TOKEN !== '')
  @MinLength(16, { message: '$property must be at least 16 characters' })
  METRICS_TOKEN = '';

  /** POLICY: an Idempotency-Key is remembered this long (an offline phone may resend days later). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  IDEMPOTENCY_TTL_HOURS = 7 * 24;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const given = Object.fromEntries(Object.entries(env).filter(([key, value]) => known.includes(key) && value !== ''));
  const config = plainToInstance(AppConfig, given, { exposeDefaultValues: true });
  const problems = validateSync(config).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
  if (config.NODE_ENV === 'production' && config.JWT_SECRET === new AppConfig().JWT_SECRET) {
    problems.push('JWT_SECRET must be set in production');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}
