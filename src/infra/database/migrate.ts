import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';

/** Any fixed number: every node takes the same advisory lock before migrating. */
const MIGRATION_LOCK = 4_261_730;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so several nodes
 * starting at once on a shared database migrate one after another instead of racing
 * (TypeORM's runner takes no lock of its own).
 */
export async function migrateWithLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** At start (unless KENESH_MIGRATIONS_RUN=false), before any module serves a request. */
@Injectable()
export class MigrationsOnStart implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.migrationsRun) return;
    const applied = await migrateWithLock(this.dataSource);
    if (applied.length) this.logger.log({ event: 'migrations_applied', migrations: applied });
  }
}
