import type { EntityManager } from 'typeorm';
import { LANGUAGES, type Language } from '../languages.js';
import { detectLanguage } from './detect-language.js';

/**
 * The `language` of something a user wrote without saying which: detected from the text, else
 * the author's preferred language (asked only then), else Kyrgyz.
 */
export async function contentLanguage(
  manager: EntityManager,
  authorId: string,
  text: string,
): Promise<Language> {
  const detected = detectLanguage(text).language;
  if (detected) return detected;
  const rows: { preferred_language: string }[] = await manager.query(
    'SELECT preferred_language FROM users WHERE id = $1',
    [authorId],
  );
  const preferred = rows[0]?.preferred_language as Language | undefined;
  return preferred && LANGUAGES.includes(preferred) ? preferred : 'ky';
}
