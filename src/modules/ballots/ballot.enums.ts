import type { IssueStatus } from '../issues/issue.enums.js';
import type { OrganisationKind } from '../organisations/organisation.enums.js';

/** approval: tick up to maxChoices; ranked: order up to maxChoices; dot: spread a budget of points. */
export const BALLOT_METHODS = ['approval', 'ranked', 'dot'] as const;
export type BallotMethod = (typeof BALLOT_METHODS)[number];

/** `open` until a facilitator closes it or its closesAt passes; then `closed`. */
export const BALLOT_STATUSES = ['open', 'closed'] as const;
export type BallotStatus = (typeof BALLOT_STATUSES)[number];

/**
 * Issues a ballot can choose among: those still being worked out. Later statuses have been
 * chosen already (prioritised, escalated, …) or are finished (resolved, closed, merged).
 */
export const CHOOSABLE_STATUSES: readonly IssueStatus[] = ['raised', 'discussing'];

/** Authorities are addressed by the network's priorities; they do not vote on them. */
export const NON_VOTING_KINDS: readonly OrganisationKind[] = [
  'state_administration',
  'government_body',
];

export const MIN_BALLOT_ISSUES = 2;
export const MAX_BALLOT_ISSUES = 50;
export const MAX_DOT_BUDGET = 1000;
