import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';

/** One definition shared by the app, the migration CLI, seeds and the tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension has to be installed.
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    logging: false,
    applicationName: 'kenesh',
    extra: { max: 20, connectionTimeoutMillis: 5000 },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}

export interface SchemaQuery {
  query: string;
  parameters?: unknown[];
}

/** SQL that would bring the database to the entities; empty when migrations and entities agree. */
export async function pendingSchemaChanges(
  dataSource: DataSource,
): Promise<{ up: SchemaQuery[]; down: SchemaQuery[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map(({ query, parameters }) => ({ query, parameters })),
    down: log.downQueries.map(({ query, parameters }) => ({ query, parameters })),
  };
}
