import { SetMetadata } from '@nestjs/common';
import type { NetworkRole } from '../../modules/users/user-role.js';

export const ROLES = 'kenesh:roles';

/** Network roles allowed on a route; services still check access to the resource itself. */
export const Roles = (...roles: NetworkRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES, roles);
