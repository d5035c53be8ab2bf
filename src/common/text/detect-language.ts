import type { Language } from '../languages.js';

/**
 * Which contract language a short user text is written in, or `null` when the text does not
 * say clearly enough. Scores are additive and deliberately simple: letters only one language
 * has (ө ү ң Kyrgyz, ҷ ӣ ӯ Tajik, ў and oʻ/gʻ Uzbek), then frequent words and endings of each
 * language, so that Kyrgyz typed on a phone without ө ү ң ("суу жок, жардам керек") is still
 * Kyrgyz: its words (суу, жок, керек), its double vowels and its suffixes give it away.
 */
export interface LanguageGuess {
  language: Language | null;
  scores: Record<Language, number>;
}

/** Below this the text says too little; within `MARGIN` of the runner-up it is a toss-up. */
const MIN_SCORE = 2;
const MARGIN = 1.5;
/** The start of a text tells its language; the rest would only cost time (bodies reach 20k). */
const SAMPLE_CHARS = 3000;
/** Longer "words" are noise (URLs, keyboard mashing) and would make the suffix checks slow. */
const MAX_WORD = 30;

const WORD = 2;
const ENDING = 0.75;
const LETTER = 3;

/** A word list written as one string, one space between words (prettier keeps it compact). */
function words(...lines: string[]): Set<string> {
  return new Set(lines.join(' ').split(/\s+/).filter(Boolean));
}

const WORDS: Record<Language, Set<string>> = {
  ky: words(
    // Function words, pronouns and frequent verbs, with and without ө ү ң.
    'жана менен үчүн учун бул ушул ошол эмес керек жок бар дагы деп эле гана болуп болот болду',
    'болгон биз бизде биздин бизге силер сиз сизге алар мен эмне качан кантип азыр бүгүн бугун',
    'көп коп жакшы жаман абдан өтө ото бери чейин боюнча тууралуу жатат жатабыз жатышат калды',
    'келет берет бузулду бузулган жардам жооп рахмат',
    // Words of the network's daily business.
    'айылда айылдын суу суусу жол жолу мектеп мектепте мектепке мугалим мугалимдер балдар үй уй',
    'үйлөр уйлор арык жер мал ооруп бейтапкана элет жайыт чек ара',
  ),
  ru: words(
    'и в во не на что для с со по из к у о от за до при без после через это как но или мы нас',
    'нам вы вас мне меня они их он она все всем уже ещё еще очень нет есть был была были будет',
    'нужно нужен нужна нужны надо когда где почему кто так также тоже который которые сегодня',
    'завтра спасибо пожалуйста здравствуйте просим помощь помогите вода воды воду дорога дороги',
    'дорогу школа школы школе село сёла села селе жители жителей',
  ),
  en: words(
    'the and of to in is are was were for not we our us with on this that there has have need',
    'needs please help since after from by it an no be been will must should water road school',
    'village people children broken closed thanks thank',
  ),
  tg: words(
    'ва дар ба аз ки бо барои аст нест ҳаст хаст мо шумо онҳо онхо ин низ бисёр хеле лозим зарур',
    'об роҳ рох деҳа деха деҳаи дехаи мактаб мактаби кӯдакон кудакон одамон мешавад мекунем',
    'мекунад шуд шудааст кор ёрӣ ёри чӣ',
  ),
  uz: words(
    // Latin, with the apostrophe of oʻ gʻ written as '.
    "va bilan uchun bu emas kerak yo'q yoq suv qishloq ham lekin bor juda yo'l maktab bolalar",
    "yordam bizning ular shu ko'p yaxshi hech nima hozir buzildi rahmat",
    // Cyrillic.
    'ва учун мактаб билан эмас керак йўқ йук сув қишлоқ кишлок лекин жуда йўл йул болалар ёрдам',
    'бизнинг улар кўп куп яхши ҳеч хеч нима',
  ),
};

/** Kyrgyz names of bodies and places that Russian and English texts use as they are. */
const KY_NAMES = words(
  'айыл айылы аймак аймагы өкмөт окмот өкмөтү окмоту кеңеш кенеш кеңеши кенеши айылдык',
  'aiyl okmotu kenesh aimak',
);

/** Kyrgyz written in Latin letters, as some phones and the diaspora type it. */
const KY_LATIN = words('suu jok kerek jana menen emes bul ayil jardam baldar mektep jol bizde');

