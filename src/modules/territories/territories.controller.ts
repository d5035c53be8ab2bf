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
  @ApiOperation({ summary: 'List territories (filter by parent or level)' })
  @ApiOkResponse({ type: TerritoryPageDto })
  @ApiProblems(400)
  list(@Query() query: TerritoriesQueryDto): Promise<TerritoryPageDto> {
    return this.territories.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One territory' })
  @ApiOkResponse({ type: TerritoryViewDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string): Promise<TerritoryViewDto> {
    return this.territories.get(id);
  }
}
