import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { deleteInBatches } from '../../infra/database/delete-in-batches.js';

/** Keys are kept at least this long after their first use (the contract says 24 hours). */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
/**
 * A claim still `in_progress` after this long is taken to be abandoned (its node died
 * mid-request) and the next retry may run the request again. Far longer than any handler
 * takes; short enough that a phone's retry loop gets through within minutes.
 */
export const IDEMPOTENCY_ABANDONED_AFTER_SECONDS = 120;

export interface RequestFingerprint {
  method: string;
  path: string;
  hash: string;
}

export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  /** `null`: the answer had no body at all. */
  body: string | null;
}

export type Claim =
  | { kind: 'claimed'; token: string }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

interface KeyRow {
  request_method: string;
  request_path: string;
  request_hash: string;
  state: 'in_progress' | 'done';
  claim_token: string;
  abandoned: boolean;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
}

/**
 * The `idempotency_keys` table. Each statement commits on its own: the claim must be visible
 * to every node before the handler runs, so that a duplicate arriving elsewhere sees it.
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger('Idempotency');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims `key` for this request, or says what to do instead: replay the stored answer,
   * refuse a key reused for another request, or refuse while the first is still running.
   */
  async claim(userId: string, key: string, request: RequestFingerprint): Promise<Claim> {
    // A row can vanish between the INSERT and the SELECT (released after a 5xx, pruned):
    // then the INSERT is tried again. Three rounds are plenty; each needs a concurrent delete.
    for (let round = 0; round < 3; round += 1) {
      const token = randomUUID();
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_keys
           (user_id, key, request_method, request_path, request_hash, claim_token)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id, key) DO NOTHING
         RETURNING 1`,
        [userId, key, request.method, request.path, request.hash, token],
      );
      if (inserted.length) return { kind: 'claimed', token };

      const rows: KeyRow[] = await this.dataSource.query(
        `SELECT request_method, request_path, request_hash, state, claim_token,
                response_status, response_headers, response_body,
                claimed_at < now() - make_interval(secs => $3) AS abandoned
           FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [userId, key, IDEMPOTENCY_ABANDONED_AFTER_SECONDS],
      );
      const row = rows[0];
      if (!row) continue;
      if (
        row.request_method !== request.method ||
        row.request_path !== request.path ||
        row.request_hash !== request.hash
      ) {
        return { kind: 'mismatch' };
      }
      if (row.state === 'done') {
        return {
          kind: 'replay',
          answer: {
            status: row.response_status ?? 200,
            headers: row.response_headers ?? {},
            body: row.response_body,
          },
        };
      }
      if (!row.abandoned) return { kind: 'in_progress' };
      // Take over an abandoned claim; only one of several retries can swap the token.
      const taken: unknown[] = await this.dataSource.query(
        `UPDATE idempotency_keys SET claim_token = $4, claimed_at = now()
          WHERE user_id = $1 AND key = $2 AND state = 'in_progress' AND claim_token = $3
          RETURNING 1`,
        [userId, key, row.claim_token, token],
      );
      if (taken.length) {
        this.logger.warn({ event: 'idempotency_key_reclaimed', userId, key });
        return { kind: 'claimed', token };
      }
    }
    return { kind: 'in_progress' };
  }

  /** Stores the answer under a claim; false when the claim was lost (taken over meanwhile). */
  async complete(userId: string, key: string, token: string, answer: StoredAnswer) {
    const updated: unknown[] = await this.dataSource.query(
      `UPDATE idempotency_keys
          SET state = 'done', response_status = $4, response_headers = $5,
              response_body = $6, completed_at = now()
        WHERE user_id = $1 AND key = $2 AND claim_token = $3 AND state = 'in_progress'
        RETURNING 1`,
      [userId, key, token, answer.status, JSON.stringify(answer.headers), answer.body],
    );
    return updated.length > 0;
  }

  /** Gives the key back (after a 5xx): the client may retry and the request runs again. */
  async release(userId: string, key: string, token: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys
        WHERE user_id = $1 AND key = $2 AND claim_token = $3 AND state = 'in_progress'`,
      [userId, key, token],
    );
  }

  /**
   * Deletes keys first used more than 24 hours ago, in batches so that no single statement
   * holds many row locks or runs long. Returns how many were deleted. Every node may run it
   * at the same time: the deletes do not conflict in any way that matters.
   */
  async pruneExpired(): Promise<number> {
    const total = await deleteInBatches(
      this.dataSource,
      `DELETE FROM idempotency_keys WHERE (user_id, key) IN (
         SELECT user_id, key FROM idempotency_keys
          WHERE created_at < now() - make_interval(hours => $1)
          LIMIT $2)
       RETURNING 1`,
      [IDEMPOTENCY_RETENTION_HOURS],
    );
    if (total) this.logger.log({ event: 'idempotency_keys_pruned', deleted: total });
    return total;
  }
}
