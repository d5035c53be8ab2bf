import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import type { TerritoriesQueryDto } from './dto/territories-query.dto.js';
import type { TerritoryViewDto } from './dto/territory-view.dto.js';
import { Territory } from './territory.entity.js';

@Injectable()
export class TerritoriesService {
  constructor(@InjectRepository(Territory) private readonly territories: Repository<Territory>) {}

  async list(query: TerritoriesQueryDto): Promise<Page<TerritoryViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string']);
    const qb = this.territories
      .createQueryBuilder('t')
      .orderBy('t.code', 'ASC')
      .limit(limit + 1);
    if (query.parentId) qb.andWhere('t.parent_id = :parentId', { parentId: query.parentId });
    if (query.level) qb.andWhere('t.level = :level', { level: query.level });
    if (after) qb.andWhere('t.code > :code', { code: after[0] });
    const rows = await qb.getMany();
    return toPage(rows, limit, (t) => [t.code], toTerritoryView);
  }

  async get(id: string): Promise<TerritoryViewDto> {
    const territory = await this.territories.findOneBy({ id });
    if (!territory) throw AppError.notFound('territory');
    return toTerritoryView(territory);
  }

  /** A territory id given in a body must exist: a 400 naming the field otherwise. */
  async assertExists(id: string, field = 'territoryId'): Promise<void> {
    if (!(await this.territories.existsBy({ id }))) {
      throw AppError.validation([{ field, key: 'field.unknownTerritory' }]);
    }
  }

  /** The territory and everything below it (district → aiyl aimaks → villages). */
  async withDescendants(id: string): Promise<string[]> {
    const rows: { id: string }[] = await this.territories.query(
      `WITH RECURSIVE tree AS (
         SELECT id FROM territories WHERE id = $1
         UNION ALL
         SELECT t.id FROM territories t JOIN tree ON t.parent_id = tree.id
       )
       SELECT id FROM tree`,
      [id],
    );
    return rows.map((row) => row.id);
  }
}

export function toTerritoryView(t: Territory): TerritoryViewDto {
  return {
    id: t.id,
    code: t.code,
    level: t.level,
    name: t.name,
    parentId: t.parentId,
    borderStatus: t.borderStatus,
  };
}
