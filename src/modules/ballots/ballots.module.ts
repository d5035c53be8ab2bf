import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IssuesModule } from '../issues/issues.module.js';
import { BallotIssue } from './ballot-issue.entity.js';
import { BallotVote, BallotVoteRevision } from './ballot-vote.entity.js';
import { BallotVoter } from './ballot-voter.entity.js';
import { Ballot } from './ballot.entity.js';
import { BallotsCloser } from './ballots-closer.js';
import { BallotsController } from './ballots.controller.js';
import { BallotsService } from './ballots.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Ballot, BallotIssue, BallotVoter, BallotVote, BallotVoteRevision]),
    IssuesModule,
  ],
  controllers: [BallotsController],
  providers: [BallotsService, BallotsCloser],
  exports: [BallotsService],
})
export class BallotsModule {}
