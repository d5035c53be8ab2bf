// The campaigns' vocabularies (issue 13). See docs/campaigns.md.

/** What a publication is. */
export const PUBLICATION_KINDS = [
  'leaflet',
  'poster',
  'radio',
  'video',
  'social',
  'talk',
  'sms',
] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** The languages a publication is written or spoken in (the border's four, and English). */
export const PUBLICATION_LANGUAGES = ['ky', 'ru', 'tg', 'uz', 'en'] as const;
export type PublicationLanguage = (typeof PUBLICATION_LANGUAGES)[number];

/** Who a publication is for, and who a reach row reached. `general`: everyone. */
export const AUDIENCES = [
  'general',
  'women',
  'youth',
  'elders',
  'farmers',
  'cross_border_traders',
  'teachers',
  'local_officials',
] as const;
export type Audience = (typeof AUDIENCES)[number];

/** How people were reached. */
export const REACH_CHANNELS = [
  'meeting',
  'door_to_door',
  'radio',
  'tv',
  'social_media',
  'messenger',
  'sms',
  'poster_board',
  'market',
] as const;
export type ReachChannel = (typeof REACH_CHANNELS)[number];

/** The most people one reach row may count in each of female, male, undisclosed. */
export const MAX_REACH_COUNT = 1_000_000;

/** The summary's language of a row without a publication. */
export const UNKNOWN_LANGUAGE = 'unknown';
