// The campaigns' vocabularies (the hub's, openapi/openapi.json) and their words in the reader's
// language; the shapes these screens read.
import type { Schemas } from '../../api/client.js';
import { t, type MessageKey } from '../../i18n/index.js';

export type Campaign = Schemas['CampaignViewDto'];
export type Publication = Schemas['PublicationViewDto'];
export type Summary = Schemas['ReachSummaryDto'];
export type Reach = Schemas['ReachViewDto'];
export type ReachBody = Schemas['CreateReachDto'];
export type Counts = Schemas['GenderCountsDto'];
export type Kind = Publication['kind'];
export type PubLanguage = Publication['language'];
export type Audience = Publication['audiences'][number];
export type Channel = Reach['channel'];

export const KINDS: readonly Kind[] = [
  'leaflet',
  'poster',
  'radio',
  'video',
  'social',
  'talk',
  'sms',
];
export const PUB_LANGUAGES: readonly PubLanguage[] = ['ky', 'ru', 'tg', 'uz', 'en'];
export const AUDIENCES: readonly Audience[] = [
  'general',
  'women',
  'youth',
  'elders',
  'farmers',
  'cross_border_traders',
  'teachers',
  'local_officials',
];
export const CHANNELS: readonly Channel[] = [
  'meeting',
  'door_to_door',
  'radio',
  'tv',
  'social_media',
  'messenger',
  'sms',
  'poster_board',
  'market',
];
export const GENDERS = ['female', 'male', 'undisclosed'] as const;

export const kindText = (k: string): string => t(`campaigns.kind.${k}` as MessageKey);
export const languageText = (l: string): string => t(`campaigns.lang.${l}` as MessageKey);
export const audienceText = (a: string): string => t(`campaigns.audience.${a}` as MessageKey);
export const channelText = (c: string): string => t(`campaigns.channel.${c}` as MessageKey);
export const genderText = (g: string): string => t(`campaigns.gender.${g}` as MessageKey);

/** Today on the phone's calendar, as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The outbox scope of a campaign's reach lines. */
export const reachScope = (campaignId: string): string => `campaign-reach:${campaignId}`;

/** The three numbers of a reach line as typed (blank is 0): whole numbers, someone reached. */
export function readCounts(
  typed: readonly [string, string, string],
): { counts: [number, number, number] } | { problem: 'wholeNumbers' | 'nobody' } {
  const values = typed.map((v) => v.trim() || '0');
  if (!values.every((v) => /^\d{1,7}$/.test(v) && Number(v) <= 1_000_000))
    return { problem: 'wholeNumbers' };
  const [f, m, u] = values.map(Number) as [number, number, number];
  if (f + m + u === 0) return { problem: 'nobody' };
  return { counts: [f, m, u] };
}
