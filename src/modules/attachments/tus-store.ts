import { Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataStore, ERRORS, Upload as TusUpload } from '@tus/utils';
import type { DataSource } from 'typeorm';
import { BlobStore, piecesOf } from './blob-store.js';
import { uploadCall } from './upload-context.js';
import { Upload } from './upload.entity.js';

/** A tus protocol error (status and text tus answers with) as a real Error. */
function tusError(error: { status_code: number; body: string }): Error {
  return Object.assign(new Error(error.body.trim()), error);
}

/** Unfinished uploads older than this are gone (410 from tus, then swept). */
export const UPLOAD_EXPIRY_MS = 24 * 60 * 60 * 1000;

/**
 * A tus DataStore whose whole state is in PostgreSQL (an `uploads` row and its blob's
 * chunks), so any node can take any request of an upload. Each piece is stored in one
 * transaction together with the new offset, guarded by the offset it expects: two writers
 * racing on one upload (two nodes, each with its own tus lock) cannot interleave bytes; the
 * loser gets 409 and asks for the offset again, as tus says.
 */
export class PostgresTusStore extends DataStore {
  private readonly logger = new Logger('Uploads');

  constructor(
    private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
  ) {
    super();
    this.extensions = ['creation', 'creation-with-upload', 'termination', 'expiration'];
  }

  override async create(upload: TusUpload): Promise<TusUpload> {
    const call = uploadCall.getStore();
    if (!call) throw new Error('a tus upload created outside a request');
    if (upload.size === undefined) throw tusError(ERRORS.INVALID_LENGTH);
    const created = await this.dataSource.transaction(async (manager) => {
      const blobId = await this.blobs.create(manager);
      return manager.save(
        manager.create(Upload, {
          id: upload.id,
          uploaderId: call.user.id,
          blobId,
          length: upload.size,
          offset: 0,
          metadata: upload.metadata ?? {},
        }),
      );
    });
    upload.creation_date = created.createdAt.toISOString();
    this.logger.log({ event: 'upload_created', uploadId: upload.id, length: upload.size });
    return upload;
  }

  override async getUpload(id: string): Promise<TusUpload> {
    const row = await this.find(id);
    return new TusUpload({
      id: row.id,
      size: row.length,
      offset: row.offset,
      metadata: row.metadata,
      creation_date: row.createdAt.toISOString(),
    });
  }

  override async write(stream: Readable, id: string, offset: number): Promise<number> {
    const row = await this.find(id);
    let size = offset;
    for await (const piece of piecesOf(stream as AsyncIterable<Buffer>, offset)) {
      if (size + piece.length > row.length) throw tusError(ERRORS.ERR_SIZE_EXCEEDED);
      if (!(await this.blobs.appendToUpload(id, size, piece)))
        throw tusError(ERRORS.INVALID_OFFSET);
      size += piece.length;
    }
    return size;
  }

  override async remove(id: string): Promise<void> {
    const row = await this.find(id);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(Upload, { id });
      await this.blobs.dropIfUnused(manager, row.blobId);
    });
    this.logger.log({ event: 'upload_terminated', uploadId: id });
  }

  override getExpiration(): number {
    return UPLOAD_EXPIRY_MS;
  }

  /** The sweep job removes expired uploads (AttachmentsSweep); tus itself never calls this. */
  override deleteExpired(): Promise<number> {
    return Promise.resolve(0);
  }

  private async find(id: string): Promise<Upload> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw tusError(ERRORS.FILE_NOT_FOUND);
    const row = await this.dataSource.manager.findOneBy(Upload, { id });
    if (!row) throw tusError(ERRORS.FILE_NOT_FOUND);
    return row;
  }
}
