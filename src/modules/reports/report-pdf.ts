// The pack's PDF, from the stored snapshot only: pdfmake on the server with DejaVu Sans (it has
// ң ө ү ҷ қ), tables that break across pages with their header rows repeated, the chart as SVG,
// the snapshot's hash on the title page and in every footer with "n / N".
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AGE_BANDS, GENDERS } from '../surveys/survey-contract.js';
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

type Node = Record<string, unknown> | string;
type Cell = Node;

/** The small part of pdfmake 0.3's server API used here (the package has no types). */
interface PdfMake {
  setFonts(
    fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>,
  ): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as PdfMake;
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fontsSet = false;

function setFonts(): void {
  if (fontsSet) return;
  const font = (normal: string, bold: string) => ({
    normal: join(FONT_DIR, normal),
    bold: join(FONT_DIR, bold),
    italics: join(FONT_DIR, normal),
    bolditalics: join(FONT_DIR, bold),
  });
  pdfmake.setFonts({
    'DejaVu Sans': font('DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'),
    'DejaVu Sans Mono': font('DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf'),
  });
  // Only the fonts from disk; nothing from the network.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));
  fontsSet = true;
}

/** Longer lists are cut in the PDF (a round table reads the first ones); the XLSX has all. */
export const PDF_LIST_LIMIT = 100;

/** `×` for a hidden count of people. */
export const SUPPRESSED_MARK = '×';

function shown(value: PeopleCount): string {
  return value.count === null ? SUPPRESSED_MARK : String(value.count);
}

/** The last day of `[from, to)`. */
export function lastDay(to: string): string {
  return new Date(Date.parse(to) - 1).toISOString().slice(0, 10);
}

export interface PdfInput {
  reportId: string;
  snapshot: ReportSnapshot;
  hash: string;
  chartSvg: string;
  generatedAt: Date;
}

export function reportPdfDefinition({
  reportId,
  snapshot: s,
  hash,
  chartSvg,
  generatedAt,
}: PdfInput): Record<string, unknown> {
  const l: TextLanguage = s.language;
  const t = (key: TextKey, params?: Record<string, string | number>) => text(l, key, params);
  const districtName = pick(s.district.name, l);
  const aimakName = new Map(s.aiylAimaks.map((a) => [a.id, pick(a.name, l)]));
  const period = `${day(s.period.from)} — ${lastDay(s.period.to)}`;
  const content: Node[] = [];

  // Headings carry a headlineLevel: one left alone at a page's foot moves to the next page.
  const heading = (key: TextKey) =>
    content.push({ text: t(key), style: 'h1', tocItem: true, headlineLevel: 1 });
  const sub = (value: string) => content.push({ text: value, style: 'h2', headlineLevel: 2 });
  const empty = (key: TextKey) => content.push({ text: t(key), style: 'empty' });
  const cut = <T>(items: T[]): T[] => {
    if (items.length <= PDF_LIST_LIMIT) return items;
    content.push({
      text: t('moreInWorkbook', { shown: PDF_LIST_LIMIT, total: items.length }),
      style: 'note',
    });
    return items.slice(0, PDF_LIST_LIMIT);
  };
  const table = (
    header: string[],
    rows: Cell[][],
    widths?: (string | number)[],
    numeric: number[] = [],
  ) =>
    content.push({
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: widths ?? header.map((_, i) => (i === 0 ? '*' : 'auto')),
        body: [
          header.map((h) => ({ text: h, style: 'th' })),
          ...rows.map((row) =>
            row.map((cell, i) =>
              numeric.includes(i) && typeof cell === 'string'
                ? { text: cell, alignment: 'right' }
                : cell,
            ),
          ),
        ],
      },
      layout: 'lightHorizontalLines',
      style: 'table',
    });

