import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Size of one stored piece. Big enough that a 10 MB file is 20 rows and each round trip
 * carries real work; small enough that the memory a transfer holds (one piece per upload or
 * download in flight) stays flat however many run at once.
 */
export const CHUNK_BYTES = 512 * 1024;

/**
 * Bytes in PostgreSQL: `file_blobs` rows and their `file_chunks` (docs/attachments.md).
 * Written piece by piece as an upload arrives, read piece by piece as a download goes out;
 * a whole file is never in memory here. Content is kept once per SHA-256.
 */
@Injectable()
export class BlobStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An empty blob, for an upload to fill. */
  async create(manager: EntityManager): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      'INSERT INTO "file_blobs" DEFAULT VALUES RETURNING "id"',
    );
    return row.id;
  }

  /**
   * Appends a piece to an upload's blob, in one statement (one round trip, atomic): the
   * upload's offset moves only if it is `offset`, and the piece goes in with it, as a new row
   * or extending the partial last one. False when the offset was not `offset` (another
   * writer got there first): nothing is written. `piece` must not cross a CHUNK_BYTES
   * boundary (see `piecesOf`).
   */
  async appendToUpload(uploadId: string, offset: number, piece: Buffer): Promise<boolean> {
    if ((offset % CHUNK_BYTES) + piece.length > CHUNK_BYTES)
      throw new Error('a piece may not cross a boundary');
    const rows = await this.dataSource.query<unknown[]>(
      `WITH moved AS (
         UPDATE "uploads" SET "offset" = "offset" + $3 WHERE "id" = $1 AND "offset" = $2
         RETURNING "blob_id")
       INSERT INTO "file_chunks" ("blob_id", "seq", "data")
       SELECT "blob_id", $4, $5 FROM moved
       ON CONFLICT ("blob_id", "seq") DO UPDATE SET "data" = "file_chunks"."data" || EXCLUDED."data"
       RETURNING 1`,
      [uploadId, offset, piece.length, Math.floor(offset / CHUNK_BYTES), piece],
    );
    return rows.length > 0;
  }

  /**
   * Bytes `start` to `end` (inclusive) of a blob, read one piece per query as the consumer
   * asks for them (back-pressure: a slow 3G reader holds one piece, not the file).
   */
  read(blobId: string, start: number, end: number): Readable {
    const dataSource = this.dataSource;
    async function* pieces(): AsyncGenerator<Buffer> {
      if (end < start) return;
      const first = Math.floor(start / CHUNK_BYTES);
      const last = Math.floor(end / CHUNK_BYTES);
      for (let seq = first; seq <= last; seq += 1) {
        const from = seq === first ? start - seq * CHUNK_BYTES : 0;
        const to = seq === last ? end - seq * CHUNK_BYTES : CHUNK_BYTES - 1;
        const rows = await dataSource.query<{ data: Buffer }[]>(
          `SELECT substring("data" FROM $3 FOR $4) AS "data" FROM "file_chunks"
            WHERE "blob_id" = $1 AND "seq" = $2`,
          [blobId, seq, from + 1, to - from + 1],
        );
        if (!rows.length) throw new Error(`blob ${blobId} has no piece ${seq}`);
        yield rows[0].data;
      }
    }
    return Readable.from(pieces(), { objectMode: false, highWaterMark: 1 });
  }

  /** The SHA-256 (hex) of a blob's first `size` bytes, streamed. */
  async sha256(blobId: string, size: number): Promise<string> {
    const hash = createHash('sha256');
    for await (const piece of this.read(blobId, 0, size - 1)) hash.update(piece as Buffer);
    return hash.digest('hex');
  }

  /**
   * Gives a filled blob its hash. When that content is stored already the existing blob is
   * answered instead (the caller then drops its own, see `dropIfUnused`). Its own statement,
   * outside any transaction, so that losing a race on the unique hash is a retry, not an
   * aborted transaction.
   */
  async seal(blobId: string, sha256: string): Promise<string> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const existing = await this.dataSource.query<{ id: string }[]>(
        'SELECT "id" FROM "file_blobs" WHERE "sha256" = $1',
        [sha256],
      );
      if (existing.length) return existing[0].id;
      try {
        await this.dataSource.query(
          `UPDATE "file_blobs" SET "sha256" = $2,
                  "size" = (SELECT coalesce(sum(length("data")), 0) FROM "file_chunks" WHERE "blob_id" = $1)
            WHERE "id" = $1`,
          [blobId, sha256],
        );
        return blobId;
      } catch (error) {
        if ((error as { code?: string }).code !== '23505') throw error;
      }
    }
    throw new Error(`could not seal blob ${blobId}`);
  }

  /**
   * Stores bytes already in memory (a photo's re-encoded versions: bounded by the pixel limit)
   * as a sealed blob, or answers the blob that already holds them.
   */
  async storeBuffer(data: Buffer): Promise<{ id: string; sha256: string }> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const id = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager.query<{ id: string }[]>(
        `INSERT INTO "file_blobs" ("sha256", "size") VALUES ($1, $2)
         ON CONFLICT ("sha256") WHERE "sha256" IS NOT NULL DO NOTHING RETURNING "id"`,
        [sha256, data.length],
      );
      if (!inserted.length) {
        const [existing] = await manager.query<{ id: string }[]>(
          'SELECT "id" FROM "file_blobs" WHERE "sha256" = $1',
          [sha256],
        );
        return existing.id;
      }
      const blobId = inserted[0].id;
      for (let seq = 0; seq * CHUNK_BYTES < data.length; seq += 1) {
        await manager.query(
          'INSERT INTO "file_chunks" ("blob_id", "seq", "data") VALUES ($1, $2, $3)',
          [blobId, seq, data.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES)],
        );
      }
      return blobId;
    });
    return { id, sha256 };
  }

  /** Removes a blob nobody points to any more (an upload's, once its content found a home). */
  async dropIfUnused(manager: EntityManager, blobId: string): Promise<void> {
    await manager.query(`DELETE FROM "file_blobs" b WHERE b."id" = $1 AND ${UNREFERENCED}`, [
      blobId,
    ]);
  }
}

