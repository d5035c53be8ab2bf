import { AuthSession } from '../../modules/auth/auth-session.entity.js';
import { RefreshToken } from '../../modules/auth/refresh-token.entity.js';
import { OrganisationMember } from '../../modules/organisations/organisation-member.entity.js';
import { OrganisationInvitation } from '../../modules/organisations/organisation-invitation.entity.js';
import { Organisation } from '../../modules/organisations/organisation.entity.js';
import { Territory } from '../../modules/territories/territory.entity.js';
import { User } from '../../modules/users/user.entity.js';

/** Every entity of the schema; the migrations must match exactly these (see schema test). */
export const ENTITIES = [
  User,
  AuthSession,
  RefreshToken,
  Territory,
  Organisation,
  OrganisationMember,
  OrganisationInvitation,
];
