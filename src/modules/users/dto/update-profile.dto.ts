import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  OptionalNotNull,
  OptionalNullable,
  Trimmed,
} from '../../../common/validation/decorators.js';
import { LANGUAGES, type Language } from '../../../common/languages.js';

export const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * PATCH /me: every field optional; `null` clears an optional one. Fields every profile has
 * (displayName, languages, preferredLanguage) refuse `null`.
 */
export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 100 })
  @Trimmed()
  @OptionalNotNull()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @OptionalNullable()
  @IsString()
  @MaxLength(200)
  position?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '+996555123456',
    description: 'E.164',
  })
  @OptionalNullable()
  @IsString()
  @Matches(E164, { message: 'field.phoneE164' })
  phone?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ArrayUnique()
  @IsIn(LANGUAGES, { each: true })
  languages?: Language[];

  @ApiPropertyOptional({ enum: LANGUAGES })
  @OptionalNotNull()
  @IsIn(LANGUAGES)
  preferredLanguage?: Language;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @OptionalNullable()
  @IsUUID()
  territoryId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @OptionalNullable()
  @IsString()
  @MaxLength(2000)
  bio?: string | null;
}
