import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppError } from '../errors/app-error.js';

/** `?cursor=&limit=` on every list route (limit default 20, max 100). */
export class PageQueryDto {
  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cursor values are the sort key of the last row, base64url JSON; opaque to clients. */
export function encodeCursor(values: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export type CursorPart = 'string' | 'uuid' | 'number' | 'time';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A timestamp as this API writes them into cursors: ISO 8601 with a zone, up to microseconds. */
const TIME = /^(19|2\d)\d{2}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

function isCursorTime(value: string): boolean {
  if (!TIME.test(value) || Number.isNaN(Date.parse(value))) return false;
  // Date.parse rolls 2025-02-30 over into March: check the calendar day exists.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

function fits(value: unknown, part: CursorPart): boolean {
  if (part === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (part === 'time') return typeof value === 'string' && isCursorTime(value);
  if (typeof value !== 'string' || value.length > 500) return false;
  return part === 'string' || UUID.test(value);
}

/**
 * Decodes a cursor whose values must have the given shape (e.g. `['string', 'uuid']` for a
 * name and an id). A cursor we did not issue is a 400 here, never a type error in SQL.
 */
export function decodeCursor(
  cursor: string | undefined,
  shape: CursorPart[],
): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === shape.length &&
      values.every((v, i) => fits(v, shape[i]))
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the validation error
  }
  throw AppError.validation([{ field: 'cursor', key: 'field.cursorForeign' }]);
}

/** Fetch `limit + 1` rows; the extra one says whether there is a next page. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => (string | number | null)[],
  view: (row: Row) => Item,
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(view),
    nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null,
  };
}

export const DEFAULT_LIMIT = 20;
