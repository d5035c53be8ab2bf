import { Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Survey } from './survey.entity.js';

/**
 * "This person has answered this anonymous survey", as HMAC-SHA256(secret, surveyId:userId).
 * Deliberately nothing else: no submission id, no time, so a mark cannot be joined to an
 * answer. The secret is `KENESH_SURVEY_MARK_SECRET` or, unset, the one in `survey_secrets`.
 */
@Entity('survey_respondent_marks')
export class SurveyRespondentMark {
  @PrimaryColumn('uuid', { name: 'survey_id' })
  surveyId: string;

  @PrimaryColumn('text')
  mark: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<Survey>;
}
