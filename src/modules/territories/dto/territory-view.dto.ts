import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BORDER_STATUSES,
  type BorderStatus,
  TERRITORY_LEVELS,
  type TerritoryLevel,
} from '../territory.entity.js';

export class TerritoryNameDto {
  @ApiProperty({ example: 'Ак-Сай айыл аймагы' })
  ky: string;

  @ApiProperty({ example: 'Ак-Сайский айыльный аймак' })
  ru: string;

  @ApiProperty({ example: 'Ak-Sai aiyl aimak' })
  en: string;
}

export class TerritoryViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ak-sai', description: 'Stable slug of the reference data' })
  code: string;

  @ApiProperty({ enum: TERRITORY_LEVELS })
  level: TerritoryLevel;

  @ApiProperty({ type: TerritoryNameDto })
  name: TerritoryNameDto;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId: string | null;

  @ApiPropertyOptional({ enum: BORDER_STATUSES, nullable: true })
  borderStatus: BorderStatus | null;
}

export class TerritoryPageDto {
  @ApiProperty({ type: [TerritoryViewDto] })
  items: TerritoryViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
