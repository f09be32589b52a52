import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  ValidateIf,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { SAME_DAY_POLICIES, type SameDayPolicy } from './same-day-policies.js';

/** `api` serves HTTP, `worker` runs the queues, the outbox relay and the schedules, `all` both in one process. */
export type AppRole = 'api' | 'worker' | 'all';

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

const POSTGRES_URL = /^postgres(ql)?:\/\/.+\/[A-Za-z0-9_]+$/;

/** Known to anyone who has read this file: accepted only with NODE_ENV=development. */
const DEVELOPMENT_SECRETS = {
  JWT_SECRET: 'bakti-development-secret-change-me-in-production',
  AUDIT_KEY: 'bakti-development-audit-key-change-me-in-production',
} as const;
const KNOWN_SECRETS = new Set<string>([...Object.values(DEVELOPMENT_SECRETS), 'bakti-compose-secret-change-me-please']);
const SECRET_MIN_LENGTH = 32;

/** Everything the service reads from the environment, validated once at boot. */
export class AppConfig {
  /** Unset means production: the development defaults (secrets, demo data) need `development` said explicitly. */
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'production';

  @IsIn(['api', 'worker', 'all'])
  APP_ROLE: AppRole = 'all';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /**
   * HTTP processes sharing PORT (Node's cluster): one per core. With APP_ROLE=all the first also runs the
   * worker; the others serve HTTP only.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(64)
  API_PROCESSES = 1;

  /** The service's connection, as a role that owns nothing; created with its grants when missing. */
  @Matches(POSTGRES_URL, { message: '$property must be postgres://user@host:port/database' })
  DATABASE_URL = 'postgres://bakti_app@127.0.0.1:5432/bakti';

  /** The owner's connection, for migrations and grants only; by default DATABASE_URL's database as `postgres`. */
  @ValidateIf((config: AppConfig) => config.MIGRATION_DATABASE_URL !== '')
  @Matches(POSTGRES_URL, { message: '$property must be postgres://user@host:port/database' })
  MIGRATION_DATABASE_URL = '';

