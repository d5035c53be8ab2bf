import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SearchConcept } from './search-concept.entity.js';
import { SearchTermKey } from './search-term-key.entity.js';
import { SearchTermsController } from './search-terms.controller.js';
import { SearchTermsService } from './search-terms.service.js';

/** Folded, romanised search keys and the thesaurus that expands a query across languages. */
@Module({
  imports: [TypeOrmModule.forFeature([SearchConcept, SearchTermKey])],
  controllers: [SearchTermsController],
  providers: [SearchTermsService],
  exports: [SearchTermsService],
})
export class SearchModule {}
