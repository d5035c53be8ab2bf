/**
 * Mentions in comment and issue text. Two forms, both documented in docs/issues.md:
 * - `@[Display Name]`: a member by display name (case-insensitive, exact);
 * - `@{8c1f…-uuid}`: a member by id (what clients insert from an autocomplete).
 */
const BY_NAME = /@\[([^\]\n]{2,100})\]/g;
const BY_ID = /@\{([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}/g;
const MAX_MENTIONS = 20;

export interface Mentions {
  names: string[];
  ids: string[];
}

export function parseMentions(text: string): Mentions {
  const names = new Set<string>();
  const ids = new Set<string>();
  for (const match of text.matchAll(BY_NAME)) {
    if (names.size < MAX_MENTIONS) names.add(match[1].trim().toLowerCase());
  }
  for (const match of text.matchAll(BY_ID)) {
    if (ids.size < MAX_MENTIONS) ids.add(match[1].toLowerCase());
  }
  return { names: [...names], ids: [...ids] };
}
