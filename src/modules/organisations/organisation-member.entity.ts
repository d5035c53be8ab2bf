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
import { CreatedAt, sqlList } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import { Organisation } from './organisation.entity.js';
import { ORGANISATION_ROLES, type OrganisationRole } from './organisation.enums.js';

@Entity('organisation_members')
@Check('organisation_members_role_check', `"role" IN (${sqlList(ORGANISATION_ROLES)})`)
export class OrganisationMember {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Index('organisation_members_user_id_idx')
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column('text')
  role: OrganisationRole;

  @CreatedAt()
  createdAt: Date;
}
