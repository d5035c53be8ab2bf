import { Injectable, Logger, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, Request, Response } from 'express';
import { sendProblem } from './problem-details.filter.js';

/**
 * Nest answers an unknown path with its 404 only under the global prefix (`/api/v1`); anything
 * else (`/api/x`, `/health/x`, `/x`) fell through to Express, which answers an HTML page. This
 * last handler gives those the same `not_found` problem as the rest of the API. It is added at
 * bootstrap because that is the first moment after Nest has mounted its routes, its own 404
 * and its error layer: a handler added earlier would shadow them.
 */
@Injectable()
export class UnknownPathProblems implements OnApplicationBootstrap {
  private readonly logger = new Logger('Errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const express = this.adapterHost.httpAdapter?.getInstance<Express>();
    if (!express) return;
    express.use((req: Request, res: Response) => {
      sendProblem(req, res, new NotFoundException(), this.logger);
    });
  }
}
