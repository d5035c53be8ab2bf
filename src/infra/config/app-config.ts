import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from './project-root.js';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything the hub reads from its environment, validated once at start. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Unset: an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  migrationsRun: boolean;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  corsOrigins: string[];
  trustProxy: string;
  logLevel: LogLevel;
  bodyLimitBytes: number;
  adminEmail?: string;
  adminPassword?: string;
  rateLimits: boolean;
  loginMaxFailures: number;
  loginLockSeconds: number;
  authRequestsPerMinute: number;
  resetCodeTtlSeconds: number;
  resetCodeMaxAttempts: number;
  escalationResponseDays: number;
  realtimeAdapter: RealtimeAdapterKind;
  /** Set: the Redis adapter carries socket.io events between nodes (unless overridden). */
  redisUrl?: string;
  redisChannelPrefix: string;
  redisConnectTimeoutSeconds: number;
  /** Unset: `<dataDir>/backups` (see `backupDir()`). */
  backupDir?: string;
  backupKeep: number;
  /** Unset: no scheduled backups. */
  backupCron?: string;
  shutdownTimeoutSeconds: number;
  /** Off: answers go out as they are, for a reverse proxy that compresses them itself. */
  compression: boolean;
  /** Answers smaller than this are sent uncompressed (compressing them saves next to nothing). */
  compressionThresholdBytes: number;
  /** permessage-deflate on socket.io's websocket frames of 1 KB or more. */
  websocketCompression: boolean;
  /** The web client's build (absolute), served at `/`; it may be missing. */
  webDir: string;
  /** Largest photo, PDF and voice note accepted (docs/attachments.md). */
  attachmentMaxImageBytes: number;
  attachmentMaxDocumentBytes: number;
  attachmentMaxAudioBytes: number;
  /** What one user, and all members of one organisation together, may keep stored. */
  uploadQuotaUserBytes: number;
  uploadQuotaOrganisationBytes: number;
  attachmentsPerItem: number;
  /** How long a signed file URL lives (its expiry is rounded to slots of this length). */
  fileUrlTtlSeconds: number;
  /** Unset: a key derived from `jwtSecret`. */
  fileUrlSecret?: string;
  /** Largest photo in pixels that is decoded at all (decompression bombs). */
  imageMaxPixels: number;
  attachmentGraceDays: number;
  attachmentSweepCron: string;
  /** Submissions one address may send through public survey links per minute. */
  publicSurveyRatePerMinute: number;
  /** Unset: the key kept in the `survey_secrets` table (made at first use). */
  surveyMarkSecret?: string;
}

export type RealtimeAdapterKind = 'postgres' | 'redis' | 'memory';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

interface Variable<K extends keyof AppConfig> {
  name: string;
  key: K;
  default?: string;
  description: string;
  sensitive?: boolean;
  parse: (raw: string) => AppConfig[K];
}

const integer =
  (min: number, max: number) =>
  (raw: string): number => {
    if (!/^\d+$/.test(raw)) throw new Error(`must be a whole number from ${min} to ${max}`);
    const value = Number(raw);
    if (value < min || value > max) throw new Error(`must be a whole number from ${min} to ${max}`);
    return value;
  };

const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string): T => {
    if (!values.includes(raw as T)) throw new Error(`must be one of ${values.join(', ')}`);
    return raw as T;
  };

const boolean = (raw: string): boolean => {
  if (['true', '1', 'on', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'off', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error('must be true or false (or on/off)');
};

const text = (raw: string): string => raw;

const postgresUrl = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('must be a URL like postgres://user:password@host:5432/database');
  }
  if (!['postgres:', 'postgresql:'].includes(url.protocol)) {
    throw new Error('must start with postgres:// or postgresql://');
  }
  return raw;
};

const redisUrl = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('must be a URL like redis://host:6379 or rediss://user:password@host:6380');
  }
  if (!['redis:', 'rediss:'].includes(url.protocol)) {
    throw new Error('must start with redis:// or rediss://');
  }
  return raw;
};

const byteSize = (raw: string): number => {
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(raw.trim());
  if (!match) throw new Error('must be a size like 512kb or 1mb');
  const unit = (match[2] ?? 'b').toLowerCase();
  const bytes = Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
  if (bytes < 1024 || bytes > 50 * 1024 * 1024) throw new Error('must be between 1kb and 50mb');
  return bytes;
};