  // Title page.
  content.push(
    { text: districtName, style: 'title' },
    { text: t('title'), style: 'subtitle' },
    { text: t('subtitle'), style: 'lead' },
    {
      table: {
        widths: ['auto', '*'],
        body: [
          [t('period'), period],
          [t('generatedAt'), `${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`],
          [t('snapshotAt'), `${s.takenAt.slice(0, 19).replace('T', ' ')} UTC`],
          [t('reportId'), reportId],
        ],
      },
      layout: 'noBorders',
      margin: [0, 24, 0, 24],
    },
    { text: t('hash'), style: 'th' },
    { text: hash, style: 'hash' },
    { text: t('hashNote', { id: reportId }), style: 'note' },
    {
      toc: { title: { text: t('contents'), style: 'h2' } },
      margin: [0, 24, 0, 0],
      pageBreak: 'after',
    },
  );

  // 1. Key figures.
  heading('keyFigures');
  const k = s.keyFigures;
  table(
    [t('figure'), t('value')],
    [
      [t('issuesRaised'), String(k.issuesRaised)],
      ...k.issuesByStatus
        .filter((r) => r.count > 0)
        .map((r) => [
          { text: `— ${term(l, 'issueStatus', r.status)}`, style: 'muted', margin: [12, 0, 0, 0] },
          String(r.count),
        ]),
      [t('escalationsSent'), String(k.escalationsSent)],
      [t('escalationsAnswered'), String(k.escalationsAnswered)],
      [t('escalationsOverdue'), String(k.escalationsOverdue)],
      [t('eventsHeld'), String(k.eventsHeld)],
      [t('participants'), shown(k.participants)],
      [t('commitmentsMade'), String(k.commitments)],
    ],
    ['*', 80],
    [1],
  );

  // 2. Issues by category × aiyl aimak: chart, then the table.
  heading('byCategory');
  if (!s.issuesByCategory.length) empty('noIssues');
  else {
    if (chartSvg)
      content.push({ svg: chartSvg, width: 500, font: 'DejaVu Sans', margin: [0, 4, 0, 8] });
    const columns: (string | null)[] = [
      ...s.aiylAimaks
        .map((a) => a.id)
        .filter((id) => s.issuesByCategory.some((c) => c.aiylAimakId === id)),
      ...(s.issuesByCategory.some((c) => c.aiylAimakId === null) ? [null] : []),
    ];
    const categories = [...new Set(s.issuesByCategory.map((c) => c.category))];
    const countOf = (category: string, aimak: string | null) =>
      s.issuesByCategory.find((c) => c.category === category && c.aiylAimakId === aimak)?.count ??
      0;
    table(
      [t('category'), ...columns.map((id) => (id ? aimakName.get(id)! : t('districtWide')))],
      categories.map((category) => [
        term(l, 'category', category),
        ...columns.map((id) => String(countOf(category, id))),
      ]),
      ['*', ...columns.map(() => 'auto')],
      columns.map((_, i) => i + 1),
    );
  }

  // 3. Prioritised issues and ballots.
  heading('prioritised');
  if (!s.prioritised.length) empty('noPrioritised');
  else
    table(
      [t('issue'), t('category'), t('status'), t('prioritisedAt')],
      cut(s.prioritised).map((p) => [
        p.title,
        term(l, 'category', p.category),
        term(l, 'issueStatus', p.status),
        day(p.prioritisedAt),
      ]),
      ['*', 90, 80, 70],
    );
  sub(t('ballots'));
  if (!s.ballots.ballots.length) empty('noBallots');
  for (const b of s.ballots.ballots) {
    content.push({
      text: `${pick(b.title, l)} — ${term(l, 'ballotMethod', b.method)}, ${t('closedAt').toLowerCase()} ${day(b.closedAt)}, ${t('voted').toLowerCase()}: ${b.voted} / ${b.voters}`,
      style: 'h3',
      headlineLevel: 3,
    });
    table(
      [t('rank'), t('issue'), t('score'), t('selected')],
      b.results.map((r) => [
        String(r.rank),
        r.issueTitle,
        String(r.score),
        r.selected ? t('yes') : t('no'),
      ]),
      [30, '*', 40, 60],
      [0, 2],
    );
  }

