// The pack's workbook, from the stored snapshot only: one sheet per section and a "snapshot"
// sheet with the hash, the district, the period and when it was generated.
import ExcelJS from 'exceljs';
import { AGE_BANDS, GENDERS } from '../surveys/survey-contract.js';
import { lastDay, SUPPRESSED_MARK } from './report-pdf.js';
import type { PeopleCount, ReportSnapshot } from './report-snapshot.js';
import {
  actNumber,
  day,
  pick,
  term,
  text,
  type TextKey,
  type TextLanguage,
} from './report-texts.js';

/** Sheet names (stable, ASCII: scripts read them; the headings inside are in the language). */
export const SHEETS = [
  'key_figures',
  'issues_by_category',
  'prioritised',
  'ballots',
  'escalations',
  'legal_basis',
  'strategy',
  'reach',
  'attendance',
  'commitments',
  'snapshot',
] as const;

type Value = string | number | null;

const people = (value: PeopleCount): Value =>
  value.count === null ? SUPPRESSED_MARK : value.count;

export interface XlsxInput {
  reportId: string;
  snapshot: ReportSnapshot;
  hash: string;
  generatedAt: Date;
}

export async function renderReportXlsx({
  reportId,
  snapshot: s,
  hash,
  generatedAt,
}: XlsxInput): Promise<Buffer> {
  const l: TextLanguage = s.language;
  const t = (key: TextKey, params?: Record<string, string | number>) => text(l, key, params);
  const book = new ExcelJS.Workbook();
  book.creator = 'Kenesh hub';
  book.created = new Date(s.takenAt);
  book.modified = new Date(s.takenAt);
  const aimakName = new Map(s.aiylAimaks.map((a) => [a.id, pick(a.name, l)]));

  const sheet = (
    name: (typeof SHEETS)[number],
    title: TextKey,
    header: string[],
    rows: Value[][],
    emptyKey?: TextKey,
  ) => {
    const ws = book.addWorksheet(name);
    ws.addRow([t(title)]).font = { bold: true, size: 12 };
    const head = ws.addRow(header);
    head.font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 2 }];
    for (const row of rows) ws.addRow(row);
    if (!rows.length && emptyKey) ws.addRow([t(emptyKey)]).font = { italic: true };
    ws.columns?.forEach((column, i) => {
      column.width = i === 0 ? 44 : 18;
    });
    return ws;
  };

  const k = s.keyFigures;
  sheet(
    'key_figures',
    'keyFigures',
    [t('figure'), t('value')],
    [
      [t('issuesRaised'), k.issuesRaised],
      ...k.issuesByStatus.map((r): Value[] => [
        `${t('status')}: ${term(l, 'issueStatus', r.status)}`,
        r.count,
      ]),
      [t('escalationsSent'), k.escalationsSent],
      [t('escalationsAnswered'), k.escalationsAnswered],
      [t('escalationsOverdue'), k.escalationsOverdue],
      [t('eventsHeld'), k.eventsHeld],
      [t('participants'), people(k.participants)],
      [t('commitmentsMade'), k.commitments],
    ],
  );

  sheet(
    'issues_by_category',
    'byCategory',
    ['category', t('category'), 'aiyl_aimak_id', t('aiylAimak'), t('count')],
    s.issuesByCategory.map((c) => [
      c.category,
      term(l, 'category', c.category),
      c.aiylAimakId,
      c.aiylAimakId ? (aimakName.get(c.aiylAimakId) ?? '') : t('districtWide'),
      c.count,
    ]),
    'noIssues',
  );

  sheet(
    'prioritised',
    'prioritised',
    ['id', t('issue'), t('category'), t('status'), t('prioritisedAt')],
    s.prioritised.map((p) => [
      p.id,
      p.title,
      term(l, 'category', p.category),
      term(l, 'issueStatus', p.status),
      day(p.prioritisedAt),
    ]),
    'noPrioritised',
  );

  sheet(
    'ballots',
    'ballots',
    [
      'ballot_id',
      t('ballots'),
      t('method'),
      t('closedAt'),
      t('voted'),
      t('rank'),
      'issue_id',
      t('issue'),
      t('score'),
      t('selected'),
    ],
    s.ballots.ballots.flatMap((b) =>
      b.results.map((r): Value[] => [
        b.id,
        pick(b.title, l),
        term(l, 'ballotMethod', b.method),
        day(b.closedAt),
        `${b.voted} / ${b.voters}`,
        r.rank,
        r.issueId,
        r.issueTitle,
        r.score,
        r.selected ? t('yes') : t('no'),
      ]),
    ),
    'noBallots',
  );

  sheet(
    'escalations',
    'escalations',
    [
      'id',
      'issue_id',
      t('issue'),
      t('authority'),
      t('sentAt'),
      t('dueAt'),
      t('answer'),
      t('overdue'),
    ],
    s.escalations.map((e) => [
      e.id,
      e.issueId,
      e.issueTitle,
      e.authority,
      day(e.sentAt),
      day(e.responseDueAt),
      e.respondedAt ? day(e.respondedAt) : null,
      e.overdue ? t('yes') : t('no'),
    ]),
    'noEscalations',
  );

  sheet(
    'legal_basis',
    'legal',
    ['issue_id', t('issue'), t('act'), t('status'), t('provision'), t('relation')],
    s.legalBasis.links.map((x) => [
      x.issueId,
      x.issueTitle,
      `${pick(x.actTitle, l)}${x.actNumber ? ` ${actNumber(x.actNumber)}` : ''}`,
      term(l, 'actStatus', x.actStatus),
      `${x.eId} ${pick(x.heading, l)}`.trim(),
      term(l, 'relation', x.relation),
    ]),
    'noLegal',
  );

  sheet(
    'strategy',
    'strategy',
    [
      'strategy_id',
      t('strategy'),
      t('progress'),
      t('objective') + ' / ' + t('action'),
      t('owner'),
      t('due'),
      t('status'),
      t('progress'),
    ],
    s.strategies.strategies.flatMap((st) => [
      [st.id, pick(st.title, l), st.progress, null, null, null, null, null],
      ...st.objectives.map((o): Value[] => [
        st.id,
        null,
        null,
        pick(o.title, l),
        null,
        null,
        `${t('weight')} ${o.weight}`,
        o.progress,
      ]),
      ...st.actions.map((a): Value[] => [
        st.id,
        null,
        null,
        pick(a.title, l),
        a.ownerOrganisationName,
        day(a.dueAt) + (a.overdue ? ` (${t('overdue')})` : ''),
        term(l, 'actionStatus', a.status),
        a.progress,
      ]),
    ]),
    'noStrategies',
  );

  sheet(
    'reach',
    'reach',
    [
      t('campaign'),
      t('language'),
      t('territory'),
      t('audience'),
      term(l, 'gender', 'female'),
      term(l, 'gender', 'male'),
      term(l, 'gender', 'undisclosed'),
      t('estimated'),
    ],
    [
      ...s.campaigns.campaigns.map((c): Value[] => [
        pick(c.title, l),
        null,
        null,
        null,
        null,
        null,
        null,
        `${t('publications')}: ${c.publications}, ${t('approved')}: ${c.approved}`,
      ]),
      ...s.campaigns.reach.map((r): Value[] => [
        null,
        term(l, 'publicationLanguage', r.language),
        pick(r.territoryName, l),
        term(l, 'audience', r.audience),
        r.female,
        r.male,
        r.undisclosed,
        r.estimated ? t('yes') : t('no'),
      ]),
    ],
    'noReach',
  );

  const a = s.attendance;
  const ws = sheet(
    'attendance',
    'attendance',
    ['event_id', t('date'), t('kind'), t('event'), t('participants')],
    a.events.map((e) => [
      e.id,
      day(e.startsAt),
      term(l, 'eventKind', e.kind),
      pick(e.title, l),
      people(e.participants),
    ]),
    'noEvents',
  );
  if (a.cells.length) {
    ws.addRow([]);
    ws.addRow([t('gender'), ...AGE_BANDS.map((b) => term(l, 'ageBand', b)), t('total')]).font = {
      bold: true,
    };
    for (const g of GENDERS)
      ws.addRow([
        term(l, 'gender', g),
        ...AGE_BANDS.map((b) => people(a.cells.find((c) => c.gender === g && c.ageBand === b)!)),
        people(a.byGender.find((x) => x.gender === g)!),
      ]);
    ws.addRow([t('total'), ...AGE_BANDS.map(() => null), people(k.participants)]);
    ws.addRow([t('suppressedLegend', { n: s.minCellSize })]).font = { italic: true };
  }

  sheet(
    'commitments',
    'commitments',
    ['id', t('commitment'), t('owner'), t('due'), t('overdue'), 'event_id', t('event')],
    s.commitments.map((c) => [
      c.id,
      c.text,
      c.owner,
      day(c.dueAt),
      c.dueAt < s.takenAt ? t('yes') : t('no'),
      c.eventId,
      pick(c.eventTitle, l),
    ]),
    'noCommitments',
  );

  const snap = book.addWorksheet('snapshot');
  snap.columns = [{ width: 32 }, { width: 72 }];
  for (const row of [
    [t('hash'), hash],
    ['sha256', hash],
    [t('district'), pick(s.district.name, l)],
    ['district_id', s.district.id],
    [t('period'), `${day(s.period.from)} — ${lastDay(s.period.to)}`],
    ['from', s.period.from],
    ['to', s.period.to],
    [t('snapshotAt'), s.takenAt],
    [t('generatedAt'), generatedAt.toISOString()],
    [t('reportId'), reportId],
    ['language', s.language],
    ['min_cell_size', s.minCellSize],
    ['format', s.format],
  ] as Value[][])
    snap.addRow(row);
  snap.addRow([t('hashNote', { id: reportId })]);

  return Buffer.from(await book.xlsx.writeBuffer());
}
