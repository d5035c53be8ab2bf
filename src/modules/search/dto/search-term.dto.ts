import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';

/** Letters, digits, spaces, hyphens, dots and the apostrophes of Uzbek Latin (oʻ gʻ). */
const TERM = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} .'ʻ’-]*$/u;
const TERM_MESSAGE = 'field.termWords';

function termList(example: string[]): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    ApiPropertyOptional({ type: [String], example, maxItems: 30, minItems: 1 }),
    IsOptional(),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(30),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(100, { each: true }),
    Matches(TERM, { each: true, message: TERM_MESSAGE }),
  ];
  return (target, key) => decorators.forEach((d) => d(target, key));
}

/** A concept's terms by language; languages from the contract list only. */
export class SearchTermsByLanguageDto {
  @termList(['суу'])
  ky?: string[];

  @termList(['вода'])
  ru?: string[];

  @termList(['об'])
  tg?: string[];

  @termList(['suv', 'сув'])
  uz?: string[];

  @termList(['water'])
  en?: string[];
}

export class CreateSearchConceptDto {
  @ApiProperty({ example: 'water', description: 'A name for admins, unique', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'field.notBlank' })
  name: string;

  @ApiProperty({ type: SearchTermsByLanguageDto, description: 'At least two terms in all' })
  @IsObject()
  @ValidateNested()
  @Type(() => SearchTermsByLanguageDto)
  terms: SearchTermsByLanguageDto;
}

export class UpdateSearchConceptDto {
  @ApiPropertyOptional({ example: 'water', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'field.notBlank' })
  name?: string;

  @ApiPropertyOptional({
    type: SearchTermsByLanguageDto,
    description: 'Replaces every term of the concept',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SearchTermsByLanguageDto)
  terms?: SearchTermsByLanguageDto;
}

export class SearchTermsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Text in the name or a term (folded and romanised as search is)',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}

export class SearchConceptViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'water' })
  name: string;

  @ApiProperty({ type: SearchTermsByLanguageDto })
  terms: SearchTermsByLanguageDto;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class SearchConceptPageDto {
  @ApiProperty({ type: [SearchConceptViewDto] })
  items: SearchConceptViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
