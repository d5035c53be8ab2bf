import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config.js';
import { createDataSource, pendingSchemaChanges, type SchemaQuery } from './data-source.js';
import { resolveDatabase } from './database-url.js';
import { migrateWithLock } from './migrate.js';
import { cliLog } from './cli-log.js';

/**
 * `node dist/src/infra/database/migration-cli.js run|revert|show|check|generate <Name>`.
 * Works against `DATABASE_URL`, or starts the embedded server the app would use.
 */
const USAGE = 'usage: migration-cli run | revert | show | check | generate <Name>';

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  if (!command || !['run', 'revert', 'show', 'check', 'generate'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  if (command === 'generate' && !(name && /^[A-Z][A-Za-z0-9]*$/.test(name))) {
    console.error('generate needs a PascalCase name, e.g. npm run migration:generate -- AddIssues');
    return 2;
  }
  const config = loadConfig();
  const database = await resolveDatabase(config);
  const dataSource = createDataSource(database.url);
  try {
    await dataSource.initialize();
    switch (command) {
      case 'run': {
        cliLog({ event: 'migrations_applied', migrations: await migrateWithLock(dataSource) });
        return 0;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        cliLog({ event: 'migration_reverted' });
        return 0;
      case 'show': {
        const executed = new Set(
          (
            (await dataSource.query(`SELECT name FROM "migrations"`).catch(() => [])) as {
              name: string;
            }[]
          ).map((r) => r.name),
        );
        const all = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
        const pending = all.filter((name) => !executed.has(name));
        cliLog({ event: 'migrations', applied: all.filter((name) => executed.has(name)), pending });
        return pending.length ? 1 : 0;
      }
      case 'check': {
        const { up } = await pendingSchemaChanges(dataSource);
        cliLog({ event: 'schema_drift', statements: up.map((q) => q.query) });
        return up.length ? 1 : 0;
      }
      case 'generate':
        return await generate(dataSource, name);
    }
    return 2;
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await database.embedded?.stop();
  }
}

async function generate(
  dataSource: ReturnType<typeof createDataSource>,
  name: string,
): Promise<number> {
  if (await dataSource.showMigrations()) {
    console.error(
      'Apply pending migrations first (npm run migration:run): a diff against an old schema would repeat them.',
    );
    return 1;
  }
  const { up, down } = await pendingSchemaChanges(dataSource);
  if (!up.length) {
    cliLog({ event: 'migration_not_needed', detail: 'entities and migrations already agree' });
    return 0;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const folder = join(process.cwd(), 'migrations');
  await mkdir(folder, { recursive: true });
  const file = `${timestamp}-${name}.ts`;
  const body = [
    "import type { MigrationInterface, QueryRunner } from 'typeorm';",
    '',
    `export class ${className} implements MigrationInterface {`,
    `  name = '${className}';`,
    '',
    '  public async up(queryRunner: QueryRunner): Promise<void> {',
    ...up.map(statement),
    '  }',
    '',
    '  public async down(queryRunner: QueryRunner): Promise<void> {',
    ...[...down].reverse().map(statement),
    '  }',
    '}',
    '',
  ].join('\n');
  await writeFile(join(folder, file), await formatted(body, join(folder, file)));
  await registerMigration(join(folder, 'index.ts'), className, file.replace(/\.ts$/, '.js'));
  cliLog({ event: 'migration_generated', file: `migrations/${file}`, statements: up.length });
  return 0;
}

function statement({ query, parameters }: SchemaQuery): string {
  const args = parameters?.length ? `, ${JSON.stringify(parameters)}` : '';
  return `    await queryRunner.query(${JSON.stringify(query)}${args});`;
}

/** Adds the new class to `migrations/index.ts`, keeping the list in order. */
async function registerMigration(
  indexFile: string,
  className: string,
  moduleFile: string,
): Promise<void> {
  let source = await readFile(indexFile, 'utf8');
  source = source.replace(
    /^(import type \{ MigrationInterface \} from 'typeorm';\n)/m,
    `$1import { ${className} } from './${moduleFile}';\n`,
  );
  source = source.replace(
    /(= \[)([^\]]*)(\];)/s,
    (_all, open: string, items: string, close: string) => {
      const list = items
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      list.push(className);
      return `${open}\n  ${list.join(',\n  ')},\n${close}`;
    },
  );
  await writeFile(indexFile, source);
}

/** Generated code goes through prettier when it is installed (a development checkout). */
async function formatted(source: string, filepath: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const options = await prettier.resolveConfig(filepath);
    return await prettier.format(source, { ...options, filepath });
  } catch {
    return source;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
