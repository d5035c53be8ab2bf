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
import { CreatedAtMs, sqlList, UpdatedAt } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import {
  LOWEST_MIN_CELL_SIZE,
  SURVEY_STATUSES,
  type LocalisedText,
  type SurveyAudience,
  type SurveyStatus,
} from './survey-contract.js';

/** A survey: its settings and state; its questions live in `survey_versions`. */
@Entity('surveys')
@Check('surveys_status_check', `"status" IN (${sqlList(SURVEY_STATUSES)})`)
@Check('surveys_min_cell_size_check', `"min_cell_size" >= ${LOWEST_MIN_CELL_SIZE}`)
@Check(
  'surveys_dates_check',
  `"closes_at" IS NULL OR "opens_at" IS NULL OR "closes_at" > "opens_at"`,
)
@Index('surveys_created_idx', ['createdAt', 'id'])
export class Survey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('jsonb')
  title: LocalisedText;

  @Column('jsonb', { nullable: true })
  description: LocalisedText | null;

  @Column('boolean')
  anonymous: boolean;

  @Column('int', { name: 'min_cell_size' })
  minCellSize: number;

  @Column('text', { array: true, default: () => "'{}'" })
  audiences: SurveyAudience[];

  @Column('timestamptz', { name: 'opens_at', nullable: true })
  opensAt: Date | null;

  @Column('timestamptz', { name: 'closes_at', nullable: true })
  closesAt: Date | null;

  @Column('text')
  status: SurveyStatus;

  @Column('int', { name: 'current_version' })
  currentVersion: number;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: Relation<User>;

  /** Set by the first stored submission; from then on `anonymous` and `minCellSize` are fixed. */
  @Column('timestamptz', { name: 'first_submission_at', nullable: true })
  firstSubmissionAt: Date | null;

  @CreatedAtMs()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
