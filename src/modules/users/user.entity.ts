import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAt, UpdatedAt, sqlList } from '../../common/database/columns.js';
import { LANGUAGES, type Language } from '../../common/languages.js';
import { Territory } from '../territories/territory.entity.js';
import { NETWORK_ROLES, type NetworkRole } from './user-role.js';

@Entity('users')
@Index('users_display_name_id_idx', ['displayName', 'id'])
// Trigram index on the search key of name, position and bio for `q` (migration SearchFolding).
@Index('users_search_key_trgm_idx', { synchronize: false })
@Check('users_role_check', `"role" IN (${sqlList(NETWORK_ROLES)})`)
@Check('users_preferred_language_check', `"preferred_language" IN (${sqlList(LANGUAGES)})`)
@Check('users_languages_check', `"languages" <@ ARRAY[${sqlList(LANGUAGES)}]::text[]`)
@Check('users_email_lower_check', `"email" = lower("email")`)
@Check('users_phone_e164_check', `"phone" ~ '^\\+[1-9][0-9]{6,14}$'`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased, so the unique index is case-insensitive. */
  @Index('users_email_key', { unique: true })
  @Column('text')
  email: string;

  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { default: 'member' })
  role: NetworkRole;

  @Column('text', { name: 'preferred_language', default: 'ky' })
  preferredLanguage: Language;

  @Column('text', { nullable: true })
  position: string | null;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  languages: Language[];

  @Index('users_territory_id_idx')
  @Column('uuid', { name: 'territory_id', nullable: true })
  territoryId: string | null;

  @ManyToOne(() => Territory, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<Territory>;

  @Column('text', { nullable: true })
  bio: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
