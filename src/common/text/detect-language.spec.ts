import type { Language } from '../languages.js';
import { detectLanguage, languageOf } from './detect-language.js';

const CASES: [Language, string][] = [
  // Kyrgyz, written properly.
  ['ky', 'Сугат суусун бөлүштүрүүнүн графиги сакталбай жатат'],
  ['ky', 'Көк-Таш мектебинде мугалимдер жетишпейт. Жаштар комитети жардам сурайт.'],
  ['ky', 'Айылдык кеңештин жыйыны бүгүн саат 10до болот.'],
  // Kyrgyz on a phone keyboard without ө ү ң.
  ['ky', 'суу жок, арык бузулду, жардам керек'],
  ['ky', 'Кок-Таш айылында уч кундон бери суу жок'],
  ['ky', 'Мектептин чатыры агып жатат, балдар окуй албай калды'],
  ['ky', 'Жол бузулган, машина отпойт, айыл окмоту эмне кылып жатат?'],
  ['ky', 'Жайыттарга баруучу жол жабылды'],
  ['ky', 'бул маселе боюнча жыйын качан болот'],
  // Kyrgyz with Russian words mixed in, as people talk.
  ['ky', 'Ремонт керек, дорога бузулду, район администрациясы жооп бербей жатат'],
  ['ky', 'Суу жок уже неделю, жардам керек'],
  // Kyrgyz in Latin letters.
  ['ky', 'suu jok, jardam kerek'],
  // Russian.
  ['ru', 'Дорога Ак-Татыр — Баткен закрыта после селя'],
  ['ru', 'Нет воды в селе уже третий день, просим помочь'],
  ['ru', 'Очереди на пункте пропуска для жителей приграничья'],
  ['ru', 'Из-за дороги 60 детей не ходят в школу'],
  ['ru', 'Когда будет ремонт моста в Кок-Таше?'],
  ['ru', 'Просим рассмотреть вопрос распределения поливной воды'],
  // Russian naming Kyrgyz places and bodies.
  ['ru', 'Айыл окмоту Ак-Сая не отвечает на обращения жителей'],
  ['ru', 'Обращение жителей в Ак-Сай айыл өкмөтү осталось без ответа'],
  ['ru', 'Обращение в айыл окмоту'],
  ['ru', 'Когда вы приедете?'],
  // Kyrgyz, short.
  ['ky', 'Аким бизге жооп бербейт'],
  ['ky', 'мектепке жаны мугалим келди'],
  ['ky', 'Айылдык кеңештин сессиясы өттү'],
  // English.
  ['en', 'The road to Ak-Sai has been closed since the mudflow'],
  ['en', 'No drinking water in the village, please help'],
  ['en', 'Training for aiyl okmotu staff on budgeting'],
  // Tajik, with and without its letters.
  ['tg', 'Дар деҳаи мо об нест, ба мо ёрӣ лозим аст'],
  ['tg', 'Роҳи мактаб вайрон шудааст ва кӯдакон ба мактаб намераванд'],
  ['tg', 'дар дехаи мо об нест, ёри лозим аст'],
  // Uzbek, Latin and Cyrillic.
  ['uz', "Qishloqda suv yo'q, yordam kerak"],
  ['uz', 'Qishloqda ichimlik suvi yoʻq, bolalar maktabga bora olmayapti'],
  ['uz', 'Кишлокда сув йук, ёрдам керак'],
  ['uz', 'Қишлоқда сув йўқ, болалар мактабга бора олмаяпти'],
];

describe('detectLanguage', () => {
  it.each(CASES)('%s: %s', (language, text) => {
    const guess = detectLanguage(text);
    expect({ text, language: guess.language }).toEqual({ text, language });
  });

  it('says nothing when the text says nothing', () => {
    for (const text of ['', '   ', '12345', 'Ак-Сай', 'OK', '!!!', 'Кок-Таш 2026'])
      expect({ text, language: detectLanguage(text).language }).toEqual({ text, language: null });
  });

  it('falls back to the given language when unsure, and only then', () => {
    expect(languageOf('Ак-Сай', 'ru')).toBe('ru');
    expect(languageOf('Ак-Сай', 'uz')).toBe('uz');
    expect(languageOf('суу жок, жардам керек', 'ru')).toBe('ky');
    expect(languageOf('Нет воды в селе, просим помочь', 'ky')).toBe('ru');
  });

  it('copes with long texts and odd characters without throwing', () => {
    expect(detectLanguage('ы'.repeat(20_000)).language).toBeNull();
    expect(detectLanguage('суу жок '.repeat(2_000)).language).toBe('ky');
    expect(detectLanguage('\u0000\ud800 ʻ’` 😀').language).toBeNull();
  });
});
