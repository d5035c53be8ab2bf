import { pipeline } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { Attachment } from './attachment.entity.js';
import { notFound } from './attachments.service.js';
import { BlobStore } from './blob-store.js';
import type { FileQueryDto } from './dto/file-query.dto.js';
import { FileUrls, type FileVariant } from './file-urls.js';

interface Served {
  blobId: string;
  sha256: string;
  size: number;
  mimeType: string;
}

/** 416 with its own status; the contract's code for a request to change. */
class RangeNotSatisfiable extends AppError {
  override readonly status = 416;

  constructor(size: number) {
    super('validation_failed', 'attachments.rangeInvalid', {}, undefined, {
      'Content-Range': `bytes */${size}`,
    });
  }
}

/**
 * Sends a file variant from its PostgreSQL chunks: checks the signature, then that neither
 * the file nor its item is hidden or deleted (the signed route has no viewer for the parent's
 * policy; those states are mirrored on the row), then streams it with headers that keep a
 * browser from ever running it: the stored type, `nosniff`, a sandboxing CSP, inline only
 * for photos and audio.
 */
@Injectable()
export class FileDelivery {
  private readonly logger = new Logger('Files');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
    private readonly urls: FileUrls,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async send(
    id: string,
    variant: FileVariant,
    query: FileQueryDto,
    req: Request,
    res: Response,
  ): Promise<void> {
    if (!this.urls.verify(id, variant, query.exp, query.sig))
      throw AppError.forbidden('attachments.linkInvalid');
    const row = await this.dataSource.manager.findOneBy(Attachment, { id });
    if (!row || row.hiddenAt || row.parentHidden || row.parentDeletedAt) throw notFound();
    const served = await this.variantOf(row, variant);
    if (!served) throw notFound();

    const etag = `"${served.sha256}"`;
    const maxAge = Math.max(0, query.exp - Math.floor(Date.now() / 1000));
    res.setHeader('Content-Type', served.mimeType);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Content-Disposition', disposition(row, variant));
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', `private, max-age=${maxAge}, immutable, no-transform`);
    res.setHeader('Accept-Ranges', 'bytes');
    // helmet says same-origin; a web client served from another allowed origin loads these
    // in `<img>` and `<audio>` too (the signature, not the origin, is the authorisation).
    if (this.config.corsOrigins.length)
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    let start = 0;
    let end = served.size - 1;
    const range = req.headers.range;
    const ifRange = req.headers['if-range'];
    if (range && (ifRange === undefined || ifRange === etag)) {
      const parsed = parseRange(range, served.size);
      if (parsed === 'unsatisfiable') throw new RangeNotSatisfiable(served.size);
      if (parsed) {
        [start, end] = parsed;
        res.status(206);
        res.setHeader('Content-Range', `bytes ${start}-${end}/${served.size}`);
      }
    }
    res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
    if (req.method === 'HEAD' || served.size === 0) {
      res.end();
      return;
    }
    try {
      await pipeline(this.blobs.read(served.blobId, start, end), res);
    } catch (error) {
      // The reader went away (or the database did): the answer is cut, nothing else to do.
      this.logger.debug({ event: 'download_cut', attachmentId: id, err: error });
    }
  }

  private async variantOf(row: Attachment, variant: FileVariant): Promise<Served | undefined> {
    if (variant === 'original')
      return { blobId: row.blobId, sha256: row.sha256, size: row.size, mimeType: row.mimeType };
    const blobId = variant === 'display' ? row.displayBlobId : row.thumbnailBlobId;
    if (!blobId) return undefined;
    const [blob] = await this.dataSource.query<{ sha256: string; size: string }[]>(
      'SELECT "sha256", "size" FROM "file_blobs" WHERE "id" = $1',
      [blobId],
    );
    if (!blob) return undefined;
    return { blobId, sha256: blob.sha256, size: Number(blob.size), mimeType: 'image/webp' };
  }
}

/**
 * One `bytes=` range (`a-b`, `a-`, `-n`). Several ranges, or a unit we do not serve: null
 * (the whole file, as RFC 9110 allows). A range that starts past the end: unsatisfiable.
 */
export function parseRange(
  header: string,
  size: number,
): [number, number] | null | 'unsatisfiable' {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from, to] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return [start, end];
}

/**
 * Photos and audio inline (`<img>`, `<audio>`, a tap opens them); PDFs and anything else as
 * a download. The name is ASCII-folded for `filename` and exact in `filename*` (RFC 5987).
 */
function disposition(row: Attachment, variant: FileVariant): string {
  const inline = row.kind === 'image' || row.kind === 'audio';
  let name = row.fileName ?? `file`;
  if (variant !== 'original') name = `${name.replace(/\.[^.]*$/, '')}-${variant}.webp`;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
