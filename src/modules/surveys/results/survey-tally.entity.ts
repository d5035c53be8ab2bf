import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Survey } from '../survey.entity.js';

/**
 * How many submissions of a survey gave `answer` to `question_key`, per respondent gender, age
 * band and territory: the results read this instead of the submissions' answers
 * (docs/survey-results.md). Kept in step by `SubmissionTallies.apply` in the transaction that
 * stores a submission. Two reserved answers: `''` under a question counts those who answered
 * it (the base of its percentages), and question `''` answer `''` counts the submissions.
 * Derived data: rebuilt from `survey_submissions` by `rebuildTallies` whenever in doubt; it goes
 * with its survey.
 */
@Entity('survey_tallies')
@Check('survey_tallies_count_check', '"count" >= 0')
export class SurveyTally {
  @PrimaryColumn('uuid', { name: 'survey_id', primaryKeyConstraintName: 'survey_tallies_pkey' })
  surveyId: string;

  @PrimaryColumn('text', { name: 'question_key', primaryKeyConstraintName: 'survey_tallies_pkey' })
  questionKey: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'survey_tallies_pkey' })
  answer: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'survey_tallies_pkey' })
  gender: string;

  @PrimaryColumn('text', { name: 'age_band', primaryKeyConstraintName: 'survey_tallies_pkey' })
  ageBand: string;

  @PrimaryColumn('uuid', { name: 'territory_id', primaryKeyConstraintName: 'survey_tallies_pkey' })
  territoryId: string;

  @Column('integer')
  count: number;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id', foreignKeyConstraintName: 'survey_tallies_survey_fk' })
  survey?: Relation<Survey>;
}
