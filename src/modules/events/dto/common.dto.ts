import { ValidateBy, type ValidationOptions } from 'class-validator';
import { LANGUAGES } from '../../../common/languages.js';
import { LanguageText } from '../../../common/validation/decorators.js';

/** A multilingual object has text in at least one language. */
export function HasSomeLanguage(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasSomeLanguage',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          LANGUAGES.some((l) => typeof (value as Record<string, unknown>)[l] === 'string'),
      },
    },
    { message: 'events.someLanguage', ...options },
  );
}

/** A short multilingual text (a title): `{ ky, ru, … }`, at least one. */
export class LocalisedTitleDto {
  @LanguageText(200, 'Суу боюнча тегерек үстөл')
  ky?: string;

  @LanguageText(200, 'Круглый стол по воде')
  ru?: string;

  @LanguageText(200)
  en?: string;

  @LanguageText(200)
  tg?: string;

  @LanguageText(200)
  uz?: string;
}

/** A long multilingual text (minutes): `{ ky, ru, … }`, at least one. */
export class LocalisedLongTextDto {
  @LanguageText(50000)
  ky?: string;

  @LanguageText(50000)
  ru?: string;

  @LanguageText(50000)
  en?: string;

  @LanguageText(50000)
  tg?: string;

  @LanguageText(50000)
  uz?: string;
}
