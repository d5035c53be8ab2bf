/** Languages of the network: Kyrgyz and Russian first-class, Tajik, Uzbek and English too. */
export const LANGUAGES = ['ky', 'ru', 'en', 'tg', 'uz'] as const;
export type Language = (typeof LANGUAGES)[number];
