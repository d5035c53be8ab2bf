import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';

export const FILE_VARIANTS = ['original', 'display', 'thumbnail'] as const;
export type FileVariant = (typeof FILE_VARIANTS)[number];

/** Where signed files are served (public: the signature is the authorisation). */
export const FILES_PATH = '/api/v1/files';

/** The key that signs file URLs: its own secret, or one derived from the JWT secret. */
export function fileUrlKey(config: Pick<AppConfig, 'jwtSecret' | 'fileUrlSecret'>): Buffer {
  if (config.fileUrlSecret) return Buffer.from(config.fileUrlSecret, 'utf8');
  return createHmac('sha256', config.jwtSecret).update('kenesh file urls v1').digest();
}

/** The signature of one variant of one file until `expires` (Unix seconds). */
export function fileSignature(key: Buffer, id: string, variant: FileVariant, expires: number) {
  return createHmac('sha256', key).update(`${id}\n${variant}\n${expires}`).digest('base64url');
}

/** `/api/v1/files/<id>/<variant>?exp=<unix seconds>&sig=<base64url HMAC-SHA256>`. */
export function signedFilePath(key: Buffer, id: string, variant: FileVariant, expires: number) {
  return `${FILES_PATH}/${id}/${variant}?exp=${expires}&sig=${fileSignature(key, id, variant, expires)}`;
}

/**
 * Short-lived links that let `<img>` and `<audio>` fetch a file without a token. The expiry is
 * rounded up to a slot of `KENESH_FILE_URL_TTL` seconds (and one more slot), so the same file
 * gets the same URL for a whole slot: the browser's cache and a proxy's work, and a URL lives
 * between one and two TTLs.
 */
@Injectable()
export class FileUrls {
  private readonly key: Buffer;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.key = fileUrlKey(config);
  }

  expiry(nowMs = Date.now()): number {
    const ttl = this.config.fileUrlTtlSeconds;
    return (Math.floor(nowMs / 1000 / ttl) + 2) * ttl;
  }

  sign(id: string, variant: FileVariant, nowMs = Date.now()): string {
    return signedFilePath(this.key, id, variant, this.expiry(nowMs));
  }

  /** True when `sig` is this variant's signature and `exp` has not passed. */
  verify(id: string, variant: FileVariant, exp: number, sig: string, nowMs = Date.now()): boolean {
    if (!Number.isSafeInteger(exp) || exp * 1000 <= nowMs) return false;
    // A signature from further ahead than any this node would give is not ours.
    if (exp > this.expiry(nowMs) + this.config.fileUrlTtlSeconds) return false;
    const expected = Buffer.from(fileSignature(this.key, id, variant, exp));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
