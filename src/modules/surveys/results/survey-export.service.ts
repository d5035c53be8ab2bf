import { type EventEmitter, once } from 'node:events';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import type { BorderStatus, TerritoryName } from '../../territories/territory.entity.js';
import type { Answers } from '../survey-contract.js';
import type { ExportLabels, SurveyExportQueryDto } from './dto/survey-results.dto.js';
import {
  codebookRows,
  csvLine,
  exportColumns,
  type ExportedSubmission,
  type ExportTerritory,
  UTF8_BOM,
} from './export-columns.js';
import { SurveyResultsService } from './survey-results.service.js';

/** Rows read from the database at a time: memory stays flat whatever the survey's size. */
export const EXPORT_BATCH = 1000;

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

interface Row {
  id: string;
  version: number;
  mode: string;
  collected_on: string | null;
  created_at: Date;
  /** created_at at full (microsecond) precision, for the keyset. */
  created_key: string;
  gender: string;
  age_band: string;
  territory_id: string;
  answers: Answers;
}

/**
 * Survey exports: one row per submission, no names or user ids, streamed from the database in
 * keyset batches (created_at, id) straight into the answer, CSV (UTF-8 with a BOM) or XLSX
 * (exceljs' streaming writer, with a codebook sheet).
 */
@Injectable()
export class SurveyExportService {
  private readonly logger = new Logger('SurveyExport');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly results: SurveyResultsService,
  ) {}

  async export(
    viewer: AuthUser,
    surveyId: string,
    query: SurveyExportQueryDto,
    res: Response,
  ): Promise<void> {
    const survey = await this.results.readable(viewer, surveyId);
    const questions = await this.results.questionsOf(survey.id);
    const labels: ExportLabels = query.labels ?? 'keys';
    const territories = await this.territories();
    const columns = exportColumns(questions, labels, territories);
    const header = columns.map((c) => c.header);
    const day = new Date().toISOString().slice(0, 10);
    const filename = `survey-${survey.id}-${day}-${labels}.${query.format}`;

    // The first batch is read before anything is sent: a database that does not answer is
    // still a problem answer (503), not a cut file.
    const source = this.batches(survey.id);
    const first = await source.next();
    const batches = (async function* () {
      if (!first.done) yield first.value;
      yield* source;
    })();

    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPE[query.format]);
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');

    try {
      if (query.format === 'csv') {
        await write(res, UTF8_BOM + csvLine(header));
        for await (const batch of batches) {
          await write(res, batch.map((s) => csvLine(columns.map((c) => c.value(s)))).join(''));
        }
        res.end();
        return;
      }
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: res,
        useStyles: false,
        useSharedStrings: false,
      });
      const data = workbook.addWorksheet('data');
      data.addRow(header).commit();
      for await (const batch of batches) {
        for (const s of batch) data.addRow(columns.map((c) => c.value(s))).commit();
        await paced((data as unknown as { stream?: unknown }).stream, res);
        if (res.writableNeedDrain) await drained(res);
      }
      data.commit();
      const codebook = workbook.addWorksheet('codebook');
      const book = codebookRows(questions);
      codebook.addRow(book.header).commit();
      for (const row of book.rows) codebook.addRow(row).commit();
      codebook.commit();
      await workbook.commit();
    } catch (error) {
      // Headers are gone: the only honest thing left is to cut the answer short.
      this.logger.warn({ event: 'survey_export_failed', surveyId: survey.id, err: error });
      res.destroy(error instanceof Error ? error : undefined);
    }
  }

  /** The submissions in (created_at, id) order, a batch at a time. */
  private async *batches(surveyId: string): AsyncGenerator<ExportedSubmission[]> {
    let after: [string, string] | null = null;
    for (;;) {
      const rows: Row[] = await this.dataSource.query(
        `SELECT id, version, mode, collected_on::text AS collected_on, created_at,
                created_at::text AS created_key, gender, age_band, territory_id, answers
           FROM survey_submissions
          WHERE survey_id = $1 ${after ? 'AND (created_at, id) > ($3::timestamptz, $4::uuid)' : ''}
          ORDER BY created_at, id
          LIMIT $2`,
        after ? [surveyId, EXPORT_BATCH, ...after] : [surveyId, EXPORT_BATCH],
      );
      if (!rows.length) return;
      yield rows.map((r) => ({
        id: r.id,
        version: r.version,
        mode: r.mode,
        collectedOn: r.collected_on,
        createdAt: r.created_at.toISOString(),
        gender: r.gender,
        ageBand: r.age_band,
        territoryId: r.territory_id,
        answers: r.answers,
      }));
      if (rows.length < EXPORT_BATCH) return;
      const last = rows[rows.length - 1];
      after = [last.created_key, last.id];
    }
  }

  /** Every territory with its border status, its own or its nearest ancestor's. */
  private async territories(): Promise<Map<string, ExportTerritory>> {
    const rows = await this.dataSource.query<
      {
        id: string;
        code: string;
        name: TerritoryName;
        parent_id: string | null;
        border_status: BorderStatus | null;
      }[]
    >('SELECT id, code, name, parent_id, border_status FROM territories');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const statusOf = (id: string): BorderStatus => {
      let at = byId.get(id);
      for (let depth = 0; at && depth < 10; depth += 1) {
        if (at.border_status) return at.border_status;
        at = at.parent_id ? byId.get(at.parent_id) : undefined;
      }
      return 'none';
    };
    return new Map(
      rows.map((r) => [r.id, { code: r.code, name: r.name, borderStatus: statusOf(r.id) }]),
    );
  }
}

/** Uncompressed sheet XML allowed to wait in front of the XLSX compressor. */
const XLSX_PENDING_BYTES = 4 * 1024 * 1024;

/**
 * exceljs' worksheet stream pipes its XML into the zip's deflate stream without waiting for it
 * (docs/survey-results.md): when deflate is slower than the rows come, the XML would queue in
 * memory. This waits for that stream to drain once too much waits. It reads exceljs'
 * internals (`pipes`, a readable-stream Writable); if they change, it waits for nothing and the
 * export still works, only less flat.
 */
async function paced(sheetStream: unknown, res: Response): Promise<void> {
  const sink = (sheetStream as { pipes?: unknown[] } | null)?.pipes?.[0] as
    | (EventEmitter & {
        writableLength?: number;
        _writableState?: { length?: number };
        destroyed?: boolean;
      })
    | undefined;
  if (!sink || typeof sink.once !== 'function' || sink.destroyed) return;
  const pending = sink.writableLength ?? sink._writableState?.length ?? 0;
  if (pending > XLSX_PENDING_BYTES)
    await firstOf([
      [sink, 'drain'],
      [sink, 'close'],
      [res, 'close'],
    ]);
}

/** Writes and waits while the client is slower than the database. */
async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await drained(res);
}

/** Waits until the answer takes more bytes; throws when the client has gone. */
async function drained(res: Response): Promise<void> {
  await firstOf([
    [res, 'drain'],
    [res, 'close'],
  ]);
  if (res.destroyed || res.writableEnded) throw new Error('the client went away');
}

/** The first of these events (or an error), leaving no listener behind. */
async function firstOf(waits: [EventEmitter, string][]): Promise<void> {
  const stop = new AbortController();
  try {
    await Promise.race(
      waits.map(([emitter, event]) =>
        once(emitter, event, { signal: stop.signal }).then(
          () => undefined,
          () => undefined,
        ),
      ),
    );
  } finally {
    stop.abort();
  }
}
