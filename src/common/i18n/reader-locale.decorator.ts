import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Locale, localeOf } from './i18n.js';

/**
 * The language the answer's texts are written in (Accept-Language, else the caller's
 * preferredLanguage, else the default). The answer says so (`Content-Language`) and caches
 * keep one copy per header (`Vary: Accept-Language`).
 */
export const ReaderLocale = createParamDecorator(
  (_: unknown, context: ExecutionContext): Locale => {
    const http = context.switchToHttp();
    const locale = localeOf(http.getRequest<Request>());
    const res = http.getResponse<Response>();
    res.setHeader('Content-Language', locale);
    res.vary('Accept-Language');
    return locale;
  },
);
