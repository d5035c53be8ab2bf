import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TerritoriesModule } from '../territories/territories.module.js';
import { InvitationsController } from './invitations.controller.js';
import { OrganisationInvitation } from './organisation-invitation.entity.js';
import { OrganisationMember } from './organisation-member.entity.js';
import { Organisation } from './organisation.entity.js';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsService } from './organisations.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Organisation, OrganisationMember, OrganisationInvitation]),
    TerritoriesModule,
  ],
  controllers: [OrganisationsController, InvitationsController],
  providers: [OrganisationsService],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
