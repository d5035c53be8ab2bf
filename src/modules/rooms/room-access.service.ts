import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import { Room } from './room.entity.js';

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

  async canSee(user: AuthUser, room: Room): Promise<boolean> {
    if (isStaff(user)) return true;
    switch (room.kind) {
      case 'issue':
        return true;
      case 'network':
        return this.isNetworkMember(user.id);
      case 'organisation':
        return (await this.organisationRole(user.id, room.organisationId!)) !== null;
      case 'private':
        return this.isInvited(user.id, room.id);
    }
  }

  async isModerator(user: AuthUser, room: Room): Promise<boolean> {
    if (isStaff(user)) return true;
    if (room.kind !== 'organisation') return false;
    return (await this.organisationRole(user.id, room.organisationId!)) === 'representative';
  }

  /** The room, if the caller may see it; otherwise 404 (never revealing that it exists). */
  async visibleRoom(user: AuthUser, roomId: string): Promise<Room> {
    const room = await this.dataSource.getRepository(Room).findOneBy({ id: roomId });
    if (!room || !(await this.canSee(user, room))) throw AppError.notFound('Room');
    return room;
  }

  async assertModerator(user: AuthUser, room: Room): Promise<void> {
    if (!(await this.isModerator(user, room)))
      throw AppError.forbidden('Only moderators of this room may do this');
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

  async assertNotBanned(userId: string, roomId: string): Promise<void> {
    if ((await this.sanctions(userId, roomId)).banned)
      throw new AppError('banned', 'You are banned from this room');
  }

  private async isNetworkMember(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM organisation_members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.user_id = $1 AND o.network_status = 'member' LIMIT 1`,
      [userId],
    );
    return rows.length > 0;
  }

  private async organisationRole(userId: string, organisationId: string): Promise<string | null> {
    const rows: { role: string }[] = await this.dataSource.query(
      'SELECT role FROM organisation_members WHERE organisation_id = $1 AND user_id = $2',
      [organisationId, userId],
    );
    return rows[0]?.role ?? null;
  }

  private async isInvited(userId: string, roomId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM room_members WHERE room_id = $1 AND user_id = $2 AND invited',
      [roomId, userId],
    );
    return rows.length > 0;
  }
}
