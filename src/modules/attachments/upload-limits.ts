import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import type { AttachmentKind } from './attachment-parents.js';

/** `20 MB`, `1.5 GB`: sizes in messages people read. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value >= 10 || unit === 0 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${shown} ${units[unit]}`;
}

/**
 * The limits on files: per kind (the kind is only known from the bytes, so an upload may be
 * as large as the largest kind allows and the kind's limit is applied when it becomes an
 * attachment), and quotas per user and per organisation, counted over attachments and
 * uploads in progress, before an upload starts.
 */
@Injectable()
export class UploadLimits {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** The largest upload: the largest of the per-kind limits. */
  maxUploadBytes(): number {
    return Math.max(
      this.config.attachmentMaxImageBytes,
      this.config.attachmentMaxDocumentBytes,
      this.config.attachmentMaxAudioBytes,
    );
  }

  maxBytesOf(kind: AttachmentKind): number {
    switch (kind) {
      case 'image':
        return this.config.attachmentMaxImageBytes;
      case 'document':
        return this.config.attachmentMaxDocumentBytes;
      case 'audio':
        return this.config.attachmentMaxAudioBytes;
    }
  }

  /** 413 `payload_too_large` when an upload of `length` bytes is over a limit or a quota. */
  async checkNewUpload(userId: string, length: number): Promise<void> {
    const max = this.maxUploadBytes();
    if (length > max)
      throw new AppError('payload_too_large', 'attachments.uploadTooLarge', {
        max: formatBytes(max),
      });
    const [{ used }] = await this.dataSource.query<{ used: string }[]>(
      `SELECT (SELECT coalesce(sum("size"), 0) FROM "attachments" WHERE "uploader_id" = $1)
            + (SELECT coalesce(sum("length"), 0) FROM "uploads" WHERE "uploader_id" = $1) AS used`,
      [userId],
    );
    const quota = this.config.uploadQuotaUserBytes;
    if (Number(used) + length > quota)
      throw new AppError('payload_too_large', 'attachments.quotaUser', {
        used: formatBytes(Number(used)),
        quota: formatBytes(quota),
        size: formatBytes(length),
      });
    const organisations = await this.dataSource.query<{ name: string; used: string }[]>(
      `SELECT o."name",
              (SELECT coalesce(sum(a."size"), 0) FROM "attachments" a
                 JOIN "organisation_members" om ON om."user_id" = a."uploader_id"
                WHERE om."organisation_id" = o."id")
            + (SELECT coalesce(sum(u."length"), 0) FROM "uploads" u
                 JOIN "organisation_members" om ON om."user_id" = u."uploader_id"
                WHERE om."organisation_id" = o."id") AS used
         FROM "organisation_members" m JOIN "organisations" o ON o."id" = m."organisation_id"
        WHERE m."user_id" = $1`,
      [userId],
    );
    const orgQuota = this.config.uploadQuotaOrganisationBytes;
    for (const organisation of organisations) {
      if (Number(organisation.used) + length > orgQuota)
        throw new AppError('payload_too_large', 'attachments.quotaOrganisation', {
          organisation: organisation.name,
          used: formatBytes(Number(organisation.used)),
          quota: formatBytes(orgQuota),
          size: formatBytes(length),
        });
    }
  }
}
