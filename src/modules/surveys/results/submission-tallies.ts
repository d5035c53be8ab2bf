import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AgeBand, Answers, Gender } from '../survey-contract.js';

/** A submission as the results see it: no ids of people, only what results group by. */
export interface TalliedSubmission {
  surveyId: string;
  version: number;
  gender: Gender;
  ageBand: AgeBand;
  territoryId: string;
  answers: Answers;
}

/**
 * Keeps whatever the results read in step with the submissions: called inside the transaction
 * that stores, revises or deletes a submission (before: null on a first store; after: null on a
 * delete). The results owner fills it in.
 */
@Injectable()
export class SubmissionTallies {
  async apply(
    _manager: EntityManager,
    _before: TalliedSubmission | null,
    _after: TalliedSubmission | null,
  ): Promise<void> {}
}
