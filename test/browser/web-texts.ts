// The client's own words, for a browser spec to find on the page what a person reads there:
// `webText('ky', 'issues.title')`. Read from web/src/i18n/messages, so a changed translation
// changes the expectation with it. It lives beside the specs, not in test/support: the messages
// bring web/src/i18n, which needs the DOM types that only test/browser/tsconfig.json adds.
import { en, type MessageKey, type Messages } from '../../web/src/i18n/messages/en/index.js';
import { ky } from '../../web/src/i18n/messages/ky/index.js';
import { ru } from '../../web/src/i18n/messages/ru/index.js';
import type { PhoneLang } from '../support/browser.js';

const MESSAGES: Record<PhoneLang, Messages> = { ky, ru, en };

/**
 * The text of `key` in `lang` with its `{name}`s filled from `params` (numbers as the client
 * writes them, `String(n)`; a name without a param stays `{name}`), as the client's `t()` fills
 * them. A plural text gives its `other` form whatever `params.count` is (the client picks the
 * form by the count): a spec checking a count's words passes one that `other` fits.
 */
export function webText(
  lang: PhoneLang,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const value = MESSAGES[lang][key];
  const text = typeof value === 'string' ? value : value.other;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
