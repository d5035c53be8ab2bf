// The shapes the ballot screens use: the hub's own, generated from its OpenAPI document.
import type { Schemas } from '../../api/client.js';

export type BallotView = Schemas['BallotViewDto'];
export type BallotIssue = Schemas['BallotIssueViewDto'];
export type VoteView = Schemas['VoteViewDto'];
export type MyOrganisation = Schemas['MyOrganisationDto'];
export type BallotResults = Schemas['BallotResultsDto'];
export type GroupResult = Pick<Schemas['KindResultDto'], 'voters' | 'voted' | 'scores'>;
export type CreateBallot = Schemas['CreateBallotDto'];
