import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAt } from '../../common/database/columns.js';

/** Keys the surveys need, made once by the hub (the respondent-mark key: `mark`). */
@Entity('survey_secrets')
@Check('survey_secrets_value_check', `char_length("value") >= 32`)
export class SurveySecret {
  @PrimaryColumn('text')
  name: string;

  @Column('text')
  value: string;

  @CreatedAt()
  createdAt: Date;
}
