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
import { CreatedAtMs, UpdatedAt, sqlList } from '../../common/database/columns.js';
import { LANGUAGES, type Language } from '../../common/languages.js';
import { Issue } from '../issues/issue.entity.js';
import { ISSUE_CATEGORIES, type IssueCategory } from '../issues/issue.enums.js';
import { User } from '../users/user.entity.js';
import type { FrozenSurveyEvidence } from './frozen-evidence.js';

/**
 * A statement of a problem with its evidence: survey result cells frozen when it was recorded
 * (`survey_evidence`, with the minimum cell size used) and/or focus groups (`finding_events`).
 * It may raise one issue thread (`issue_id`). See docs/findings.md.
 */
@Entity('findings')
@Index('findings_newest_idx', ['createdAt', 'id'])
@Index('findings_issue_id_idx', ['issueId'])
@Check('findings_category_check', `"category" IN (${sqlList(ISSUE_CATEGORIES)})`)
@Check('findings_language_check', `"language" IN (${sqlList(LANGUAGES)})`)
@Check('findings_statement_length_check', `char_length("statement") BETWEEN 3 AND 5000`)
@Check(
  'findings_survey_evidence_check',
  `("survey_id" IS NULL) = ("survey_evidence" IS NULL) AND ("survey_id" IS NULL) = ("frozen_at" IS NULL)`,
)
@Check('findings_raised_check', `("issue_id" IS NULL) = ("raised_at" IS NULL)`)
export class Finding {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  statement: string;

  @Column('text')
  language: Language;

  @Index('findings_category_idx')
  @Column('text')
  category: IssueCategory;

  /** The survey cited; no foreign key, so a finding keeps its frozen cells if it goes. */
  @Index('findings_survey_id_idx')
  @Column('uuid', { name: 'survey_id', nullable: true })
  surveyId: string | null;

  /** The cited results as they were when the finding was recorded. */
  @Column('jsonb', { name: 'survey_evidence', nullable: true })
  surveyEvidence: FrozenSurveyEvidence | null;

  @Column('timestamptz', { name: 'frozen_at', nullable: true })
  frozenAt: Date | null;

  @Column('uuid', { name: 'issue_id', nullable: true })
  issueId: string | null;

  @ManyToOne(() => Issue, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;

  @Column('timestamptz', { name: 'raised_at', nullable: true })
  raisedAt: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: Relation<User>;

  @CreatedAtMs()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
