import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Controller, Delete, Head, Logger, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Server } from '@tus/server';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { AppError } from '../../common/errors/app-error.js';
import type { ErrorCode } from '../../common/errors/error-code.js';
import type { MessageKey, MessageParams } from '../../common/i18n/i18n.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { SkipIdempotency } from '../idempotency/idempotency-policy.js';
import { BlobStore } from './blob-store.js';
import { PostgresTusStore } from './tus-store.js';
import { formatBytes, UploadLimits } from './upload-limits.js';
import { uploadCall } from './upload-context.js';
import { Upload } from './upload.entity.js';

export const UPLOADS_PATH = '/api/v1/uploads';

/** The tus answers' statuses as contract problems (tus keeps its own statuses: 409, 410, 412). */
const TUS_PROBLEMS: Record<number, { code: ErrorCode; key: MessageKey; status?: number }> = {
  400: { code: 'validation_failed', key: 'attachments.uploadInvalid' },
  403: { code: 'validation_failed', key: 'attachments.uploadInvalid', status: 400 },
  404: { code: 'not_found', key: 'attachments.uploadNotFound' },
  409: { code: 'conflict', key: 'attachments.uploadOffset' },
  410: { code: 'not_found', key: 'attachments.uploadNotFound' },
  412: { code: 'validation_failed', key: 'attachments.uploadInvalid' },
  413: { code: 'payload_too_large', key: 'attachments.uploadTooLarge' },
  415: { code: 'validation_failed', key: 'attachments.uploadInvalid' },
  501: { code: 'validation_failed', key: 'attachments.uploadInvalid', status: 400 },
};

const TUS_HEADER = { name: 'Tus-Resumable', required: true, schema: { enum: ['1.0.0'] } };

/**
 * Resumable uploads: the tus 1.0 protocol (core, creation, creation-with-upload, termination,
 * expiration) by `@tus/server` over a store in PostgreSQL. The routes are Nest's, so the JWT
 * guard, problem details and request logs apply as everywhere; tus does the protocol. Only an
 * upload's uploader may touch it: anyone else is told it does not exist.
 */
