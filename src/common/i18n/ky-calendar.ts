// CLDR `ky`: months in the format context (lower case; Kyrgyz has no genitive month form: the
// day is an ordinal before the nominative name, "30-ноябрь"), weekdays starting on Sunday.
// Chromium has no Kyrgyz date names in Intl, so the web client ships them, and the hub writes
// its dates with the same words (moments.ts) so both read alike.
export const KY_MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
] as const;
export const KY_WEEKDAYS = [
  'жекшемби',
  'дүйшөмбү',
  'шейшемби',
  'шаршемби',
  'бейшемби',
  'жума',
  'ишемби',
] as const;
