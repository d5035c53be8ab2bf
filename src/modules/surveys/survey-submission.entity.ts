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
import { CreatedAtMs, sqlList, UpdatedAt } from '../../common/database/columns.js';
import { Territory } from '../territories/territory.entity.js';
import { User } from '../users/user.entity.js';
import {
  AGE_BANDS,
  GENDERS,
  SUBMISSION_MODES,
  type AgeBand,
  type Answers,
  type Gender,
  type SubmissionMode,
} from './survey-contract.js';
import { SurveyLink } from './survey-link.entity.js';
import { SurveyVersion } from './survey-version.entity.js';
import { Survey } from './survey.entity.js';

/**
 * One filled form, under the id the client made (so a replay finds it). `entered_by` is null
 * in anonymous surveys and for public links: no user id is ever stored with those answers.
 */
@Entity('survey_submissions')
@Check('survey_submissions_mode_check', `"mode" IN (${sqlList(SUBMISSION_MODES)})`)
@Check('survey_submissions_gender_check', `"gender" IN (${sqlList(GENDERS)})`)
@Check('survey_submissions_age_band_check', `"age_band" IN (${sqlList(AGE_BANDS)})`)
@Index('survey_submissions_survey_idx', ['surveyId', 'createdAt', 'id'])
@Index('survey_submissions_entered_by_idx', ['enteredById', 'surveyId', 'createdAt', 'id'])
@Index('survey_submissions_one_online_per_person', ['surveyId', 'enteredById'], {
  unique: true,
  where: `"mode" = 'online' AND "entered_by" IS NOT NULL`,
})
export class SurveySubmission {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'survey_id' })
  surveyId: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<Survey>;

  @Column('int')
  version: number;

  @ManyToOne(() => SurveyVersion, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'survey_id', referencedColumnName: 'surveyId' },
    { name: 'version', referencedColumnName: 'version' },
  ])
  surveyVersion?: Relation<SurveyVersion>;

  @Column('text')
  mode: SubmissionMode;

  @Column('text')
  gender: Gender;

  @Column('text', { name: 'age_band' })
  ageBand: AgeBand;

  @Index('survey_submissions_territory_idx')
  @Column('uuid', { name: 'territory_id' })
  territoryId: string;

  @ManyToOne(() => Territory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<Territory>;

  @Column('jsonb')
  answers: Answers;

  @Column('date', { name: 'collected_on', nullable: true })
  collectedOn: string | null;

  @Column('uuid', { name: 'entered_by', nullable: true })
  enteredById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'entered_by' })
  enteredBy?: Relation<User>;

  @Index('survey_submissions_link_idx')
  @Column('uuid', { name: 'link_id', nullable: true })
  linkId: string | null;

  @ManyToOne(() => SurveyLink, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'link_id' })
  link?: Relation<SurveyLink>;

  /** SHA-256 of the canonical JSON of what the first PUT carried: a replay must match it. */
  @Column('text', { name: 'content_hash' })
  contentHash: string;

  @CreatedAtMs()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
