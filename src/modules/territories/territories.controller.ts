import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/decorators/public.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { TerritoriesQueryDto } from './dto/territories-query.dto.js';
import { TerritoryPageDto, TerritoryViewDto } from './dto/territory-view.dto.js';
import { TerritoriesService } from './territories.service.js';

/** Reference data, public so a sign-up form can offer the territory tree before login. */
@ApiTags('territories')
@Public()
@Controller('territories')
export class TerritoriesController {
  constructor(private readonly territories: TerritoriesService) {}

  @Get()
  @ApiOperation({
    summary: 'List territories',
    description:
      'Lists the territory tree of Batken district, filtered by parent or level; public, so a sign-up form can offer it before login.',
  })
  @ApiOkResponse({ type: TerritoryPageDto })
  @ApiProblems(400)
  listTerritories(@Query() query: TerritoriesQueryDto): Promise<TerritoryPageDto> {
    return this.territories.list(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One territory',
    description: 'Answers one territory of the tree by id; public.',
  })
  @ApiOkResponse({ type: TerritoryViewDto })
  @ApiProblems(400, 404)
  getTerritory(@UuidParam('id') id: string): Promise<TerritoryViewDto> {
    return this.territories.get(id);
  }
}
