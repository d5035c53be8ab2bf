import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { LANGUAGES, type Language } from '../../../common/languages.js';

export const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * PATCH /me: every field optional; `null` clears an optional one. Fields every profile has
 * (displayName, languages, preferredLanguage) refuse `null`: `@IsOptional` would let it
 * through to a NOT NULL column and a 500.
 */
export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 100 })
  // Trimmed before the length check, so a name of blanks is refused, not stored empty.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @ValidateIf((_o, value) => value !== undefined)
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ nullable: true, maxLength: 200 })
  @ValidateIf((_o, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  position?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '+996555123456', description: 'E.164' })
  @ValidateIf((_o, value) => value !== null)
  @IsOptional()
  @IsString()
  @Matches(E164, { message: 'phone must be in E.164 form, like +996555123456' })
  phone?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES, isArray: true })
  @ValidateIf((_o, value) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ArrayUnique()
  @IsIn(LANGUAGES, { each: true })
  languages?: Language[];

  @ApiPropertyOptional({ enum: LANGUAGES })
  @ValidateIf((_o, value) => value !== undefined)
  @IsIn(LANGUAGES)
  preferredLanguage?: Language;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @ValidateIf((_o, value) => value !== null)
  @IsOptional()
  @IsUUID()
  territoryId?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 2000 })
  @ValidateIf((_o, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  bio?: string | null;
}
