import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { Roles } from '../../common/decorators/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import {
  CreateSearchConceptDto,
  SearchConceptPageDto,
  SearchConceptViewDto,
  SearchTermsQueryDto,
  UpdateSearchConceptDto,
} from './dto/search-term.dto.js';
import { SearchTermsService } from './search-terms.service.js';

/** The search thesaurus: read by every member, edited by admins. */
@ApiTags('search')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('search-terms')
export class SearchTermsController {
  constructor(private readonly searchTerms: SearchTermsService) {}

  @Get()
  @ApiOperation({
    summary: 'List the search thesaurus',
    description:
      'Concepts with their terms per language; a search for one term also finds the others. Filter by text in the name or a term.',
  })
  @ApiOkResponse({ type: SearchConceptPageDto })
  @ApiProblems(400)
  listSearchTerms(@Query() query: SearchTermsQueryDto): Promise<SearchConceptPageDto> {
    return this.searchTerms.list(query);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Add a concept to the search thesaurus (admins)',
    description:
      'A term may belong to one concept only (409 otherwise); at least two terms, languages ky, ru, en, tg, uz. Audited.',
  })
  @ApiCreatedResponse({ type: SearchConceptViewDto })
  @ApiProblems(400, 403, 409)
  addSearchConcept(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateSearchConceptDto,
  ): Promise<SearchConceptViewDto> {
    return this.searchTerms.create(actor, body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Rename a concept or replace its terms (admins)',
    description: 'Given terms replace all of the concept’s terms. Audited.',
  })
  @ApiOkResponse({ type: SearchConceptViewDto })
  @ApiProblems(400, 403, 404, 409)
  updateSearchConcept(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateSearchConceptDto,
  ): Promise<SearchConceptViewDto> {
    return this.searchTerms.update(actor, id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a concept from the search thesaurus (admins)',
    description: 'Its terms no longer expand searches. Audited.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(400, 403, 404)
  removeSearchConcept(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.searchTerms.remove(actor, id);
  }
}
