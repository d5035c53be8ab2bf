import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { Trimmed } from '../../../common/validation/decorators.js';
import { E164 } from '../../users/dto/update-profile.dto.js';
import {
  NETWORK_STATUSES,
  type NetworkStatus,
  ORGANISATION_KINDS,
  ORGANISATION_ROLES,
  type OrganisationKind,
  type OrganisationRole,
} from '../organisation.enums.js';

export class OrganisationContactsDto {
  @ApiPropertyOptional({ format: 'email', example: 'aksai.ao@gmail.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+996372150000', description: 'E.164' })
  @IsOptional()
  @Matches(E164, { message: 'field.phoneE164' })
  phone?: string;

  @ApiPropertyOptional({ example: 'Ак-Сай айылы, Баткен району' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional({ example: 'https://aksai.kg' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(300)
  website?: string;
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Ак-Сай айыл өкмөтү', minLength: 2, maxLength: 200 })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  territoryId: string;

  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true })
  @ValidateIf((_o, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({ type: OrganisationContactsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganisationContactsDto)
  contacts?: OrganisationContactsDto;
}

/** Any field may be left out; `null` for a NOT NULL one (name, kind, territoryId) is a 400, not a database error. */
export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto, {
  skipNullProperties: false,
}) {}

export class OrganisationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ format: 'uuid', description: "Includes the territory's descendants" })
  @IsOptional()
  @IsUUID()
  territoryId?: string;

  @ApiPropertyOptional({ description: 'Text in the name or description' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: NETWORK_STATUSES })
  @IsOptional()
  @IsIn(NETWORK_STATUSES)
  networkStatus?: NetworkStatus;
}

export class AddMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: ORGANISATION_ROLES })
  @IsIn(ORGANISATION_ROLES)
  role: OrganisationRole;
}

export class ChangeMemberRoleDto {
  @ApiProperty({ enum: ORGANISATION_ROLES })
  @IsIn(ORGANISATION_ROLES)
  role: OrganisationRole;
}

export class NetworkApplicationDto {
  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  motivation?: string;
}

export class NetworkDecisionDto {
  @ApiProperty({
    description: 'true admits the organisation; false rejects it (a reason is then required)',
  })
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional({ maxLength: 5000 })
  @ValidateIf((o: NetworkDecisionDto) => o.approve === false || o.reason !== undefined)
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  reason?: string;
}

export class OrganisationViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind: OrganisationKind;

  @ApiProperty({ format: 'uuid' })
  territoryId: string;

  @ApiProperty({ nullable: true, type: String })
  description: string | null;

  @ApiProperty({ type: OrganisationContactsDto })
  contacts: OrganisationContactsDto;

  @ApiProperty({ enum: NETWORK_STATUSES })
  networkStatus: NetworkStatus;

  @ApiProperty({ nullable: true, type: String })
  networkMotivation: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  networkAppliedAt: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: "The facilitator's reason for the last decision",
  })
  networkDecisionReason: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  networkDecidedAt: string | null;

  @ApiProperty({ type: 'integer' })
  memberCount: number;

  @ApiProperty({
    enum: ORGANISATION_ROLES,
    nullable: true,
    description: "The caller's role in it, if any",
  })
  myRole: OrganisationRole | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationViewDto] })
  items: OrganisationViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class OrganisationMemberViewDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: ORGANISATION_ROLES })
  role: OrganisationRole;

  @ApiProperty({ format: 'date-time' })
  joinedAt: string;
}

export class OrganisationMemberPageDto {
  @ApiProperty({ type: [OrganisationMemberViewDto] })
  items: OrganisationMemberViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
