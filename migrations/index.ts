import type { MigrationInterface } from 'typeorm';
import { Init1795557951117 } from './1795557951117-Init.js';

/**
 * Every migration, oldest first. `npm run migration:generate -- Name` adds new ones here;
 * listing them (rather than a glob) keeps ESM loading and bundling predictable.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Init1795557951117,
];
