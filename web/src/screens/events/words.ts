// Words of the events screens: kinds, roles, organisation kinds and places taken, in the reader's
// language (gender and age band words are the assessment screens' own, shared).
import { t, type MessageKey } from '../../i18n/index.js';
import type { EventKind, EventView, OrgKind, Role } from './model.js';

export const kindText = (k: EventKind): string => t(`events.kind.${k}` as MessageKey);
export const roleText = (r: Role): string => t(`events.role.${r}` as MessageKey);
export const orgKindText = (k: OrgKind): string => t(`events.orgKind.${k}` as MessageKey);

/** "12 of 30 places taken" (with the waitlist when there is one), or "12 registered". */
export function placesText(
  e: Pick<EventView, 'registeredCount' | 'waitlistedCount' | 'capacity'>,
): string {
  const taken =
    e.capacity === null
      ? t('events.registeredCount', { count: e.registeredCount })
      : t('events.placesTaken', { count: e.registeredCount, capacity: e.capacity });
  return e.waitlistedCount
    ? `${taken} · ${t('events.waitlistedCount', { count: e.waitlistedCount })}`
    : taken;
}
