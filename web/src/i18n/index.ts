// The client's words: one message file per language, loaded on demand (a chunk each). Kyrgyz
// and Russian are complete; English defines the keys; Tajik and Uzbek fall back to Russian until
// translated. A key missing from a language falls back along FALLBACK, never to the key itself
// unless no file has it.
import { signal, computed } from '@preact/signals';
import type { MessageKey, Messages } from './messages/en/index.js';
import { pluralCategory } from './format.js';

export type { MessageKey };
export type Lang = 'ky' | 'ru' | 'en' | 'tg' | 'uz';
/** Languages with a message file of their own, in the order the picker shows them. */
export const TRANSLATED = ['ky', 'ru', 'en'] as const;
export type TranslatedLang = (typeof TRANSLATED)[number];
export const LANGS: readonly Lang[] = ['ky', 'ru', 'en', 'tg', 'uz'];
/** Where a language looks for a key it lacks, in order. */
export const FALLBACK: Record<Lang, readonly TranslatedLang[]> = {
  ky: ['ky', 'ru', 'en'],
  ru: ['ru', 'en'],
  en: ['en'],
  tg: ['ru', 'en'],
  uz: ['ru', 'en'],
};
export const LANG_NAMES: Record<Lang, string> = {
  ky: 'Кыргызча',
  ru: 'Русский',
  en: 'English',
  tg: 'Тоҷикӣ',
  uz: 'Oʻzbekcha',
};

export type Params = Record<string, string | number>;
/** A plural message: one text per CLDR category the language uses; `other` always there. */
export type PluralText = { other: string } & Partial<
  Record<'zero' | 'one' | 'few' | 'many', string>
>;
export type Text = string | PluralText;

const loaders: Record<TranslatedLang, () => Promise<Messages>> = {
  ky: () => import('./messages/ky/index.js').then((m) => m.ky),
  ru: () => import('./messages/ru/index.js').then((m) => m.ru),
  en: () => import('./messages/en/index.js').then((m) => m.en),
};
const loaded = new Map<TranslatedLang, Messages>();

export const lang = signal<Lang>('ky');
/** Bumped when a message file arrives, so texts re-render. */
const version = signal(0);
export const ready = computed(() => version.value > 0);

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The language to start with: the one chosen before, else the browser's first we know, else ky. */
export function initialLang(stored: string | null, browser: readonly string[]): Lang {
  if (isLang(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'ky';
}

/**
 * Switches to `to` once its own file (for Tajik and Uzbek: the Russian one) is here. The files it
 * falls back on are fetched only when a key is missing (Kyrgyz and Russian are complete, and a
 * test keeps them so): a phone on a 2 s round trip does not spend its few connections on words
 * it will not show. `loadFallbacks()` fetches them at once.
 */
export async function setLang(to: Lang): Promise<void> {
  await ensure(FALLBACK[to][0]);
  lang.value = to;
  version.value++;
  if (typeof document !== 'undefined') document.documentElement.lang = to;
}

/** Loads every file `l` falls back on (a missing key does this by itself). */
export function loadFallbacks(l: Lang = lang.value): Promise<void> {
  return Promise.all(FALLBACK[l].map(ensure)).then(() => undefined);
}

const loading = new Map<TranslatedLang, Promise<void>>();
function ensure(l: TranslatedLang): Promise<void> {
  if (loaded.has(l)) return Promise.resolve();
  let p = loading.get(l);
  if (!p) {
    p = loaders[l]().then(
      (m) => {
        loaded.set(l, m);
        version.value++;
      },
      (e: unknown) => {
        loading.delete(l);
        throw e;
      },
    );
    loading.set(l, p);
  }
  return p;
}

/** Installs message files directly (tests). */
export function provideMessages(l: TranslatedLang, messages: Messages): void {
  loaded.set(l, messages);
  version.value++;
}

/** The text of `key` and the language it was found in (a fallback's, when `l` lacks it). */
function lookup(key: string, l: Lang): [Text, TranslatedLang] | undefined {
  let missing = false;
  for (const f of FALLBACK[l]) {
    const file = loaded.get(f) as Record<string, Text> | undefined;
    if (!file) missing = true;
    const text = file?.[key];
    if (text !== undefined) return [text, f];
  }
  // Not in the files here yet: fetch the fallbacks; texts re-render when they arrive.
  if (missing) void loadFallbacks(l).catch(() => undefined);
  return undefined;
}

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The text of `key` in the current language, `{name}`s filled; `params.count` picks a plural form. */
export function t(key: MessageKey, params?: Params, l: Lang = lang.value): string {
  void version.value; // re-render when a file arrives
  const found = lookup(key, l);
  if (found === undefined) return key;
  const [text, from] = found;
  if (typeof text === 'string') return fill(text, params);
  // The plural rule of the text's own language: a Russian fallback shown to a Tajik reader
  // needs Russian's one/few/many, not Tajik's one/other.
  const category = pluralCategory(from, Number(params?.count ?? 0));
  return fill(text[category] ?? text.other, params);
}

/** Whether `key` has a text in some file the current language reaches. */
export function has(key: string, l: Lang = lang.value): boolean {
  return lookup(key, l) !== undefined;
}
