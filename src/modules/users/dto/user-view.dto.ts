import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LANGUAGES, type Language } from '../../../common/languages.js';
import {
  ORGANISATION_ROLES,
  type OrganisationRole,
} from '../../organisations/organisation.enums.js';
import { NETWORK_ROLES, type NetworkRole } from '../user-role.js';

export class UserOrganisationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ORGANISATION_ROLES })
  role: OrganisationRole;
}

/**
 * A member profile. `email` and `phone` are present only for the profile's owner, network
 * members (people whose organisation the network admitted) and facilitators/admins.
 */
export class UserViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiPropertyOptional({ format: 'email', example: 'aibek@ak-sai.kg' })
  email?: string;

  @ApiProperty({ example: 'Айбек Ташиев' })
  displayName: string;

  @ApiProperty({ enum: NETWORK_ROLES })
  role: NetworkRole;

  @ApiProperty({ enum: LANGUAGES })
  preferredLanguage: Language;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Айыл өкмөтүнүн башчысы' })
  position?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+996555123456' })
  phone?: string | null;

  @ApiProperty({ enum: LANGUAGES, isArray: true })
  languages: Language[];

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  territoryId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  bio?: string | null;

  @ApiProperty({ type: [UserOrganisationDto] })
  organisations: UserOrganisationDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserViewDto] })
  items: UserViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
