// The legal library's vocabulary: the hub's enum values (openapi/openapi.json), their words in
// the reader's language, and the shapes the screens use under short names.
import type { Schemas } from '../../api/client.js';
import { lang, t, type MessageKey } from '../../i18n/index.js';

export type ActSummary = Schemas['LegalActSummaryDto'];
export type ActView = Schemas['LegalActViewDto'];
export type ProvisionNode = Schemas['ProvisionNodeDto'];
export type ProvisionView = Schemas['ProvisionViewDto'];
export type SearchItem = Schemas['ProvisionSearchItemDto'];
export type IssueLink = Schemas['IssueLinkViewDto'];
export type LegalBasisLink = Schemas['LegalBasisLinkDto'];

export type Kind = ActSummary['kind'];
export type ActStatus = ActSummary['status'];
export type Relation = IssueLink['relation'];
export type LinkStatus = IssueLink['status'];

export const KINDS: readonly Kind[] = [
  'constitution',
  'code',
  'law',
  'government_decree',
  'local_decision',
  'international_agreement',
  'document',
];
export const ACT_STATUSES: readonly ActStatus[] = ['in_force', 'amended', 'repealed'];
export const RELATIONS: readonly Relation[] = [
  'grants_right',
  'assigns_duty',
  'sets_deadline',
  'gap',
  'conflict',
];

export const kindText = (k: Kind): string => t(`legal.kind.${k}` as MessageKey);
export const actStatusText = (s: ActStatus): string => t(`legal.status.${s}` as MessageKey);
export const relationText = (r: Relation): string => t(`legal.relation.${r}` as MessageKey);
export const linkStatusText = (s: LinkStatus): string => t(`legal.linkStatus.${s}` as MessageKey);

type LangText = Partial<Record<'ky' | 'ru' | 'en' | 'tg' | 'uz', string>>;

/**
 * A multilingual text in the reader's language, else Kyrgyz, Russian, any; with the language it
 * is in (for `lang=` on the element, so a screen reader reads it right).
 */
export function pick(text: LangText | undefined): { text: string; lang: string } {
  const order = [lang.value, 'ky', 'ru', 'en', 'tg', 'uz'] as const;
  for (const l of order) {
    const value = text?.[l];
    if (value) return { text: value, lang: l };
  }
  return { text: '', lang: lang.value };
}

/** The page of a provision: `/legal/<act>/<eId>`, the eId as the anchor name on the act's page. */
export const provisionHref = (actId: string, eId: string): string => `/legal/${actId}/${eId}`;
