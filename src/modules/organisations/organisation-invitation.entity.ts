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
import { CreatedAtMs, sqlList } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import { Organisation } from './organisation.entity.js';
import { ORGANISATION_ROLES, type OrganisationRole } from './organisation.enums.js';

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'cancelled'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** A representative asks someone to join; they become a member only when they accept. */
@Entity('organisation_invitations')
@Check('organisation_invitations_role_check', `"role" IN (${sqlList(ORGANISATION_ROLES)})`)
@Check('organisation_invitations_status_check', `"status" IN (${sqlList(INVITATION_STATUSES)})`)
@Index('organisation_invitations_one_pending', ['organisationId', 'userId'], {
  unique: true,
  where: `"status" = 'pending'`,
})
export class OrganisationInvitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @Index('organisation_invitations_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column('text')
  role: OrganisationRole;

  @Column('text', { default: 'pending' })
  status: InvitationStatus;

  @Column('uuid', { name: 'invited_by', nullable: true })
  invitedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invited_by' })
  invitedBy?: Relation<User>;

  @CreatedAtMs()
  createdAt: Date;

  @Column('timestamptz', { name: 'responded_at', nullable: true })
  respondedAt: Date | null;
}
