import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Trimmed } from '../../../common/validation/decorators.js';
import { LANGUAGES, type Language } from '../../../common/languages.js';

export class RegisterDto {
  @ApiProperty({ format: 'email', example: 'aibek@ak-sai.kg' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Айбек Ташиев', minLength: 2, maxLength: 100 })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  displayName: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'ky' })
  @IsOptional()
  @IsIn(LANGUAGES)
  preferredLanguage?: Language;
}
