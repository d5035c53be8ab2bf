import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IssuesModule } from '../issues/issues.module.js';
import { SearchModule } from '../search/search.module.js';
import { LegalAct } from './legal-act.entity.js';
import { LegalIssueLink } from './legal-issue-link.entity.js';
import { LegalProvision } from './legal-provision.entity.js';
import {
  IssueLegalBasisController,
  IssueLinksController,
  LegalActsController,
  ProvisionsController,
} from './legal.controller.js';
import { LegalService } from './legal.service.js';

/** The legal library (issue 13): acts, provisions, links to issues. docs/legal-library.md. */
@Module({
  imports: [
    TypeOrmModule.forFeature([LegalAct, LegalProvision, LegalIssueLink]),
    IssuesModule,
    SearchModule,
  ],
  controllers: [
    LegalActsController,
    ProvisionsController,
    IssueLinksController,
    IssueLegalBasisController,
  ],
  providers: [LegalService],
})
export class LegalModule {}
