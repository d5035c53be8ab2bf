import { ApiProperty } from '@nestjs/swagger';
import { INVITATION_STATUSES, type InvitationStatus } from '../organisation-invitation.entity.js';
import { ORGANISATION_ROLES, type OrganisationRole } from '../organisation.enums.js';

export class InvitationViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  organisationName: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ enum: ORGANISATION_ROLES })
  role: OrganisationRole;

  @ApiProperty({ enum: INVITATION_STATUSES })
  status: InvitationStatus;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  invitedById: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class InvitationListDto {
  @ApiProperty({ type: [InvitationViewDto] })
  items: InvitationViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
