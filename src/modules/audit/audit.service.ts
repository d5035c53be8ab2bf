import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import { AuditEntry } from './audit-entry.entity.js';
import type { AuditEntryViewDto, AuditQueryDto } from './audit.dto.js';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  roomId?: string | null;
  details?: Record<string, unknown>;
}

/** Writes to the append-only audit log, inside the caller's transaction when given one. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditEntry) : this.entries;
    await repository.insert({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      roomId: entry.roomId ?? null,
      details: (entry.details ?? {}) as never,
    });
  }

  /** Newest first; facilitators and admins only (checked by the route and the caller). */
  async list(query: AuditQueryDto): Promise<Page<AuditEntryViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.entries
      .createQueryBuilder('a')
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit + 1);
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.roomId) qb.andWhere('a.room_id = :roomId', { roomId: query.roomId });
    if (after) qb.andWhere('(a.created_at, a.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb.getMany();
    return toPage(rows, limit, (a) => [a.createdAt.toISOString(), a.id], toView);
  }
}

function toView(a: AuditEntry): AuditEntryViewDto {
  return {
    id: a.id,
    actorId: a.actorId,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    roomId: a.roomId,
    details: a.details,
    createdAt: a.createdAt.toISOString(),
  };
}