const ENDINGS: Record<Language, RegExp[]> = {
  ky: [
    /(нын|нин|нун|нүн|дын|дин|дун|дүн|тын|тин|тун|түн)$/,
    /(лар|лер|лор|лөр|дар|дер|дор|дөр|тар|тер|тор|төр)(ы|и|у|ү|дын|дин|га|ге|да|де)?$/,
    /(дагы|даги|тагы|таги|догу|тогу)$/,
    /(ган|ген|гон|гөн|кан|кен|кон|көн)(ы|и|у|ү)?$/,
    /(быз|биз|буз|пыз|пиз|ыбыз|ибиз)$/,
    /(уу|үү|луу|лүү|дуу|түү|тык|лык|лик|дык|дик)$/,
    /(жатат|жатабыз|жатышат|ышат|ишет|ушат)$/,
    /(байт|бейт|бойт|бөйт|пайт|пейт|пойт|пөйт)$/,
    /(лди|лды|лду|лдү|рди|рды|рду|рдү|йди|йды|ңди|ңды|кти|пти|тти)$/,
  ],
  ru: [
    /(ого|его|ому|ему|ыми|ими)$/,
    /(ние|ния|нию|нием|ции|ция|цию)$/,
    /(ся|сь)$/,
    /(ть|ешь|ишь|ют|ят|ует|ает|яет|ете|ите)$/,
    /(ых|их|ый|ий|ая|яя|ое|ее|ые)$/,
    /(ами|ями|ов|ев)$/,
  ],
  en: [/(ing|tion|ness|ment)$/, /[a-z]{3,}ed$/, /[a-z]{2,}ly$/],
  tg: [/^ме[а-яӣӯҷқғҳ]{2,}(ад|анд|ем|ам|ед|ӣ)$/, /[а-яӣӯҷқғҳ]{2,}(ҳо|ҳои|ҳоро)$/],
  uz: [
    /(ning|нинг)$/,
    /(moqda|yapti|моқда|мокда|япти)$/,
    /(lar|ларни|larni|lari)$/,
    /(dagi|miz|siz)$/,
  ],
};

const KY_LETTERS = /[өүң]/;
const TG_LETTERS = /[ҷӣӯ]/;
const UZ_CYRILLIC_LETTER = /ў/;
const TG_UZ_LETTERS = /[қғҳ]/;
const UZ_APOSTROPHE = /[og]'(?!s$)[a-z]/;
/** Letters that native Kyrgyz, Tajik and Uzbek words hardly use but Russian uses everywhere. */
const RU_LETTERS = /[вфцщъьё]/g;
const KY_DOUBLE_VOWELS = /(аа|оо|уу|ыы|ээ|өө|үү)/;

export function detectLanguage(text: string): LanguageGuess {
  const scores: Record<Language, number> = { ky: 0, ru: 0, en: 0, tg: 0, uz: 0 };
  const normalised = text
    .slice(0, SAMPLE_CHARS)
    .toLowerCase()
    .normalize('NFC')
    .replace(/[ʻʼ’‘`´]/g, "'");

  const tokens = normalised.match(/[\p{L}']+/gu) ?? [];
  for (const raw of tokens) {
    const token = raw.replace(/^'+|'+$/g, '');
    if (!token || token.length > MAX_WORD) continue;
    // Names of bodies and places ("Ак-Сай айыл өкмөтү") turn up in every language's texts:
    // they count a little, and their letters not at all.
    if (KY_NAMES.has(token)) {
      scores.ky += 1;
      continue;
    }
    for (const language of Object.keys(WORDS) as Language[]) {
      if (WORDS[language].has(token)) scores[language] += WORD;
      else if (token.length >= 5 && ENDINGS[language].some((ending) => ending.test(token)))
        scores[language] += ENDING;
    }
    // Distinctive letters count once per word, so one long word cannot outvote a sentence.
    if (KY_LETTERS.test(token)) scores.ky += LETTER;
    if (TG_LETTERS.test(token)) scores.tg += LETTER;
    if (UZ_CYRILLIC_LETTER.test(token) || UZ_APOSTROPHE.test(token)) scores.uz += LETTER;
    if (TG_UZ_LETTERS.test(token)) {
      scores.tg += LETTER / 2;
      scores.uz += LETTER / 2;
    }
    if (/\p{Script=Cyrillic}/u.test(token)) {
      scores.ru += 0.4 * (token.match(RU_LETTERS)?.length ?? 0);
      if (KY_DOUBLE_VOWELS.test(token)) scores.ky += 1;
    } else {
      if (KY_LATIN.has(token)) scores.ky += WORD;
      // Uzbek Latin has q and x but no w, and c only in ch; English the other way round.
      scores.uz += 0.5 * (token.match(/[qx]/g)?.length ?? 0);
      scores.en += 0.5 * (token.match(/w|c(?!h)|th/g)?.length ?? 0);
    }
  }

  const ranked = (Object.entries(scores) as [Language, number][]).sort((a, b) => b[1] - a[1]);
  const [[best, top], [, second]] = ranked;
  const clear = top >= MIN_SCORE && top - second >= MARGIN;
  return { language: clear ? best : null, scores };
}

/** The detected language, else `fallback` (the author's preferred language). */
export function languageOf(text: string, fallback: Language): Language {
  return detectLanguage(text).language ?? fallback;
}
