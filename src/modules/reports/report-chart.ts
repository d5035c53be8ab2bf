// The issues by category × aiyl aimak chart: a vega-lite spec compiled to vega and rendered to
// SVG headless (renderer 'none': no canvas, no browser), for pdfmake's svg node.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ReportSnapshot } from './report-snapshot.js';
import { pick, term, text, type TextLanguage } from './report-texts.js';

/** Colours that stay apart in greyscale print too (ColorBrewer Dark2 and Set2). */
const PALETTE = [
  '#1b9e77',
  '#d95f02',
  '#7570b3',
  '#e7298a',
  '#66a61e',
  '#e6ab02',
  '#a6761d',
  '#666666',
  '#8da0cb',
];

export function categoryChartSpec(snapshot: ReportSnapshot, language: TextLanguage): TopLevelSpec {
  const aimakName = new Map(snapshot.aiylAimaks.map((a) => [a.id, pick(a.name, language)]));
  const values = snapshot.issuesByCategory.map((cell) => ({
    category: term(language, 'category', cell.category),
    aimak: cell.aiylAimakId
      ? (aimakName.get(cell.aiylAimakId) ?? '?')
      : text(language, 'districtWide'),
    count: cell.count,
  }));
  const aimakDomain = [
    ...snapshot.aiylAimaks.map((a) => pick(a.name, language)),
    text(language, 'districtWide'),
  ].filter((name) => values.some((v) => v.aimak === name));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 330,
    height: { step: 16 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: {
        field: 'category',
        type: 'nominal',
        sort: '-x',
        title: null,
        axis: { labelLimit: 170 },
      },
      x: {
        aggregate: 'sum',
        field: 'count',
        type: 'quantitative',
        title: text(language, 'chartTitle'),
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: {
        field: 'aimak',
        type: 'nominal',
        title: text(language, 'aiylAimak'),
        scale: { domain: aimakDomain, range: PALETTE },
        legend: { orient: 'bottom', columns: 3, labelLimit: 150 },
      },
      order: { field: 'aimak' },
    },
    config: {
      font: 'DejaVu Sans',
      view: { stroke: null },
      axis: { labelFontSize: 9, titleFontSize: 9 },
      legend: { labelFontSize: 9, titleFontSize: 9 },
    },
  };
}

/** The chart as an SVG document (empty string when there is nothing to draw). */
export async function categoryChartSvg(
  snapshot: ReportSnapshot,
  language: TextLanguage,
): Promise<string> {
  if (!snapshot.issuesByCategory.length) return '';
  const { spec } = compile(categoryChartSpec(snapshot, language));
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