  @Matches(/^rediss?:\/\/.+/, { message: '$property must be redis://host:port' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IsString()
  JWT_SECRET = DEVELOPMENT_SECRETS.JWT_SECRET;

  /** The key of the audit chain's HMAC and of the checkpoints' signatures (R-28); kept outside the database. */
  @IsString()
  AUDIT_KEY = DEVELOPMENT_SECRETS.AUDIT_KEY;

  /** Where each audit checkpoint is also sent (a signed POST), so a copy lives outside the database. */
  @ValidateIf((config: AppConfig) => config.AUDIT_ANCHOR_URL !== '')
  @Matches(/^https?:\/\/.+/, { message: '$property must be an http(s) URL' })
  AUDIT_ANCHOR_URL = '';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 8 * 3600;

  /** R-28 POLICY: failed sign-ins per username, and per address, in a window; one more answers 429. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_FAILURES_PER_USERNAME = 20;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_FAILURES_PER_ADDRESS = 100;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_MINUTES = 15;

  /** R-28 POLICY: this many wrong passwords in a row lock the account for LOCKOUT_MINUTES (an admin can unlock it). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOCKOUT_AFTER_FAILURES = 10;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOCKOUT_MINUTES = 15;

  /** Requests per minute and address to the sign-in endpoints (@nestjs/throttler), successful or not. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  AUTH_REQUESTS_PER_MINUTE = 120;

  /** Redis key prefix of the shared rate counters; the braces are a Redis Cluster hash tag. */
  @Matches(/^\{[A-Za-z0-9_-]+\}$/, { message: '$property must look like {bakti-throttle}' })
  THROTTLE_PREFIX = '{bakti-throttle}';

  /** How long a one-time activation code (new account, password reset) can be used. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(24 * 14)
  ACTIVATION_TTL_HOURS = 72;

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

  /**
   * POLICY: what the planner books a person on one day. `same_site`: a second shift only at the site of the first
   * (one trip), never overlapping it and within the day's cap; `one_shift`: one shift a day.
   */
  @IsIn(SAME_DAY_POLICIES)
  PLANNER_SAME_DAY: SameDayPolicy = 'same_site';

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

  /** R-30 POLICY: a person's data is anonymised this many years after the last of their orders ended. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  RETENTION_YEARS = 5;

  /**
   * The map tiles of the admin's site map, a Leaflet URL template (`{s}` a subdomain); its host is allowed in the
   * CSP's img-src and the web app reads the template from index.html. The site and its radius are drawn without it.
   */
  @Matches(/^https?:\/\/(\{s\}\.)?[a-z0-9.-]+(:\d+)?\/[^"<>]*\{z\}[^"<>]*\{x\}[^"<>]*\{y\}/i, {
    message: '$property must be a tile URL template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  })
  MAP_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

  /** R-19 POLICY (oversight): a check-in or check-out this many metres past the site's radius is a misuse signal. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(100_000)
  OVERSIGHT_RADIUS_TOLERANCE_METERS = 50;

  /** R-19 POLICY (oversight): attendance received this many hours after the event it records is a signal. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(10_000)
  OVERSIGHT_LATE_RECORD_HOURS = 48;

  /** R-14 POLICY (oversight): one coordinator-supervisor pair signing this share (%) of a Bapas's credited minutes. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  OVERSIGHT_PAIR_SHARE_PERCENT = 70;

  /** ... over the last this many days, counted only when the Bapas credited at least OVERSIGHT_PAIR_MIN_MINUTES. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(366)
  OVERSIGHT_PAIR_WINDOW_DAYS = 30;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  OVERSIGHT_PAIR_MIN_MINUTES = 1200;

  /** R-23 POLICY (oversight): credits on a holiday that an administrator opened this many hours before the shift. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(10_000)
  OVERSIGHT_HOLIDAY_OPENED_HOURS = 72;

  /** R-28 POLICY (oversight): an account that confirms or signs off within this many hours of its creation. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(10_000)
  OVERSIGHT_NEW_ACCOUNT_HOURS = 24;

  /** R-14 POLICY (oversight): one supervisor signing off this many shifts within OVERSIGHT_BURST_MINUTES. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(2)
  OVERSIGHT_BURST_SHIFTS = 5;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(1440)
  OVERSIGHT_BURST_MINUTES = 15;

  /** R-14 POLICY (oversight): a reversal of at least this many minutes is a signal. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  OVERSIGHT_REVERSAL_MIN_MINUTES = 1;

  /** How far back (days) the scan looks for occurrences: an order's whole period. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(3660)
  OVERSIGHT_SCAN_DAYS = 190;
}

/** The CSP source of a tile URL template: its origin, a `{s}` subdomain as a wildcard. */
export function tileSource(template: string): string {
  return new URL(template.replace('{s}', 'tiles')).origin.replace('//tiles.', '//*.');
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const given = Object.fromEntries(Object.entries(env).filter(([key, value]) => known.includes(key) && value !== ''));
  const config = plainToInstance(AppConfig, given, { exposeDefaultValues: true });
  const problems = validateSync(config).flatMap((error) => Object.values(error.constraints ?? {}));
  problems.push(...secretProblems(config));
  if (config.NODE_ENV === 'production' && config.SEED_DEMO) {
    problems.push('SEED_DEMO is refused in production: the demo users share a known password');
  }
  config.MIGRATION_DATABASE_URL ||= ownerUrl(config.DATABASE_URL);
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

/** a secret anyone could know or guess is refused, unless development is said explicitly. */
function secretProblems(config: AppConfig): string[] {
  if (config.NODE_ENV === 'development') return [];
  return (['JWT_SECRET', 'AUDIT_KEY'] as const).flatMap((name) => {
    const value = config[name];
    if (KNOWN_SECRETS.has(value))
      return [`${name} must be set (the built-in value is public; NODE_ENV=development allows it)`];
    if (value.length < SECRET_MIN_LENGTH) return [`${name} must be at least ${SECRET_MIN_LENGTH} characters`];
    return [];
  });
}

/** The documented default owner: DATABASE_URL's server and database, as `postgres` without a password. */
function ownerUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.username = 'postgres';
  url.password = '';
  return url.toString();
}
