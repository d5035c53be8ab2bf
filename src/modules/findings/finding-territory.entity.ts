import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Territory } from '../territories/territory.entity.js';
import { Finding } from './finding.entity.js';

/** The territories a finding speaks of. */
@Entity('finding_territories')
export class FindingTerritory {
  @PrimaryColumn('uuid', { name: 'finding_id' })
  findingId: string;

  @Index('finding_territories_territory_id_idx')
  @PrimaryColumn('uuid', { name: 'territory_id' })
  territoryId: string;

  @ManyToOne(() => Finding, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'finding_id' })
  finding?: Relation<Finding>;

  @ManyToOne(() => Territory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<Territory>;
}
