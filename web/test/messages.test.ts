// The assembled message files (whatever each language's index.ts spreads): complete, really
// translated, with the same {params}, plural forms the language needs, and a text for every
// problem code the hub can answer (read from the committed OpenAPI document).
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/messages/en/index.js';
import { ky } from '../src/i18n/messages/ky/index.js';
import { ru } from '../src/i18n/messages/ru/index.js';
import type { Text } from '../src/i18n/index.js';

/** Texts that stay as in English: names and codes. Keep it short; say why for each. */
const SAME_AS_ENGLISH = new Set<string>([
  'app.name', // Kenesh, the network's name
  'strategies.nobody', // a dash where no one is named: punctuation only
  'strategies.by', // "{name}, {date}": names and a date, no words
  'campaigns.period', // "{from} – {to}": two dates and a dash
]);

const translated = { ky, ru } as Record<'ky' | 'ru', Record<string, Text>>;
const english = en as Record<string, Text>;

/** Every text of a message: a string, or each plural form. */
const texts = (text: Text): string[] => (typeof text === 'string' ? [text] : Object.values(text));
const params = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

describe.each(['ky', 'ru'] as const)('the %s messages', (l) => {
  const messages = translated[l];

  it('have every English key, and no key English lacks', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
  });

  it('are translated: no empty text, none equal to the English outside the allowlist', () => {
    const untranslated: string[] = [];
    for (const [key, text] of Object.entries(messages)) {
      for (const s of texts(text)) expect(s.trim(), key).not.toBe('');
      if (SAME_AS_ENGLISH.has(key)) continue;
      const mine = texts(text);
      const theirs = texts(english[key] ?? '');
      if (mine.some((s) => theirs.includes(s))) untranslated.push(key);
    }
    expect(untranslated).toEqual([]);
  });

  it('keep every {param} of the English text', () => {
    const missing: string[] = [];
    for (const [key, enText] of Object.entries(english)) {
      const wanted = new Set(texts(enText).flatMap(params));
      const text = messages[key];
      if (text === undefined) continue;
      for (const [i, s] of texts(text).entries()) {
        const found = new Set(params(s));
        for (const p of wanted) if (!found.has(p)) missing.push(`${key}[${i}] {${p}}`);
        // A param English does not have would never be filled.
        for (const p of found) if (!wanted.has(p)) missing.push(`${key}[${i}] extra {${p}}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('plural messages', () => {
  const forms = (text: Text | undefined) =>
    text === undefined || typeof text === 'string' ? null : Object.keys(text).sort();

  it('have one and other in English', () => {
    for (const [key, text] of Object.entries(english))
      if (typeof text !== 'string') expect(forms(text), key).toEqual(['one', 'other']);
  });

  it('have one, few, many and other in Russian wherever English has a plural', () => {
    for (const [key, text] of Object.entries(english))
      if (typeof text !== 'string')
        expect(forms(translated.ru[key]), key).toEqual(['few', 'many', 'one', 'other']);
  });

  it('are one/other or a plain string in Kyrgyz', () => {
    for (const [key, text] of Object.entries(translated.ky)) {
      if (typeof text === 'string') continue;
      expect(forms(text), key).toEqual(['one', 'other']);
    }
  });
});

describe('problem codes', () => {
  const spec = JSON.parse(
    readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'),
  ) as {
    components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
  };
  const codes = spec.components.schemas.ProblemDetailsDto?.properties.code?.enum ?? [];

  it('are read from the OpenAPI document', () => {
    expect(codes).toContain('validation_failed');
  });

  it.each(['en', 'ky', 'ru'] as const)('each have a message in %s', (l) => {
    const messages = l === 'en' ? english : translated[l];
    const missing = codes.filter((code) => messages[`problem.${code}`] === undefined);
    expect(missing).toEqual([]);
  });
});