/** No upload and no attachment (in any of its variants) points to blob `b`. */
export const UNREFERENCED = `NOT EXISTS (SELECT 1 FROM "uploads" u WHERE u."blob_id" = b."id")
  AND NOT EXISTS (SELECT 1 FROM "attachments" a WHERE a."blob_id" = b."id")
  AND NOT EXISTS (SELECT 1 FROM "attachments" a WHERE a."display_blob_id" = b."id")
  AND NOT EXISTS (SELECT 1 FROM "attachments" a WHERE a."thumbnail_blob_id" = b."id")`;

/**
 * Cuts a stream into pieces aligned on CHUNK_BYTES boundaries, starting at `offset`: the
 * first piece fills the partial last one, the rest are whole (the final one may be short).
 * Holds at most one piece.
 */
export async function* piecesOf(
  source: AsyncIterable<Buffer>,
  offset: number,
): AsyncGenerator<Buffer> {
  let size = offset;
  let held: Buffer[] = [];
  let heldBytes = 0;
  try {
    for await (const chunk of source) {
      let rest = chunk;
      while (rest.length) {
        const room = CHUNK_BYTES - (size % CHUNK_BYTES) - heldBytes;
        if (rest.length < room) {
          held.push(rest);
          heldBytes += rest.length;
          break;
        }
        held.push(rest.subarray(0, room));
        rest = rest.subarray(room);
        const piece = Buffer.concat(held);
        held = [];
        heldBytes = 0;
        size += piece.length;
        yield piece;
      }
    }
  } catch (error) {
    // The connection dropped: keep what did arrive, so the client resumes from there.
    if (heldBytes) yield Buffer.concat(held);
    throw error;
  }
  if (heldBytes) yield Buffer.concat(held);
}