@ApiTags('attachments')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('uploads')
export class UploadsController {
  private readonly logger = new Logger('Uploads');
  private readonly tus: Server;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    blobs: BlobStore,
    private readonly limits: UploadLimits,
    @InjectConfig() config: AppConfig,
  ) {
    this.tus = new Server({
      path: UPLOADS_PATH,
      datastore: new PostgresTusStore(dataSource, blobs),
      relativeLocation: true,
      namingFunction: () => randomUUID(),
      maxSize: limits.maxUploadBytes(),
      // The hub's CORS rule, not tus's default of any origin.
      allowedOrigins: (origin) =>
        config.corsOrigins.includes('*') || config.corsOrigins.includes(origin),
      onResponseError: (_req, error) => {
        if (!('status_code' in error)) this.logger.error({ event: 'upload_failed', err: error });
        return undefined;
      },
    });
  }

  @Post()
  @SkipIdempotency('tus: a client resumes by asking the offset (HEAD), not by replaying')
  @ApiOperation({
    summary: 'Start a resumable upload (tus creation)',
    description:
      'tus 1.0 creation (and creation-with-upload): `Upload-Length` (at most the largest file allowed), `Upload-Metadata` (`filename`, base64). 201 with `Location` under /api/v1/uploads/. Over the per-user or per-organisation quota: 413.',
  })
  @ApiHeader(TUS_HEADER)
  @ApiHeader({ name: 'Upload-Length', required: true, schema: { type: 'integer', minimum: 0 } })
  @ApiHeader({ name: 'Upload-Metadata', required: false })
  @ApiResponse({ status: 201, description: 'Created; `Location` is the upload URL.' })
  @ApiProblems(400, 413)
  async createUpload(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const raw = req.headers['upload-length'];
    if (typeof raw === 'string' && /^\d{1,15}$/.test(raw))
      await this.limits.checkNewUpload(user.id, Number(raw));
    await this.run(user, req, res);
  }

  @Head(':id')
  @ApiOperation({
    summary: "An upload's offset (tus HEAD)",
    description: 'Answers `Upload-Offset` and `Upload-Length`: where to continue.',
  })
  @ApiHeader(TUS_HEADER)
  @ApiResponse({ status: 200, description: '`Upload-Offset`, `Upload-Length`.' })
  @ApiProblems(400, 404)
  async uploadOffset(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.ownOrFail(user, id);
    await this.run(user, req, res);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Continue an upload (tus PATCH)',
    description:
      'Body `application/offset+octet-stream` from `Upload-Offset`; 204 with the new `Upload-Offset`. A wrong offset: 409.',
  })
  @ApiHeader(TUS_HEADER)
  @ApiHeader({ name: 'Upload-Offset', required: true, schema: { type: 'integer', minimum: 0 } })
  @ApiResponse({ status: 204, description: 'Stored; `Upload-Offset` is the new offset.' })
  @ApiProblems(400, 404, 409, 413)
  async appendUpload(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.ownOrFail(user, id);
    await this.run(user, req, res);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Abandon an upload (tus termination)',
    description: 'Its bytes are removed.',
  })
  @ApiHeader(TUS_HEADER)
  @ApiResponse({ status: 204, description: 'Removed.' })
  @ApiProblems(400, 404)
  async deleteUpload(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.ownOrFail(user, id);
    await this.run(user, req, res);
  }

  private async ownOrFail(user: AuthUser, id: string): Promise<void> {
    const row = await this.dataSource.manager.findOne(Upload, {
      where: { id },
      select: { id: true, uploaderId: true },
    });
    if (!row || row.uploaderId !== user.id)
      throw new AppError('not_found', 'attachments.uploadNotFound');
  }

  /**
   * Hands the request to tus as a web Request and sends its answer; an error answer becomes
   * problem details in the caller's language (tus writes plain text), keeping tus's headers.
   */
  private async run(user: AuthUser, req: Request, res: Response): Promise<void> {
    const response = await uploadCall.run({ user, req }, () =>
      this.tus.handleWeb(webRequestOf(req, res)),
    );
    for (const [name, value] of response.headers) {
      if (!['content-type', 'content-length', 'connection'].includes(name))
        res.setHeader(name, value);
    }
    if (response.status >= 400) {
      const text = (await response.text()).trim().slice(0, 200);
      throw this.problemFor(response.status, text);
    }
    // tus answers carry their news in headers; a body, if any, is a line of text.
    const body = Buffer.from(await response.arrayBuffer());
    res.status(response.status);
    if (body.length) res.setHeader('Content-Length', String(body.length));
    res.end(body.length ? body : undefined);
  }

  private problemFor(tusStatus: number, text: string): AppError {
    const known = TUS_PROBLEMS[tusStatus];
    if (!known) return new AppError('internal', 'title.internal');
    const params: MessageParams =
      known.code === 'payload_too_large'
        ? { max: formatBytes(this.limits.maxUploadBytes()) }
        : { reason: text || String(tusStatus) };
    return new TusProblem(known.status ?? tusStatus, known.code, known.key, params);
  }
}

/** A problem with tus's own status (409, 410, 412) and the contract's code. */
class TusProblem extends AppError {
  override readonly status: number;

  constructor(status: number, code: ErrorCode, key: MessageKey, params: MessageParams) {
    super(code, key, params);
    this.status = status;
  }
}

/**
 * The Express request as the web Request tus 2 handles. `runtime.node` is what tus looks for
 * (as srvx sets it) to notice a dropped connection: it then ends the body where it broke and
 * the store keeps what arrived, so the client resumes from there.
 */
function webRequestOf(req: Request, res: Response): globalThis.Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody =
    (req.method === 'POST' || req.method === 'PATCH') &&
    (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0);
  const request = new globalThis.Request(
    `http://${req.headers.host ?? 'localhost'}${req.originalUrl}`,
    {
      method: req.method,
      headers,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
    },
  );
  Object.defineProperty(request, 'runtime', { value: { node: { req, res } } });
  return request;
}
