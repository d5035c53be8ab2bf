import { en, type MessageKey } from './messages.en.js';
import { formatMoment } from './moments.js';
import { ky } from './messages.ky.js';
import { ru } from './messages.ru.js';

export type { MessageKey } from './messages.en.js';

/** The languages answers are written in; Tajik and Uzbek readers get Russian (see docs/i18n.md). */
export const LOCALES = ['ky', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Without a header or a known caller: English, the language of the contract and of
 * partners' scripts. People reach the hub through a client that sends Accept-Language, or
 * signed in, with their own preferredLanguage; neither falls back here.
 */
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * Values put into a message as written (names, status codes, field names, numbers), or a
 * part of the sentence that is itself a message, written in the same language.
 */
/**
 * A value put in as written, a moment (written in the reader's language and Kyrgyzstan's time,
 * moments.ts), a message written in the same language, or a list of them.
 */
export type MessageParams = { [name: string]: string | number | Date | Message | Message[] };
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, ky, ru };

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(en, value);
}

/** The message in `locale`, its `{name}` placeholders filled from `params` (unknown ones kept). */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const text = CATALOGUES[locale][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name];
    if (Array.isArray(value))
      return value.map((m) => translate(locale, m.key, m.params)).join(', ');
    if (value instanceof Date) return formatMoment(locale, value);
    return typeof value === 'object' ? translate(locale, value.key, value.params) : String(value);
  });
}

/** A user's preferredLanguage as an answer language: tg and uz readers read Russian. */
export function localeOfLanguage(language: string | null | undefined): Locale | undefined {
  if (language === 'ky' || language === 'ru' || language === 'en') return language;
  if (language === 'tg' || language === 'uz') return 'ru';
  return undefined;
}

/**
 * The first supported language of an Accept-Language header (RFC 9110 §12.5.4): ranges by
 * q-value, equal ones in the order given; `ky-KG` counts as `ky`. `*` (any language) and a
 * header naming none of ours answer `undefined`: the caller's preferredLanguage decides then.
 */
export function negotiate(header: string | string[] | undefined): Locale | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(',') : header;
  const ranges: { tag: string; q: number; index: number }[] = [];
  for (const [index, part] of text.split(',').slice(0, 50).entries()) {
    const [rawTag, ...rawParams] = part.trim().split(';');
    const tag = rawTag.trim().toLowerCase();
    if (!tag) continue;
    let q = 1;
    for (const param of rawParams) {
      const match = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param);
      if (match) q = Number(match[1]);
    }
    if (!Number.isFinite(q) || q <= 0) continue;
    ranges.push({ tag, q, index });
  }
  ranges.sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === '*') return undefined;
    // Only the languages answers are written in: `tg` in a header is not a wish for Russian.
    const primary = tag.split('-')[0];
    if (primary === 'ky' || primary === 'ru' || primary === 'en') return primary;
  }
  return undefined;
}

/** What an HTTP request or a socket handshake tells about its reader. */
export interface LocaleSource {
  headers: Record<string, string | string[] | undefined>;
  user?: { preferredLanguage?: string | null } | null;
}

/**
 * A socket's reader: the handshake's Accept-Language (browsers send it), else its user's
 * preferredLanguage as read when the socket connected, else DEFAULT_LOCALE.
 */
export function socketLocale(socket: {
  handshake: { headers: LocaleSource['headers'] };
  data?: unknown;
}): Locale {
  const user = (socket.data as { user?: LocaleSource['user'] } | undefined)?.user;
  return localeOf({ headers: socket.handshake.headers, user });
}

/** Accept-Language first, else the caller's preferredLanguage, else DEFAULT_LOCALE. */
export function localeOf(source: LocaleSource): Locale {
  return (
    negotiate(source.headers['accept-language']) ??
    localeOfLanguage(source.user?.preferredLanguage) ??
    DEFAULT_LOCALE
  );
}
