import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import { runPrepared } from '../../infra/database/prepared.js';
import { Room } from './room.entity.js';

/** A room as one member sees it: what the access rules decided, read in one query. */
export interface RoomAccess {
  room: Room;
  canSee: boolean;
  moderator: boolean;
  banned: boolean;
  /** The end of the longest running mute, if any. */
  mutedUntil: Date | null;
  /** The member's read marker (0 when none). */
  lastReadSeq: number;
}

/** A row of `accessFactsSelect`: the room's columns and the facts about one member. */
export interface AccessFactsRow {
  id: string;
  name: string;
  kind: Room['kind'];
  issue_id: string | null;
  organisation_id: string | null;
  created_by: string | null;
  locked: boolean;
  slow_mode_seconds: number;
  last_seq: number;
  pinned_seq: number | null;
  created_at: Date;
  updated_at: Date;
  org_role: string | null;
  network_member: boolean;
  invited: boolean;
  banned: boolean;
  muted_until: Date | null;
  last_read_seq: number | null;
}

/**
 * Select list over `rooms r` giving the room and, for the member whose id is the query's
 * parameter `$<userParam>`, every fact the access rules need. One statement instead of one
 * per rule; `decide` turns a row into the rules' answers.
 */
export function accessFactsSelect(userParam: number): string {
  const me = `$${userParam}::uuid`;
  return `r.id, r.name, r.kind, r.issue_id, r.organisation_id, r.created_by, r.locked,
    r.slow_mode_seconds, r.last_seq, r.pinned_seq, r.created_at, r.updated_at,
    (SELECT om.role FROM organisation_members om
      WHERE r.kind = 'organisation' AND om.organisation_id = r.organisation_id AND om.user_id = ${me}) AS org_role,
    (r.kind = 'network' AND EXISTS (
      SELECT 1 FROM organisation_members om JOIN organisations o ON o.id = om.organisation_id
       WHERE om.user_id = ${me} AND o.network_status = 'member')) AS network_member,
    (SELECT rm.invited FROM room_members rm WHERE rm.room_id = r.id AND rm.user_id = ${me}) IS TRUE AS invited,
    (SELECT rm.last_read_seq FROM room_members rm WHERE rm.room_id = r.id AND rm.user_id = ${me}) AS last_read_seq,
    EXISTS (SELECT 1 FROM room_sanctions s
      WHERE s.room_id = r.id AND s.user_id = ${me} AND s.lifted_at IS NULL AND s.kind = 'ban') AS banned,
    (SELECT max(s.until) FROM room_sanctions s
      WHERE s.room_id = r.id AND s.user_id = ${me} AND s.lifted_at IS NULL AND s.kind = 'mute'
        AND s.until > now()) AS muted_until`;
}

const OPEN_ROOM = `SELECT ${accessFactsSelect(2)} FROM rooms r WHERE r.id = $1`;

const MESSAGE_ROOM = `SELECT ${accessFactsSelect(2)}, m.hidden_at IS NOT NULL AS message_hidden
  FROM messages m JOIN rooms r ON r.id = m.room_id WHERE m.id = $1`;

/**
 * Who may see and moderate a room, the same for REST and socket handlers.
 * - network: network members (people in an admitted organisation) and staff;
 * - issue: anyone who can see the issue (every signed-in member);
 * - organisation: that organisation's members, and staff;
 * - private: invited members, and staff (who moderate every room).
 * Moderators: facilitators and admins; for an organisation room also its representatives.
 */
