import {
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
import type { Answers } from './survey-contract.js';
import { SurveySubmission } from './survey-submission.entity.js';

/** The answers a submission had before a correction, with who corrected it and why. */
@Entity('survey_submission_revisions')
@Index('survey_submission_revisions_submission_idx', ['submissionId', 'createdAt'])
export class SurveySubmissionRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'submission_id' })
  submissionId: string;

  @ManyToOne(() => SurveySubmission, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id' })
  submission?: Relation<SurveySubmission>;

  @Column('jsonb', { name: 'previous_answers' })
  previousAnswers: Answers;

  @Column('jsonb')
  answers: Answers;

  @Column('text')
  reason: string;

  /** The staff member or enumerator who corrected it (never the respondent of an anonymous survey). */
  @Column('uuid', { name: 'revised_by', nullable: true })
  revisedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'revised_by' })
  revisedBy?: Relation<User>;

  @CreatedAtMs()
  createdAt: Date;
}
