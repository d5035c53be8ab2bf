import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupDir, ConfigError, describeConfig, loadConfig } from './app-config.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ KENESH_JWT_SECRET: SECRET, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({ KENESH_JWT_SECRET: SECRET });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      migrationsRun: true,
      accessTokenTtlSeconds: 900,
      bodyLimitBytes: 1024 * 1024,
      rateLimits: true,
      corsOrigins: [],
      logLevel: 'info',
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be a whole number/],
    ['DATABASE_URL', 'mysql://x@y/z', /DATABASE_URL must start with postgres/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL must be a URL/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['KENESH_RATE_LIMITS', 'maybe', /KENESH_RATE_LIMITS must be true or false/],
    ['KENESH_BODY_LIMIT', '5gb', /KENESH_BODY_LIMIT must be a size/],
    ['KENESH_CORS_ORIGINS', 'example.org', /KENESH_CORS_ORIGINS "example.org" is not an origin/],
    ['KENESH_JWT_SECRET', 'short', /KENESH_JWT_SECRET must be at least 32 characters/],
    ['KENESH_ADMIN_EMAIL', 'nobody', /KENESH_ADMIN_EMAIL must be an email/],
    ['REDIS_URL', 'http://cache:6379', /REDIS_URL must start with redis:\/\/ or rediss:\/\//],
    ['REDIS_URL', 'cache:6379', /REDIS_URL must start with redis:\/\//],
    ['REDIS_URL', 'not a url', /REDIS_URL must be a URL like redis:\/\/host:6379/],
    ['KENESH_REDIS_CHANNEL_PREFIX', 'a#b', /KENESH_REDIS_CHANNEL_PREFIX must be 1 to 64 letters/],
    ['KENESH_REDIS_CHANNEL_PREFIX', 'x'.repeat(65), /KENESH_REDIS_CHANNEL_PREFIX must be 1 to 64/],
    ['KENESH_REDIS_CONNECT_TIMEOUT_SECONDS', '0', /KENESH_REDIS_CONNECT_TIMEOUT_SECONDS must be/],
    ['KENESH_REDIS_CONNECT_TIMEOUT_SECONDS', '2.5', /KENESH_REDIS_CONNECT_TIMEOUT_SECONDS must be/],
    ['KENESH_BACKUP_CRON', 'daily', /KENESH_BACKUP_CRON must be a cron expression/],
    ['KENESH_BACKUP_CRON', '0 3 * *', /KENESH_BACKUP_CRON must be a cron expression/],
    ['KENESH_BACKUP_KEEP', '0', /KENESH_BACKUP_KEEP must be a whole number/],
    [
      'KENESH_REALTIME_ADAPTER',
      'kafka',
      /KENESH_REALTIME_ADAPTER must be one of postgres, redis, memory/,
    ],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(problemsOf({ [name]: value }).join('\n')).toMatch(message);
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'y', KENESH_ACCESS_TOKEN_TTL: '1' });
    expect(problems).toHaveLength(3);
  });

  it('requires the JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /KENESH_JWT_SECRET must be set in production/,
    );
  });

  it('requires the admin password when an admin email is given', () => {
    expect(problemsOf({ KENESH_ADMIN_EMAIL: 'admin@example.kg' }).join()).toMatch(
      /KENESH_ADMIN_PASSWORD must be set/,
    );
  });

  it('generates a development secret once and reuses it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kenesh-config-'));
    try {
      const first = loadConfig({ KENESH_DATA_DIR: dataDir });
      const second = loadConfig({ KENESH_DATA_DIR: dataDir });
      expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
      expect(second.jwtSecret).toBe(first.jwtSecret);
      expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(first.jwtSecret);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('backs up into KENESH_DATA_DIR/backups, keeps seven, and has no schedule unless asked', () => {
    const config = loadConfig({ KENESH_JWT_SECRET: SECRET, KENESH_DATA_DIR: '/srv/kenesh' });
    expect(backupDir(config)).toBe('/srv/kenesh/backups');
    expect(config.backupKeep).toBe(7);
    expect(config.backupCron).toBeUndefined();
    const set = loadConfig({
      KENESH_JWT_SECRET: SECRET,
      KENESH_BACKUP_DIR: '/mnt/usb',
      KENESH_BACKUP_CRON: ' 0  3 * * * ',
    });
    expect(backupDir(set)).toBe('/mnt/usb');
    expect(set.backupCron).toBe('0 3 * * *');
  });

  it('finds the web client in web/dist of the project folder, whatever the working directory', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const here = process.cwd();
    try {
      process.chdir(tmpdir());
      expect(loadConfig({ KENESH_JWT_SECRET: SECRET }).webDir).toBe(join(root, 'web/dist'));
      expect(loadConfig({ KENESH_JWT_SECRET: SECRET, KENESH_WEB_DIR: 'build/web' }).webDir).toBe(
        join(root, 'build/web'),
      );
      expect(loadConfig({ KENESH_JWT_SECRET: SECRET, KENESH_WEB_DIR: '/srv/web' }).webDir).toBe(
        '/srv/web',
      );
    } finally {
      process.chdir(here);
    }
  });

  it('parses lists, sizes and switches', () => {
    const config = loadConfig({
      KENESH_JWT_SECRET: SECRET,
      KENESH_CORS_ORIGINS: 'https://kenesh.kg, http://localhost:5173',
      KENESH_BODY_LIMIT: '512kb',
      KENESH_RATE_LIMITS: 'off',
      KENESH_ADMIN_EMAIL: 'Admin@Example.KG',
      KENESH_ADMIN_PASSWORD: 'long enough password',
    });
    expect(config.corsOrigins).toEqual(['https://kenesh.kg', 'http://localhost:5173']);
    expect(config.bodyLimitBytes).toBe(512 * 1024);
    expect(config.rateLimits).toBe(false);
    expect(config.adminEmail).toBe('admin@example.kg');
  });

  describe('the real-time adapter', () => {
    const adapterOf = (env: Record<string, string>) =>
      loadConfig({ KENESH_JWT_SECRET: SECRET, ...env }).realtimeAdapter;

    it('is postgres without REDIS_URL, and redis with it', () => {
      const plain = loadConfig({ KENESH_JWT_SECRET: SECRET });
      expect(plain.realtimeAdapter).toBe('postgres');
      expect(plain.redisUrl).toBeUndefined();
      const withRedis = loadConfig({
        KENESH_JWT_SECRET: SECRET,
        REDIS_URL: 'redis://127.0.0.1:6379',
      });
      expect(withRedis.realtimeAdapter).toBe('redis');
      expect(withRedis.redisUrl).toBe('redis://127.0.0.1:6379');
    });

    it('counts an empty REDIS_URL as unset', () => {
      expect(adapterOf({ REDIS_URL: '' })).toBe('postgres');
      expect(adapterOf({ REDIS_URL: '', KENESH_REALTIME_ADAPTER: '' })).toBe('postgres');
    });

    it('takes an explicit KENESH_REALTIME_ADAPTER over the default REDIS_URL implies', () => {
      const redisUrl = 'redis://cache:6379';
      expect(adapterOf({ REDIS_URL: redisUrl, KENESH_REALTIME_ADAPTER: 'postgres' })).toBe(
        'postgres',
      );
      expect(adapterOf({ REDIS_URL: redisUrl, KENESH_REALTIME_ADAPTER: 'memory' })).toBe('memory');
      expect(adapterOf({ REDIS_URL: redisUrl, KENESH_REALTIME_ADAPTER: 'redis' })).toBe('redis');
      expect(adapterOf({ KENESH_REALTIME_ADAPTER: 'memory' })).toBe('memory');
    });

    it('accepts rediss:// with a user and password, kept as given', () => {
      const url = 'rediss://kenesh:p%40ss@cache.example.kg:6380/2';
      const config = loadConfig({ KENESH_JWT_SECRET: SECRET, REDIS_URL: url });
      expect(config.redisUrl).toBe(url);
      expect(config.realtimeAdapter).toBe('redis');
    });

    it('refuses KENESH_REALTIME_ADAPTER=redis without REDIS_URL, with the other problems', () => {
      expect(problemsOf({ KENESH_REALTIME_ADAPTER: 'redis' })).toEqual([
        'REDIS_URL must be set when KENESH_REALTIME_ADAPTER is redis',
      ]);
      expect(problemsOf({ KENESH_REALTIME_ADAPTER: 'redis', REDIS_URL: '', PORT: 'x' })).toEqual([
        expect.stringMatching(/^PORT /),
        'REDIS_URL must be set when KENESH_REALTIME_ADAPTER is redis',
      ]);
      expect(() =>
        loadConfig({ KENESH_JWT_SECRET: SECRET, KENESH_REALTIME_ADAPTER: 'redis' }),
      ).toThrow(ConfigError);
    });

    it('names a malformed REDIS_URL when the redis adapter is asked for, and only that', () => {
      expect(
        problemsOf({ KENESH_REALTIME_ADAPTER: 'redis', REDIS_URL: 'http://cache:6379' }),
      ).toEqual(['REDIS_URL must start with redis:// or rediss://']);
    });

    it('takes the channel prefix and connect timeout, with their defaults', () => {
      const defaults = loadConfig({ KENESH_JWT_SECRET: SECRET });
      expect(defaults.redisChannelPrefix).toBe('kenesh-rt');
      expect(defaults.redisConnectTimeoutSeconds).toBe(10);
      const set = loadConfig({
        KENESH_JWT_SECRET: SECRET,
        KENESH_REDIS_CHANNEL_PREFIX: 'kenesh-staging.v2',
        KENESH_REDIS_CONNECT_TIMEOUT_SECONDS: '3',
      });
      expect(set.redisChannelPrefix).toBe('kenesh-staging.v2');
      expect(set.redisConnectTimeoutSeconds).toBe(3);
    });
  });

  it('masks REDIS_URL when describing itself, and shows the adapter', () => {
    const shown = describeConfig(
      loadConfig({
        KENESH_JWT_SECRET: SECRET,
        REDIS_URL: 'rediss://kenesh:s3cret-redis-pass@cache.example.kg:6380',
      }),
    );
    expect(shown.REDIS_URL).toBe('[redacted]');
    expect(shown.KENESH_REALTIME_ADAPTER).toBe('redis');
    expect(JSON.stringify(shown)).not.toContain('s3cret-redis-pass');
    const without = describeConfig(loadConfig({ KENESH_JWT_SECRET: SECRET }));
    expect(without.REDIS_URL).toBeUndefined();
    expect(without.KENESH_REALTIME_ADAPTER).toBe('postgres');
  });

  it('never shows secrets when describing itself', () => {
    const shown = describeConfig(
      loadConfig({
        KENESH_JWT_SECRET: SECRET,
        DATABASE_URL: 'postgres://kenesh:hunter2@db:5432/kenesh',
        KENESH_ADMIN_EMAIL: 'a@b.kg',
        KENESH_ADMIN_PASSWORD: 'long enough password',
      }),
    );
    const text = JSON.stringify(shown);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('long enough password');
    expect(shown.KENESH_JWT_SECRET).toBe('[redacted]');
  });
});
