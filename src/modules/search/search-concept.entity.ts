import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../common/database/columns.js';
import type { Language } from '../../common/languages.js';

/** A thesaurus concept: the network's word for one thing, in each language it is written in. */
@Entity('search_concepts')
@Index('search_concepts_name_key', ['name'], { unique: true })
@Check('search_concepts_name_length_check', `char_length("name") BETWEEN 1 AND 100`)
@Check('search_concepts_terms_check', `jsonb_typeof("terms") = 'object'`)
export class SearchConcept {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_search_concepts' })
  id: string;

  @Column('text')
  name: string;

  /** `{ "ky": ["суу"], "ru": ["вода"], … }`; each term's key is in `search_term_keys`. */
  @Column('jsonb')
  terms: Partial<Record<Language, string[]>>;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
