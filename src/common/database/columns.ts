import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** `created_at timestamptz default now()`, the same in every table. */
export const CreatedAt = (): PropertyDecorator =>
  CreateDateColumn({ name: 'created_at', type: 'timestamptz' });

/**
 * Millisecond precision, for columns used as keyset cursors: a JavaScript Date holds
 * milliseconds, so a microsecond value would not survive the round trip through a cursor.
 */
export const CreatedAtMs = (): PropertyDecorator =>
  CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 });

export const UpdatedAt = (): PropertyDecorator =>
  UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' });

/** `updated_at` at millisecond precision, for a list ordered by activity (see CreatedAtMs). */
export const UpdatedAtMs = (): PropertyDecorator =>
  UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 });

/** SQL `IN (...)` list for CHECK constraints built from a TypeScript tuple of values. */
export function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}
