import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Territory } from '../territories/territory.entity.js';
import { Issue } from './issue.entity.js';

/** The territories an issue affects (one or more). */
@Entity('issue_territories')
export class IssueTerritory {
  @PrimaryColumn('uuid', { name: 'issue_id' })
  issueId: string;

  @Index('issue_territories_territory_id_idx')
  @PrimaryColumn('uuid', { name: 'territory_id' })
  territoryId: string;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;

  @ManyToOne(() => Territory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<Territory>;
}