@Injectable()
export class RoomAccessService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The room and the caller's standing in it, in one query; 404 if they may not see it. */
  async open(user: AuthUser, roomId: string): Promise<RoomAccess> {
    const rows = await runPrepared<AccessFactsRow>(
      this.dataSource,
      'kenesh_room_access',
      OPEN_ROOM,
      [roomId, user.id],
    );
    const access = rows[0] ? decide(user, rows[0]) : null;
    if (!access?.canSee) throw AppError.notFound('room');
    return access;
  }

  /** The room, if the caller may see it; otherwise 404 (never revealing that it exists). */
  async visibleRoom(user: AuthUser, roomId: string): Promise<Room> {
    return (await this.open(user, roomId)).room;
  }

  /**
   * May the user see this message (and so its files)? As for reading the room's history: a
   * member who may see the room and is not banned from it; a hidden message, its moderators
   * only. One query.
   */
  async canSeeMessage(user: AuthUser, messageId: string): Promise<boolean> {
    const rows = await runPrepared<AccessFactsRow & { message_hidden: boolean }>(
      this.dataSource,
      'kenesh_message_access',
      MESSAGE_ROOM,
      [messageId, user.id],
    );
    const row = rows[0];
    if (!row) return false;
    const access = decide(user, row);
    return access.canSee && !access.banned && (!row.message_hidden || access.moderator);
  }

  /** The room of a message and the user's standing in it; 404 when they may not see the room. */
  async openMessageRoom(
    user: AuthUser,
    messageId: string,
  ): Promise<RoomAccess & { messageHidden: boolean }> {
    const rows = await runPrepared<AccessFactsRow & { message_hidden: boolean }>(
      this.dataSource,
      'kenesh_message_access',
      MESSAGE_ROOM,
      [messageId, user.id],
    );
    const access = rows[0] ? decide(user, rows[0]) : null;
    if (!rows[0] || !access?.canSee) throw AppError.notFound('message');
    return { ...access, messageHidden: rows[0].message_hidden };
  }

  async isModerator(user: AuthUser, room: Room): Promise<boolean> {
    if (isStaff(user)) return true;
    if (room.kind !== 'organisation') return false;
    const rows: { role: string }[] = await this.dataSource.query(
      'SELECT role FROM organisation_members WHERE organisation_id = $1 AND user_id = $2',
      [room.organisationId, user.id],
    );
    return rows[0]?.role === 'representative';
  }

  /** Active sanctions of a member in a room: a ban, and the end of a running mute. */
  async sanctions(
    userId: string,
    roomId: string,
  ): Promise<{ banned: boolean; mutedUntil: Date | null }> {
    const rows: { kind: 'mute' | 'ban'; until: Date | null }[] = await this.dataSource.query(
      `SELECT kind, until FROM room_sanctions
        WHERE room_id = $1 AND user_id = $2 AND lifted_at IS NULL AND (kind = 'ban' OR until > now())`,
      [roomId, userId],
    );
    const mute = rows.filter((r) => r.kind === 'mute').map((r) => r.until!.getTime());
    return {
      banned: rows.some((r) => r.kind === 'ban'),
      mutedUntil: mute.length ? new Date(Math.max(...mute)) : null,
    };
  }
}

/** The access rules applied to one row of `accessFactsSelect`. */
export function decide(user: AuthUser, row: AccessFactsRow): RoomAccess {
  const room = toRoom(row);
  const staff = isStaff(user);
  let canSee: boolean;
  switch (room.kind) {
    case 'issue':
      canSee = true;
      break;
    case 'network':
      canSee = row.network_member;
      break;
    case 'organisation':
      canSee = row.org_role !== null;
      break;
    case 'private':
      canSee = row.invited;
      break;
  }
  return {
    room,
    canSee: staff || canSee,
    moderator: staff || (room.kind === 'organisation' && row.org_role === 'representative'),
    banned: row.banned,
    mutedUntil: row.muted_until,
    lastReadSeq: row.last_read_seq ?? 0,
  };
}

function toRoom(row: AccessFactsRow): Room {
  return Object.assign(new Room(), {
    id: row.id,
    name: row.name,
    kind: row.kind,
    issueId: row.issue_id,
    organisationId: row.organisation_id,
    createdById: row.created_by,
    locked: row.locked,
    slowModeSeconds: row.slow_mode_seconds,
    lastSeq: row.last_seq,
    pinnedSeq: row.pinned_seq,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
