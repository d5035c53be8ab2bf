import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { TERRITORY_LEVELS, type TerritoryLevel } from '../territory.entity.js';

export class TerritoriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only the direct children of this territory',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ enum: TERRITORY_LEVELS })
  @IsOptional()
  @IsIn(TERRITORY_LEVELS)
  level?: TerritoryLevel;
}
