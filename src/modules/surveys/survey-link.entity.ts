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
import { CreatedAtMs } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import { Survey } from './survey.entity.js';

/**
 * A public link for residents without an account. Only the SHA-256 of its token is kept: the
 * token itself is shown once, when the link is made.
 */
@Entity('survey_links')
@Check('survey_links_max_check', `"max_responses" IS NULL OR "max_responses" >= 1`)
@Check('survey_links_count_check', `"response_count" >= 0`)
@Index('survey_links_survey_idx', ['surveyId', 'createdAt', 'id'])
export class SurveyLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'survey_id' })
  surveyId: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<Survey>;

  @Index('survey_links_token_key', { unique: true })
  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('int', { name: 'max_responses', nullable: true })
  maxResponses: number | null;

  @Column('int', { name: 'response_count', default: 0 })
  responseCount: number;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: Relation<User>;

  @CreatedAtMs()
  createdAt: Date;
}
