import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import type { AttachmentView } from './attachment-parents.js';
import { Attachment } from './attachment.entity.js';
import { AttachmentsService } from './attachments.service.js';
import { BlobStore } from './blob-store.js';
import type { CreateAttachmentDto } from './dto/attachment.dto.js';
import {
  type Detected,
  detect,
  ImageRefused,
  inspectAudio,
  processImage,
  WEBM_HEAD_BYTES,
  webmVerdict,
} from './media.js';
import { formatBytes, UploadLimits } from './upload-limits.js';
import { Upload } from './upload.entity.js';

const FIELD = 'uploadId';
const FOREIGN_KEY_VIOLATION = '23503';

/** What a finished upload becomes: its type read from its bytes, photos re-encoded. */
interface Prepared {
  detected: Detected;
  blobId: string;
  sha256: string;
  size: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  displayBlobId: string | null;
  thumbnailBlobId: string | null;
}

/**
 * `POST /attachments`: a finished tus upload becomes an attachment. The type is decided by
 * the bytes alone (file-type, then music-metadata for audio, sharp for photos); the name and
 * the Content-Type the client sent are never asked. Posting the same upload again answers
 * the same attachment.
 */
@Injectable()
export class AttachmentIntakeService {
  private readonly logger = new Logger('Attachments');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly blobs: BlobStore,
    private readonly limits: UploadLimits,
    private readonly attachments: AttachmentsService,
  ) {}

  async create(user: AuthUser, dto: CreateAttachmentDto): Promise<AttachmentView> {
    const done = await this.existing(user, dto.uploadId);
    if (done) return done;
    const upload = await this.dataSource.manager.findOneBy(Upload, { id: dto.uploadId });
    if (!upload || upload.uploaderId !== user.id)
      throw AppError.validation([AppError.field(FIELD, 'attachments.uploadNotFound')]);
    if (upload.offset !== upload.length)
      throw AppError.validation([AppError.field(FIELD, 'attachments.uploadUnfinished')]);

    const row = await this.store(user, dto, upload);
    this.logger.log({
      event: 'attachment_created',
      attachmentId: row.id,
      kind: row.kind,
      mimeType: row.mimeType,
      size: row.size,
    });
    return this.attachments.toView(row);
  }

  /**
   * Prepares the upload and stores the attachment. Deduplication may point it at a blob the
   * sweep is deleting at that moment (it was unreferenced until now): the insert then fails on
   * its foreign key, and preparing again stores the bytes anew.
   */
  private async store(
    user: AuthUser,
    dto: CreateAttachmentDto,
    upload: Upload,
  ): Promise<Attachment> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.insert(user, dto, upload, await this.prepare(upload));
      } catch (error) {
        if (attempt >= 3 || pgCodeOf(error) !== FOREIGN_KEY_VIOLATION) throw error;
        this.logger.warn({
          event: 'attachment_blob_swept_meanwhile',
          uploadId: upload.id,
          attempt,
        });
      }
    }
  }

  private insert(
    user: AuthUser,
    dto: CreateAttachmentDto,
    upload: Upload,
    prepared: Prepared,
  ): Promise<Attachment> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Attachment)
        .values({
          uploadId: upload.id,
          uploaderId: user.id,
          kind: prepared.detected.kind,
          mimeType: prepared.detected.mimeType,
          size: prepared.size,
          sha256: prepared.sha256,
          blobId: prepared.blobId,
          displayBlobId: prepared.displayBlobId,
          thumbnailBlobId: prepared.thumbnailBlobId,
          width: prepared.width,
          height: prepared.height,
          durationSeconds: prepared.durationSeconds,
          caption: dto.caption ?? null,
          fileName: fileNameOf(upload.metadata, prepared.detected.ext),
        })
        .orIgnore()
        .returning('id')
        .execute();
      await manager.delete(Upload, { id: upload.id });
      await this.blobs.dropIfUnused(manager, upload.blobId);
      const id = (inserted.raw as { id: string }[])[0]?.id;
      return manager.findOneByOrFail(Attachment, id ? { id } : { uploadId: upload.id });
    });
  }

  /** The attachment this upload already became (a replay), if it is the caller's. */
  private async existing(user: AuthUser, uploadId: string): Promise<AttachmentView | undefined> {
    const row = await this.dataSource.manager.findOneBy(Attachment, { uploadId });
    if (!row) return undefined;
    if (row.uploaderId !== user.id)
      throw AppError.validation([AppError.field(FIELD, 'attachments.uploadNotFound')]);
    return this.attachments.toView(row);
  }

  private async prepare(upload: Upload): Promise<Prepared> {
    const size = upload.length;
    const refuse = (key: Parameters<typeof AppError.field>[1], params = {}) =>
      AppError.validation([AppError.field(FIELD, key, params)]);
    const detected = size ? await detect(this.blobs.read(upload.blobId, 0, size - 1)) : undefined;
    if (!detected) throw refuse('attachments.unsupportedType');
    const max = this.limits.maxBytesOf(detected.kind);
    if (size > max)
      throw new AppError('payload_too_large', 'attachments.fileTooLarge', {
        max: formatBytes(max),
      });
    const base = {
      detected,
      width: null,
      height: null,
      durationSeconds: null,
      displayBlobId: null,
      thumbnailBlobId: null,
    };
    if (detected.kind === 'image') {
      const input = await this.readAll(upload.blobId, size);
      let image;
      try {
        image = await processImage(input, detected, this.config.imageMaxPixels);
      } catch (error) {
        if (!(error instanceof ImageRefused)) throw error;
        if (error.reason === 'pixels')
          throw refuse('attachments.tooManyPixels', {
            max: Math.floor(this.config.imageMaxPixels / 1_000_000),
          });
        throw refuse('attachments.unreadable', { type: detected.mimeType });
      }
      const original = await this.blobs.storeBuffer(image.original);
      const display = await this.blobs.storeBuffer(image.display);
      const thumbnail = await this.blobs.storeBuffer(image.thumbnail);
      return {
        ...base,
        blobId: original.id,
        sha256: original.sha256,
        size: image.original.length,
        width: image.width,
        height: image.height,
        displayBlobId: display.id,
        thumbnailBlobId: thumbnail.id,
      };
    }
    let durationSeconds: number | null = null;
    if (detected.kind === 'audio') {
      let verdict = await inspectAudio(this.blobs.read(upload.blobId, 0, size - 1), detected, size);
      if (!verdict.ok && verdict.reason === 'unreadable' && detected.mimeType === 'audio/webm')
        verdict = webmVerdict(await this.readAll(upload.blobId, Math.min(size, WEBM_HEAD_BYTES)));
      if (!verdict.ok) {
        if (verdict.reason === 'video') throw refuse('attachments.videoRefused');
        if (verdict.reason === 'codec') throw refuse('attachments.unsupportedType');
        throw refuse('attachments.unreadable', { type: detected.mimeType });
      }
      durationSeconds = verdict.durationSeconds;
    }
    const sha256 = await this.blobs.sha256(upload.blobId, size);
    const blobId = await this.blobs.seal(upload.blobId, sha256);
    return { ...base, blobId, sha256, size, durationSeconds };
  }

  /** A blob's first `size` bytes: a photo for sharp (bounded by the image size limit), a WebM's head. */
  private async readAll(blobId: string, size: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const piece of this.blobs.read(blobId, 0, size - 1)) parts.push(piece as Buffer);
    return Buffer.concat(parts);
  }
}

/**
 * The name a download suggests: the uploader's name without any path or control characters,
 * its extension replaced by the one of the type the bytes are (a PNG named `.pdf` is served
 * as `.png`). Never used as a path.
 */
export function fileNameOf(metadata: Record<string, string | null>, ext: string): string {
  const given = metadata.filename ?? metadata.name ?? '';
  const base = given
    .split(/[/\\]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, 120);
  return `${base || 'file'}.${ext}`;
}

/** The PostgreSQL error code of a failed query (TypeORM keeps the driver's error inside). */
function pgCodeOf(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e.driverError?.code ?? e.code;
}
