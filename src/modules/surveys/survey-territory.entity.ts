import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Territory } from '../territories/territory.entity.js';
import { Survey } from './survey.entity.js';

/** The territories a survey covers: a respondent's village must lie within one of them. */
@Entity('survey_territories')
export class SurveyTerritory {
  @PrimaryColumn('uuid', { name: 'survey_id' })
  surveyId: string;

  @Index('survey_territories_territory_idx')
  @PrimaryColumn('uuid', { name: 'territory_id' })
  territoryId: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<Survey>;

  @ManyToOne(() => Territory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<Territory>;
}
