import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DEFAULT_LOCALE, localeOfLanguage } from '../../common/i18n/i18n.js';
import { JobQueueService } from '../../infra/jobs/job-queue.service.js';
import { NotificationBus } from '../notifications/notification-bus.js';
import { Notification } from '../notifications/notification.entity.js';
import { toView } from '../notifications/notifications.service.js';

export const OVERDUE_QUEUE = 'strategies-overdue';
/** Every hour at minute 7 (UTC), once for the whole cluster. */
export const OVERDUE_CRON = '7 * * * *';
/** Actions marked per run; a longer backlog is finished by the next runs. */
const BATCH = 1000;

export interface OverdueRun {
  /** Actions that fell overdue since they were last told about. */
  actions: number;
  notifications: number;
}

/**
 * Tells the owner organisation's representatives when one of their actions falls overdue:
 * once per action per overdue spell (a spell ends when the action is done, dropped or given a
 * later due date; see resetOverdueSpell). A scheduled job on the job queue, so one node runs
 * it; the mark and the notifications are written in one transaction, so a crash loses none
 * and repeats none, and a node that was down catches up on its next run (the query is "every
 * overdue action not yet told", not "what fell due this hour").
 */
@Injectable()
export class StrategiesOverdueJob implements OnModuleInit {
  private readonly logger = new Logger('StrategiesOverdue');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueueService,
    private readonly bus: NotificationBus,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.every(OVERDUE_QUEUE, OVERDUE_CRON, () => this.run());
  }

  async run(now: Date = new Date()): Promise<OverdueRun> {
    const { actions, saved } = await this.dataSource.transaction(async (manager) => {
      // Spells that ended (the action was fixed some other way than through the API).
      await manager.query(
        `UPDATE strategy_actions SET overdue_notified_at = NULL
          WHERE overdue_notified_at IS NOT NULL AND (due_at >= $1 OR status IN ('done', 'dropped'))`,
        [now],
      );
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [due] = await manager.query<
        [
          {
            id: string;
            strategy_id: string;
            title: Record<string, string>;
            due_at: Date;
            owner_organisation_id: string;
          }[],
          number,
        ]
      >(
        `UPDATE strategy_actions SET overdue_notified_at = $1
          WHERE id IN (SELECT id FROM strategy_actions
                        WHERE overdue_notified_at IS NULL AND due_at < $1
                          AND status NOT IN ('done', 'dropped')
                        ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING id, strategy_id, title, due_at, owner_organisation_id`,
        [now, BATCH],
      );
      if (!due.length) return { actions: 0, saved: [] as Notification[] };
      const reps = await manager.query<{ organisation_id: string; user_id: string }[]>(
        `SELECT organisation_id, user_id FROM organisation_members
          WHERE role = 'representative' AND organisation_id = ANY($1::uuid[])
          ORDER BY organisation_id, user_id`,
        [[...new Set(due.map((a) => a.owner_organisation_id))]],
      );
      const rows = due.flatMap((a) =>
        reps
          .filter((r) => r.organisation_id === a.owner_organisation_id)
          .map((r) =>
            manager.create(Notification, {
              recipientId: r.user_id,
              kind: 'action_overdue',
              issueId: null,
              actorId: null,
              payload: {
                actionId: a.id,
                strategyId: a.strategy_id,
                actionTitle: a.title,
                dueAt: a.due_at.toISOString(),
                dueDate: a.due_at.toISOString().slice(0, 10),
                organisationId: a.owner_organisation_id,
              },
              readAt: null,
            }),
          ),
      );
      const saved = rows.length ? await manager.save(rows, { chunk: 500 }) : [];
      return { actions: due.length, saved };
    });
    if (saved.length) await this.push(saved);
    if (actions)
      this.logger.log({ event: 'strategy_actions_overdue', actions, notifications: saved.length });
    return { actions, notifications: saved.length };
  }

  /** Pushed after the commit, each in its recipient's language. */
  private async push(saved: Notification[]): Promise<void> {
    const readers = await this.dataSource.query<{ id: string; preferred_language: string }[]>(
      'SELECT id, preferred_language FROM users WHERE id = ANY($1::uuid[])',
      [[...new Set(saved.map((n) => n.recipientId))]],
    );
    const language = new Map(readers.map((r) => [r.id, r.preferred_language]));
    for (const n of saved) {
      const locale = localeOfLanguage(language.get(n.recipientId)) ?? DEFAULT_LOCALE;
      this.bus.publish(n.recipientId, toView(n, locale, null));
    }
  }
}
