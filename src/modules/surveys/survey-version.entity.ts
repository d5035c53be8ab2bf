import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { CreatedAt } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import type { SurveyQuestion } from './survey-contract.js';
import { Survey } from './survey.entity.js';

/** One version of a survey's questions, retired ones included; never changed once answered. */
@Entity('survey_versions')
export class SurveyVersion {
  @PrimaryColumn('uuid', { name: 'survey_id' })
  surveyId: string;

  @PrimaryColumn('int')
  version: number;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<Survey>;

  @Column('jsonb')
  questions: SurveyQuestion[];

  @Column('uuid', { name: 'created_by', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: Relation<User>;

  @CreatedAt()
  createdAt: Date;
}
