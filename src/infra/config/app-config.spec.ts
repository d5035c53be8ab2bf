import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, describeConfig, loadConfig } from './app-config.js';

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
    const first = loadConfig({ KENESH_DATA_DIR: dataDir });
    const second = loadConfig({ KENESH_DATA_DIR: dataDir });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(first.jwtSecret);
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
