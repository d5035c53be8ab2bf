/**
 * SQL pieces of the folded search shared by the members, organisations and issues queries.
 * The expressions must stay exactly those of the indexes in migration SearchFolding, or the
 * planner cannot use them.
 */

/** The members' `q` haystack (alias `u`): index `users_search_key_trgm_idx`. */
export const USER_SEARCH_KEY = `kenesh_key(u.display_name || E'\\n' || coalesce(u.position, '') || E'\\n' || coalesce(u.bio, ''))`;

/** The organisations' `q` haystack (alias `o`): index `organisations_search_key_trgm_idx`. */
export const ORGANISATION_SEARCH_KEY = `kenesh_key(o.name || E'\\n' || coalesce(o.description, ''))`;

/** `%key%` of the parameter for LIKE, its `%`, `_` and `\` taken literally. */
export function keyContains(param: string): string {
  return `'%' || replace(replace(replace(kenesh_key(${param}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
}