/** Sizes of files and quotas: `20mb`, `1gb`, up to 1 TB. */
const fileSize = (raw: string): number => {
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(raw.trim());
  if (!match) throw new Error('must be a size like 512kb, 20mb or 2gb');
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit] ?? 1;
  const bytes = Number(match[1]) * factor;
  if (bytes < 1024 || bytes > 1024 ** 4) throw new Error('must be between 1kb and 1024gb');
  return bytes;
};

const origins = (raw: string): string[] => {
  const list = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of list) {
    if (origin === '*') continue;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new Error(`"${origin}" is not an origin like https://example.org`);
    }
    if (url.origin !== origin)
      throw new Error(`"${origin}" is not an origin like https://example.org`);
  }
  return list;
};

const trustProxy = (raw: string): string => {
  const parts = raw.split(',').map((p) => p.trim());
  const ok = (p: string): boolean =>
    ['loopback', 'linklocal', 'uniquelocal', 'true', 'false'].includes(p) ||
    /^\d{1,2}$/.test(p) ||
    /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p);
  if (!parts.every(ok))
    throw new Error('must be loopback, a hop count, an address or subnet list, true or false');
  return raw;
};

const email = (raw: string): string => {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw)) throw new Error('must be an email address');
  return raw.toLowerCase();
};

const secret = (raw: string): string => {
  if (raw.length < 32) throw new Error('must be at least 32 characters long');
  return raw;
};

const password = (raw: string): string => {
  if (raw.length < 10) throw new Error('must be at least 10 characters long');
  return raw;
};

const cron = (raw: string): string => {
  const fields = raw.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.every((f) => /^[\d*,/-]+$/.test(f)))
    throw new Error('must be a cron expression of five numeric fields, e.g. 0 3 * * *');
  return fields.join(' ');
};

