import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobQueueService } from '../../infra/jobs/job-queue.service.js';
import { BallotsService } from './ballots.service.js';

export const BALLOT_CLOSE_QUEUE = 'ballots-close-due';
/** Every minute (UTC), once for the whole cluster. */
export const BALLOT_CLOSE_CRON = '* * * * *';

/**
 * Closes ballots whose closesAt has passed. A scheduled job on the job queue, so one node of the
 * cluster runs each minute's; reads never wait for it (a ballot past closesAt already counts as
 * closed: no vote is taken, and the results route closes it on the spot).
 */
@Injectable()
export class BallotsCloser implements OnModuleInit {
  constructor(
    private readonly ballots: BallotsService,
    private readonly jobs: JobQueueService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.every(BALLOT_CLOSE_QUEUE, BALLOT_CLOSE_CRON, async () => ({
      closed: await this.ballots.closeDue(),
    }));
  }
}
