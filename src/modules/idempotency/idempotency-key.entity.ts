import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { CreatedAt } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';

export const IDEMPOTENCY_STATES = ['in_progress', 'done'] as const;
export type IdempotencyState = (typeof IDEMPOTENCY_STATES)[number];

/**
 * One `Idempotency-Key` a user sent with a POST: claimed (`in_progress`) before the handler
 * runs, then `done` with the answer exactly as it went out, so a retry gets it again. The
 * body is kept as text, not jsonb: jsonb reorders keys, and a replay must be byte for byte.
 * Rows are deleted 24 hours after `created_at` (IdempotencyService.pruneExpired).
 */
@Entity('idempotency_keys')
@Index('idempotency_keys_created_at_idx', ['createdAt'])
@Check('idempotency_keys_state_check', `"state" IN ('in_progress', 'done')`)
@Check(
  'idempotency_keys_answer_check',
  `("state" = 'done') = ("response_status" IS NOT NULL AND "completed_at" IS NOT NULL)`,
)
export class IdempotencyKey {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @PrimaryColumn('uuid')
  key: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column('text', { name: 'request_method' })
  requestMethod: string;

  /** The path as requested (ids included, query left out: POST routes take none). */
  @Column('text', { name: 'request_path' })
  requestPath: string;

  /** sha256 (hex) of the body as canonical JSON (keys sorted), to tell a retry from reuse. */
  @Column('text', { name: 'request_hash' })
  requestHash: string;

  @Column('text', { default: 'in_progress' })
  state: IdempotencyState;

  /** Who holds an `in_progress` claim; a reclaim after abandonment gets a new one. */
  @Column('uuid', { name: 'claim_token' })
  claimToken: string;

  @Column('timestamptz', { name: 'claimed_at', default: () => 'now()' })
  claimedAt: Date;

  @Column('smallint', { name: 'response_status', nullable: true })
  responseStatus: number | null;

  /** The answer's headers that a replay must repeat (content type, location). */
  @Column('jsonb', { name: 'response_headers', nullable: true })
  responseHeaders: Record<string, string> | null;

  @Column('text', { name: 'response_body', nullable: true })
  responseBody: string | null;

  @CreatedAt()
  createdAt: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;
}