  // 4. Escalations.
  heading('escalations');
  if (!s.escalations.length) empty('noEscalations');
  else {
    const authorities = [...new Set(s.escalations.map((e) => e.authority))].sort();
    sub(t('escalationsByAuthority'));
    table(
      [t('authority'), t('escalationsSent'), t('escalationsAnswered'), t('escalationsOverdue')],
      authorities.map((name) => {
        const of = s.escalations.filter((e) => e.authority === name);
        return [
          name,
          String(of.length),
          String(of.filter((e) => e.respondedAt).length),
          String(of.filter((e) => e.overdue).length),
        ];
      }),
      ['*', 70, 70, 70],
      [1, 2, 3],
    );
    sub(t('escalations').replace(/^\d+\.\s*/, ''));
    // Overdue ones first: what the round table has to press for.
    const ordered = [
      ...s.escalations.filter((e) => e.overdue),
      ...s.escalations.filter((e) => !e.overdue),
    ];
    table(
      [t('issue'), t('authority'), t('sentAt'), t('dueAt'), t('answer')],
      cut(ordered).map((e) => [
        e.issueTitle,
        e.authority,
        day(e.sentAt),
        day(e.responseDueAt),
        e.respondedAt
          ? day(e.respondedAt)
          : e.overdue
            ? { text: t('overdue'), style: 'alert' }
            : t('waiting'),
      ]),
      ['*', 110, 55, 55, 60],
    );
  }

  // 5. Legal basis.
  heading('legal');
  if (!s.legalBasis.links.length) empty('noLegal');
  else
    table(
      [t('issue'), t('act'), t('provision'), t('relation')],
      cut(s.legalBasis.links).map((x) => [
        x.issueTitle,
        `${pick(x.actTitle, l)}${x.actNumber ? ` ${actNumber(x.actNumber)}` : ''} (${term(l, 'actStatus', x.actStatus)})`,
        `${x.eId}${pick(x.heading, l) ? `: ${pick(x.heading, l)}` : ''}`,
        term(l, 'relation', x.relation),
      ]),
      ['*', 130, 110, 70],
    );

  // 6. Strategy progress.
  heading('strategy');
  if (!s.strategies.strategies.length) empty('noStrategies');
  for (const st of s.strategies.strategies) {
    content.push({ text: `${pick(st.title, l)} — ${fmt(st.progress)} %`, style: 'h3' });
    if (st.objectives.length)
      table(
        [t('objective'), t('weight'), t('progress')],
        st.objectives.map((o) => [pick(o.title, l), fmt(o.weight), fmt(o.progress)]),
        ['*', 50, 80],
        [1, 2],
      );
    if (st.actions.length)
      table(
        [t('action'), t('owner'), t('due'), t('status'), t('progress')],
        st.actions.map((a) => [
          `${pick(a.title, l)}${a.targetAuthorityName ? ` → ${a.targetAuthorityName}` : ''}`,
          a.ownerOrganisationName ?? '—',
          a.overdue ? { text: `${day(a.dueAt)} (${t('overdue')})`, style: 'alert' } : day(a.dueAt),
          term(l, 'actionStatus', a.status),
          fmt(a.progress),
        ]),
        ['*', 95, 60, 65, 75],
        [4],
      );
  }

  // 7. Campaign reach.
  heading('reach');
  if (!s.campaigns.campaigns.length && !s.campaigns.reach.length) empty('noReach');
  if (s.campaigns.campaigns.length)
    table(
      [t('campaign'), t('publications'), t('approved')],
      s.campaigns.campaigns.map((c) => [
        pick(c.title, l),
        String(c.publications),
        String(c.approved),
      ]),
      ['*', 70, 70],
      [1, 2],
    );
  if (s.campaigns.reach.length)
    table(
      [
        t('language'),
        t('territory'),
        t('audience'),
        term(l, 'gender', 'female'),
        term(l, 'gender', 'male'),
        term(l, 'gender', 'undisclosed'),
      ],
      s.campaigns.reach.map((r) => [
        term(l, 'publicationLanguage', r.language),
        pick(r.territoryName, l),
        `${term(l, 'audience', r.audience)}${r.estimated ? ` (${t('estimated')})` : ''}`,
        String(r.female),
        String(r.male),
        String(r.undisclosed),
      ]),
      [62, '*', 100, 58, 58, 58],
      [3, 4, 5],
    );

