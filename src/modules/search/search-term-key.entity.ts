import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { SearchConcept } from './search-concept.entity.js';

/**
 * The search key of every term of a concept (`searchTermKey()`): the query side looks words up
 * here, and the primary key keeps a term in one concept only.
 */
@Entity('search_term_keys')
@Check('search_term_keys_key_length_check', `char_length("key") BETWEEN 1 AND 200`)
export class SearchTermKey {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_search_term_keys' })
  key: string;

  @Index('search_term_keys_concept_id_idx')
  @Column('uuid', { name: 'concept_id' })
  conceptId: string;

  @ManyToOne(() => SearchConcept, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concept_id', foreignKeyConstraintName: 'search_term_keys_concept_id_fkey' })
  concept?: Relation<SearchConcept>;
}