/** The single list of variables: parsing, defaults and the README's configuration table. */
export const VARIABLES = [
  v({
    name: 'NODE_ENV',
    key: 'nodeEnv',
    default: 'development',
    description:
      '`development`, `production` or `test`. Production refuses to start without `KENESH_JWT_SECRET`.',
    parse: oneOf<NodeEnv>('development', 'production', 'test'),
  }),
  v({
    name: 'PORT',
    key: 'port',
    default: '3000',
    description: 'HTTP port of the API and its docs.',
    parse: integer(0, 65535),
  }),
  v({
    name: 'HOST',
    key: 'host',
    default: '0.0.0.0',
    description: 'Address to listen on.',
    parse: text,
  }),
  v({
    name: 'DATABASE_URL',
    key: 'databaseUrl',
    description:
      'PostgreSQL to use. Unset: an embedded PostgreSQL is started with its files under `KENESH_DATA_DIR`.',
    sensitive: true,
    parse: postgresUrl,
  }),
  v({
    name: 'KENESH_DATA_DIR',
    key: 'dataDir',
    default: './.data',
    description:
      'Where the embedded PostgreSQL keeps its files and the development JWT secret is kept. Survives restarts.',
    parse: (raw) => resolve(raw),
  }),
  v({
    name: 'KENESH_EMBEDDED_PG_PORT',
    key: 'embeddedPgPort',
    default: '54329',
    description:
      'Port of the embedded PostgreSQL (localhost only). Ignored when `DATABASE_URL` is set.',
    parse: integer(1, 65535),
  }),
  v({
    name: 'KENESH_MIGRATIONS_RUN',
    key: 'migrationsRun',
    default: 'true',
    description:
      'Apply pending migrations at start. Turn off when migrations are run as a separate deploy step (`npm run migration:run`).',
    parse: boolean,
  }),
  v({
    name: 'KENESH_JWT_SECRET',
    key: 'jwtSecret',
    description:
      'Secret that signs access tokens, at least 32 characters. Required in production; in development one is generated once and kept in `KENESH_DATA_DIR/jwt-secret`.',
    sensitive: true,
    parse: secret,
  }),
  v({
    name: 'KENESH_ACCESS_TOKEN_TTL',
    key: 'accessTokenTtlSeconds',
    default: '900',
    description: 'Lifetime of an access token, in seconds.',
    parse: integer(30, 86400),
  }),
  v({
    name: 'KENESH_REFRESH_TOKEN_TTL',
    key: 'refreshTokenTtlSeconds',
    default: '2592000',
    description: 'Lifetime of a refresh token (one login), in seconds; 30 days by default.',
    parse: integer(60, 31536000),
  }),
  v({
    name: 'KENESH_CORS_ORIGINS',
    key: 'corsOrigins',
    default: '',
    description:
      'Comma-separated list of browser origins allowed to call the API (`*` for any). Empty: no cross-origin access.',
    parse: origins,
  }),
  v({
    name: 'KENESH_TRUST_PROXY',
    key: 'trustProxy',
    default: 'loopback',
    description:
      'Which proxies may set `X-Forwarded-For` (Express `trust proxy`): `loopback`, an address or subnet list like `10.0.0.0/8`, a hop count, `true` or `false`. Decides the client address that rate limits count by.',
    parse: trustProxy,
  }),
  v({
    name: 'LOG_LEVEL',
    key: 'logLevel',
    default: 'info',
    description:
      '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`. Logs are JSON lines on stdout.',
    parse: oneOf<LogLevel>('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  }),
  v({
    name: 'KENESH_BODY_LIMIT',
    key: 'bodyLimitBytes',
    default: '1mb',
    description: 'Largest JSON body accepted; larger ones get 413 `payload_too_large`.',
    parse: byteSize,
  }),
  v({
    name: 'KENESH_ADMIN_EMAIL',
    key: 'adminEmail',
    description: 'Bootstrap admin: created with role `admin` at start if no user has this email.',
    parse: email,
  }),
  v({
    name: 'KENESH_ADMIN_PASSWORD',
    key: 'adminPassword',
    description: 'Password of the bootstrap admin (at least 10 characters).',
    sensitive: true,
    parse: password,
  }),
  v({
    name: 'KENESH_RATE_LIMITS',
    key: 'rateLimits',
    default: 'on',
    description: '`off` turns every rate limit off: for benchmarks and load tests only.',
    parse: boolean,
  }),
  v({
    name: 'KENESH_LOGIN_MAX_FAILURES',
    key: 'loginMaxFailures',
    default: '5',
    description:
      'Failed logins for one account from one address before that pair gets 429 `rate_limited`; an address gets four times as many. Accounts are only slowed (docs/auth.md).',
    parse: integer(1, 1000),
  }),
  v({
    name: 'KENESH_LOGIN_LOCK_SECONDS',
    key: 'loginLockSeconds',
    default: '900',
    description:
      'How long failures are counted and a locked pair or address stays locked, in seconds.',
    parse: integer(1, 86400),
  }),
  v({
    name: 'KENESH_AUTH_RATE_PER_MINUTE',
    key: 'authRequestsPerMinute',
    default: '30',
    description:
      'Requests per minute one address may make to `/auth/*` routes, counted over all nodes.',
    parse: integer(1, 100000),
  }),
  v({
    name: 'KENESH_RESET_CODE_TTL',
    key: 'resetCodeTtlSeconds',
    default: '1800',
    description:
      'Lifetime of a password reset code issued by a facilitator or admin, in seconds; 30 minutes by default.',
    parse: integer(60, 86400),
  }),
  v({
    name: 'KENESH_RESET_CODE_MAX_ATTEMPTS',
    key: 'resetCodeMaxAttempts',
    default: '5',
    description: 'Wrong tries after which a password reset code dies and a new one must be issued.',
    parse: integer(1, 100),
  }),
  v({
    name: 'KENESH_ESCALATION_RESPONSE_DAYS',
    key: 'escalationResponseDays',
    default: '30',
    description:
      'Days an authority has to answer an escalation when no `responseDueAt` is given; past it the escalation is overdue.',
    parse: integer(1, 3650),
  }),
  v({
    name: 'KENESH_REALTIME_ADAPTER',
    key: 'realtimeAdapter',
    description:
      'How socket.io events reach clients on other nodes: `postgres` (LISTEN/NOTIFY on the same database; no extra service), `redis` (sharded pub/sub on `REDIS_URL`) or `memory` (one node only). Default: `redis` when `REDIS_URL` is set, otherwise `postgres`. See docs/realtime.md for when to switch.',
    parse: oneOf<RealtimeAdapterKind>('postgres', 'redis', 'memory'),
  }),
  v({
    name: 'REDIS_URL',
    key: 'redisUrl',
    description:
      'Redis (7 or newer) for the real-time adapter and the request limits, e.g. `redis://127.0.0.1:6379`. Unset: nothing uses Redis.',
    sensitive: true,
    parse: redisUrl,
  }),
  v({
    name: 'KENESH_REDIS_CHANNEL_PREFIX',
    key: 'redisChannelPrefix',
    default: 'kenesh-rt',
    description:
      'Prefix of the Redis channels the nodes talk on. Nodes with the same prefix on one Redis form one cluster; give each deployment sharing a Redis its own.',
    parse: (raw: string) => {
      if (!/^[A-Za-z0-9._:-]{1,64}$/.test(raw))
        throw new Error('must be 1 to 64 letters, digits, dots, colons, dashes or underscores');
      return raw;
    },
  }),
  v({
    name: 'KENESH_REDIS_CONNECT_TIMEOUT_SECONDS',
    key: 'redisConnectTimeoutSeconds',
    default: '10',
    description:
      'How long a starting node waits for Redis (with the Redis adapter) before it gives up and exits.',
    parse: integer(1, 300),
  }),
  v({
    name: 'KENESH_BACKUP_DIR',
    key: 'backupDir',
    description:
      'Where `npm run backup` (without `--out`) and the scheduled backup write. Default: `KENESH_DATA_DIR/backups`.',
    parse: (raw) => resolve(raw),
  }),
  v({
    name: 'KENESH_BACKUP_KEEP',
    key: 'backupKeep',
    default: '7',
    description:
      'How many backups to keep in the backup folder; older ones are removed after each new one.',
    parse: integer(1, 1000),
  }),
  v({
    name: 'KENESH_BACKUP_CRON',
    key: 'backupCron',
    description:
      'When the hub backs itself up, as a cron expression in UTC (e.g. `0 3 * * *`: daily at 03:00); once per cluster. Unset: never.',
    parse: cron,
  }),
  v({
    name: 'KENESH_SHUTDOWN_TIMEOUT_SECONDS',
    key: 'shutdownTimeoutSeconds',
    default: '20',
    description:
      "On SIGTERM or SIGINT, how long requests already accepted may take to finish before the rest are cut off; closing the pool and the embedded database follows. Keep it below the orchestrator's kill grace period.",
    parse: integer(1, 600),
  }),
  v({
    name: 'KENESH_COMPRESSION',
    key: 'compression',
    default: 'on',
    description:
      'Compress answers (brotli or gzip, as the client accepts) larger than `KENESH_COMPRESSION_THRESHOLD`. `off` when a reverse proxy compresses them (docs/ops/wire.md).',
    parse: boolean,
  }),
  v({
    name: 'KENESH_COMPRESSION_THRESHOLD',
    key: 'compressionThresholdBytes',
    default: '1kb',
    description: 'Answers smaller than this go out uncompressed (between 1kb and 50mb).',
    parse: byteSize,
  }),
  v({
    name: 'KENESH_WS_COMPRESSION',
    key: 'websocketCompression',
    default: 'on',
    description:
      'permessage-deflate on websocket frames of 1 KB or more (a room catch-up after a reconnect); costs about 100 KB of memory per socket that has been sent one (docs/ops/wire.md).',
    parse: boolean,
  }),
  v({
    name: 'KENESH_WEB_DIR',
    key: 'webDir',
    default: 'web/dist',
    description:
      'The built web client the hub serves at `/` (`npm run build:web` writes it; `npm start` builds it first). A relative path is taken from the project folder, not the working directory. Missing: the hub serves the API alone and warns once in the log.',
    parse: (raw) => resolve(PROJECT_ROOT, raw),
  }),
  v({
    name: 'KENESH_ATTACHMENT_MAX_IMAGE',
    key: 'attachmentMaxImageBytes',
    default: '20mb',
    description:
      'Largest photo (JPEG, PNG, WebP) accepted as an attachment; larger: 413 `payload_too_large` (docs/attachments.md).',
    parse: fileSize,
  }),
  v({
    name: 'KENESH_ATTACHMENT_MAX_DOCUMENT',
    key: 'attachmentMaxDocumentBytes',
    default: '25mb',
    description: 'Largest PDF accepted as an attachment.',
    parse: fileSize,
  }),
  v({
    name: 'KENESH_ATTACHMENT_MAX_AUDIO',
    key: 'attachmentMaxAudioBytes',
    default: '20mb',
    description:
      'Largest voice note (Opus in WebM or Ogg, AAC in MP4) accepted. The largest of the three limits is the largest tus upload.',
    parse: fileSize,
  }),
  v({
    name: 'KENESH_UPLOAD_QUOTA_USER',
    key: 'uploadQuotaUserBytes',
    default: '2gb',
    description:
      'Bytes one user may keep in files (attachments and uploads in progress); past it a new upload gets 413 `payload_too_large`.',
    parse: fileSize,
  }),
  v({
    name: 'KENESH_UPLOAD_QUOTA_ORGANISATION',
    key: 'uploadQuotaOrganisationBytes',
    default: '20gb',
    description:
      'Bytes the members of one organisation may keep in files together; checked for each organisation of the uploader.',
    parse: fileSize,
  }),
  v({
    name: 'KENESH_ATTACHMENTS_PER_ITEM',
    key: 'attachmentsPerItem',
    default: '10',
    description: 'Most files one issue, comment, answer or message may carry.',
    parse: integer(1, 100),
  }),
  v({
    name: 'KENESH_FILE_URL_TTL',
    key: 'fileUrlTtlSeconds',
    default: '300',
    description:
      'Seconds a signed file URL (`/api/v1/files/…`) lives at least; expiries are rounded up to slots of this length so a URL stays the same, and cacheable, for a while (it lives up to twice this).',
    parse: integer(1, 86400),
  }),
  v({
    name: 'KENESH_FILE_URL_SECRET',
    key: 'fileUrlSecret',
    description:
      'Key that signs file URLs, at least 32 characters. Unset: derived from `KENESH_JWT_SECRET`.',
    sensitive: true,
    parse: secret,
  }),
  v({
    name: 'KENESH_IMAGE_MAX_PIXELS',
    key: 'imageMaxPixels',
    default: '50000000',
    description:
      'Largest photo, in pixels, that is decoded at all; larger ones are refused (a guard against decompression bombs).',
    parse: integer(1, 1_000_000_000),
  }),
  v({
    name: 'KENESH_ATTACHMENT_GRACE_DAYS',
    key: 'attachmentGraceDays',
    default: '7',
    description: "Days a deleted item's files are kept before the sweep removes them from storage.",
    parse: integer(0, 3650),
  }),
  v({
    name: 'KENESH_ATTACHMENT_SWEEP_CRON',
    key: 'attachmentSweepCron',
    default: '23 * * * *',
    description:
      'When the attachment sweep runs (UTC cron, once per cluster): unfinished uploads and unattached files older than 24 hours, files of deleted items past the grace period, unreferenced bytes.',
    parse: cron,
  }),
  v({
    name: 'KENESH_PUBLIC_SURVEY_RATE_PER_MINUTE',
    key: 'publicSurveyRatePerMinute',
    default: '60',
    description:
      'Requests per minute one address may make to the public survey routes (`/public/surveys/*`, links for residents without an account), counted over all nodes.',
    parse: integer(1, 100000),
  }),
  v({
    name: 'KENESH_SURVEY_MARK_SECRET',
    key: 'surveyMarkSecret',
    description:
      "Key of the marks that let a signed-in person answer an anonymous survey once without the answer being linked to them (HMAC-SHA256), at least 32 characters. Unset: a key made at first use and kept in the database's `survey_secrets` table (docs/surveys.md).",
    sensitive: true,
    parse: secret,
  }),
] as const;

/** The folder of default backups. */
export function backupDir(config: AppConfig): string {
  return config.backupDir ?? join(config.dataDir, 'backups');
}

function v<K extends keyof AppConfig>(variable: Variable<K>): Variable<K> {
  return variable;
}

/** Reads and validates the environment; every bad variable is named in one error. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const config: Partial<Record<keyof AppConfig, unknown>> = {};
  for (const variable of VARIABLES) {
    const raw = env[variable.name];
    const value = raw === undefined || raw === '' ? variable.default : raw;
    if (value === undefined) continue;
    try {
      config[variable.key] = variable.parse(value);
    } catch (error) {
      problems.push(`${variable.name} ${(error as Error).message}`);
    }
  }
  if (config.adminEmail && !config.adminPassword) {
    problems.push('KENESH_ADMIN_PASSWORD must be set when KENESH_ADMIN_EMAIL is set');
  }
  if (!config.jwtSecret && config.nodeEnv === 'production') {
    problems.push('KENESH_JWT_SECRET must be set in production (at least 32 characters)');
  }
  if (config.realtimeAdapter === undefined) {
    config.realtimeAdapter = config.redisUrl ? 'redis' : 'postgres';
  } else if (config.realtimeAdapter === 'redis' && !env.REDIS_URL) {
    problems.push('REDIS_URL must be set when KENESH_REALTIME_ADAPTER is redis');
  }
  if (problems.length) throw new ConfigError(problems);
  const result = config as AppConfig;
  if (!result.jwtSecret) result.jwtSecret = developmentSecret(result.dataDir);
  return result;
}

/** A development secret is made once and kept, so tokens survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(48).toString('base64url');
  writeFileSync(file, value, { mode: 0o600 });
  chmodSync(file, 0o600);
  return value;
}

/** Values safe to log: sensitive ones are masked. */
export function describeConfig(config: AppConfig): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const variable of VARIABLES) {
    const value = config[variable.key];
    shown[variable.name] = variable.sensitive && value !== undefined ? '[redacted]' : value;
  }
  return shown;
}