  // 8. Attendance.
  heading('attendance');
  const a = s.attendance;
  if (!a.events.length) empty('noEvents');
  else {
    table(
      [t('date'), t('kind'), t('event'), t('participants')],
      cut(a.events).map((e) => [
        day(e.startsAt),
        term(l, 'eventKind', e.kind),
        pick(e.title, l),
        shown(e.participants),
      ]),
      [55, 75, '*', 60],
      [3],
    );
    if (a.cells.length) {
      const cell = (g: string, band: string) =>
        a.cells.find((c) => c.gender === g && c.ageBand === band)!;
      table(
        [t('gender'), ...AGE_BANDS.map((band) => term(l, 'ageBand', band)), t('total')],
        [
          ...GENDERS.map((g) => [
            term(l, 'gender', g),
            ...AGE_BANDS.map((band) => shown(cell(g, band))),
            { text: shown(a.byGender.find((x) => x.gender === g)!), bold: true },
          ]),
          [
            { text: t('total'), bold: true },
            ...AGE_BANDS.map(() => ''),
            { text: shown(k.participants), bold: true },
          ],
        ],
        ['*', 50, 50, 50, 50, 60, 50],
        [1, 2, 3, 4, 5, 6],
      );
      content.push({ text: t('suppressedLegend', { n: s.minCellSize }), style: 'note' });
    }
  }

  // 9. Commitments.
  heading('commitments');
  if (!s.commitments.length) empty('noCommitments');
  else
    table(
      [t('commitment'), t('owner'), t('due'), t('event')],
      cut(s.commitments).map((c) => [
        c.text,
        c.owner,
        c.dueAt < s.takenAt
          ? { text: `${day(c.dueAt)} (${t('overdue')})`, style: 'alert' }
          : day(c.dueAt),
        pick(c.eventTitle, l),
      ]),
      ['*', 110, 70, 110],
    );

  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    info: {
      title: `${districtName}: ${t('title')}`,
      subject: `SHA-256 ${hash}`,
      creator: 'Kenesh hub',
      producer: 'Kenesh hub (pdfmake)',
    },
    content,
    // A heading in the last eighth of a page, or with only headings after it there, starts
    // the next page instead (pdfmake 0.3: (node, { getFollowingNodesOnPage, … })).
    pageBreakBefore: (
      node: { headlineLevel?: number; startPosition?: { verticalRatio?: number } },
      nodes: { getFollowingNodesOnPage(): Array<{ headlineLevel?: number }> },
    ) =>
      node.headlineLevel !== undefined &&
      ((node.startPosition?.verticalRatio ?? 0) > 0.875 ||
        nodes.getFollowingNodesOnPage().every((next) => next.headlineLevel !== undefined)),
    footer: (current: number, count: number) => ({
      margin: [40, 14, 40, 0],
      columns: [
        { text: `SHA-256 ${hash}`, style: 'footerHash' },
        { text: `${current} / ${count}`, alignment: 'right', width: 50, style: 'footer' },
      ],
    }),
    defaultStyle: { font: 'DejaVu Sans', fontSize: 9, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 26, bold: true, margin: [0, 120, 0, 8] },
      subtitle: { fontSize: 16, margin: [0, 0, 0, 6] },
      lead: { fontSize: 11, color: '#444444' },
      h1: { fontSize: 14, bold: true, margin: [0, 14, 0, 6] },
      h2: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 3] },
      th: { bold: true, fontSize: 8.5 },
      table: { margin: [0, 2, 0, 8], fontSize: 8.5 },
      empty: { italics: true, color: '#555555', margin: [0, 2, 0, 8] },
      muted: { color: '#444444' },
      alert: { color: '#b00020', bold: true },
      note: { fontSize: 8, color: '#444444', margin: [0, 6, 0, 0] },
      hash: { font: 'DejaVu Sans Mono', fontSize: 9.5, margin: [0, 2, 0, 4] },
      footer: { fontSize: 7.5, color: '#444444' },
      footerHash: { font: 'DejaVu Sans Mono', fontSize: 6.5, color: '#444444' },
    },
  };
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export async function renderReportPdf(input: PdfInput): Promise<Buffer> {
  setFonts();
  return pdfmake.createPdf(reportPdfDefinition(input)).getBuffer();
}
