import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { NETWORK_ROLES, type NetworkRole } from '../user-role.js';

export class SetRoleDto {
  @ApiProperty({ enum: NETWORK_ROLES })
  @IsIn(NETWORK_ROLES)
  role: NetworkRole;
}
