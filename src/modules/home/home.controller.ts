import { Controller, Get, Header, Headers, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { within } from '../../common/async/within.js';
import { Public } from '../../common/decorators/public.decorator.js';
import { ShutdownState } from '../../infra/lifecycle/shutdown-state.js';
import { HUB_VERSION } from './hub-version.js';
import { type HomeHealth, homeLanguage, renderHomePage } from './home-page.js';

/** A page for people, not clients: left out of the OpenAPI document on purpose. */
@ApiExcludeController()
@Public()
@Controller()
export class HomeController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Vary', 'Accept-Language')
  // The page carries its own style and nothing else: no script, no outside asset.
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  async showHome(
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Query('lang') asked: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const language = homeLanguage(acceptLanguage, asked);
    res.type('html').setHeader('Content-Language', language);
    return renderHomePage(language, { version: HUB_VERSION, health: await this.health() });
  }

  /** The same answer readiness gives in short; the page itself is served either way. */
  private async health(): Promise<HomeHealth> {
    if (this.shutdown.stopping) return 'stopping';
    try {
      return (await within(this.dataSource.query('SELECT 1'), 2000)) ? 'ok' : 'database_down';
    } catch {
      return 'database_down';
    }
  }
}
