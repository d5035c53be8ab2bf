// The issue vocabulary shared by the register, an issue and raising one: the hub's enum values
// (openapi/openapi.json) and their words in the reader's language.
import type { Schemas } from '../../api/client.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { RequestPayload } from '../../offline/outbox.js';
import { outbox } from '../../session.js';

export type Issue = Schemas['IssueViewDto'];
export type IssueCard = Schemas['IssueCardDto'];
export type Status = IssueCard['status'];
export type Category = IssueCard['category'];
export type Level = IssueCard['decisionLevel'];

export const STATUSES: readonly Status[] = [
  'raised',
  'discussing',
  'prioritised',
  'escalated',
  'answered',
  'resolved',
  'closed',
  'merged',
];
export const CATEGORIES: readonly Category[] = [
  'water_irrigation',
  'land_pasture',
  'roads_transport',
  'border_crossing',
  'documents_citizenship',
  'trade_markets',
  'education',
  'health',
  'security_incidents',
  'interethnic_relations',
  'infrastructure',
  'other',
];
export const LEVELS: readonly Level[] = [
  'aiyl_aimak',
  'district',
  'oblast',
  'national',
  'intergovernmental',
];

export const statusText = (s: Status): string => t(`issues.status.${s}` as MessageKey);
export const categoryText = (c: Category): string => t(`issues.category.${c}` as MessageKey);
export const levelText = (l: Level): string => t(`issues.level.${l}` as MessageKey);

/** Sends a request through the outbox (kept on the phone, sent with an Idempotency-Key). */
export async function queue(scope: string, payload: RequestPayload): Promise<string | null> {
  const box = outbox();
  if (!box) return null;
  const item = await box.add('request', scope, payload);
  return item.id;
}

/** The outbox's request items of a scope whose path ends with `suffix`. */
export function queued(scope: string, suffix: string) {
  return (outbox()?.items.value ?? []).filter(
    (i) =>
      i.scope === scope &&
      i.kind === 'request' &&
      (i.payload as RequestPayload).path.endsWith(suffix),
  );
}
