// Reading a finding's frozen cells and its trace into what the screens draw (no DOM, no words).
import type {
  FindingView,
  ResultGroup,
  ResultGrouping,
  ResultQuestion,
  TraceEntry,
} from './api.js';

export interface FrozenTable {
  question: ResultQuestion;
  groups: ResultGroup[];
  by: ResultGrouping[];
  minCellSize: number;
  frozenAt: string | null;
}

type Loose = Record<string, unknown>;
/** A string field, or '' (anything else the hub might send is not shown). */
const str = (...xs: unknown[]): string => xs.find((x): x is string => typeof x === 'string') ?? '';
const isObj = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const isTable = (x: unknown): x is ResultQuestion =>
  isObj(x) && Array.isArray(x.choices) && Array.isArray(x.bases);

/** The frozen cross-tab of a finding, whichever way the hub nests it; null without one. */
export function frozenTable(finding: FindingView): FrozenTable | null {
  const f = finding as unknown as Loose;
  const evidence = isObj(f.evidence) ? f.evidence : {};
  const frozen = [f.frozen, evidence.frozen, f.frozenCells, evidence.cells, f.survey].find(isObj);
  if (!frozen) return null;
  const question = [frozen.result, frozen.questionResult, frozen.question, frozen].find(isTable);
  if (!question) return null;
  const by = frozen.by ?? evidence.by;
  return {
    question,
    groups: Array.isArray(frozen.groups) ? (frozen.groups as ResultGroup[]) : [],
    by: (Array.isArray(by) ? by : typeof by === 'string' ? by.split(',') : ['gender']).filter(
      (x): x is ResultGrouping => typeof x === 'string',
    ),
    minCellSize: Number(frozen.minCellSize ?? 0),
    frozenAt: str(frozen.frozenAt, f.frozenAt, f.createdAt) || null,
  };
}

/** The trace as a list in time order: the hub's entries, or ones made from its parts. */
export function traceEntries(raw: unknown): TraceEntry[] {
  let entries: TraceEntry[] = [];
  if (Array.isArray(raw)) entries = raw as TraceEntry[];
  else if (isObj(raw)) {
    const list = [raw.entries, raw.steps, raw.items, raw.timeline].find(Array.isArray);
    if (list) entries = list as TraceEntry[];
    else {
      const finding = raw.finding as Loose | undefined;
      if (isObj(finding))
        entries.push({
          kind: 'finding',
          at: str(finding.createdAt),
          id: str(finding.id),
          text: (finding.statement as string | undefined) ?? null,
        });
      const issue = raw.issue as Loose | undefined;
      if (isObj(issue))
        entries.push({
          kind: 'issue',
          at: str(issue.createdAt),
          id: str(issue.id),
          issueId: str(issue.id),
          title: (issue.title as string | undefined) ?? null,
        });
      for (const tr of (raw.transitions as Loose[] | undefined) ?? [])
        entries.push({
          kind: 'transition',
          at: str(tr.at, tr.createdAt),
          from: (tr.from as string | undefined) ?? null,
          to: (tr.to as string | undefined) ?? null,
          note: (tr.note as string | undefined) ?? null,
        });
      for (const es of (raw.escalations as Loose[] | undefined) ?? []) {
        const authority = isObj(es.authority)
          ? ((es.authority.name as string | undefined) ?? null)
          : ((es.authorityName as string | undefined) ?? null);
        entries.push({
          kind: 'escalation',
          at: str(es.sentAt, es.createdAt),
          authority,
          note: (es.reference as string | undefined) ?? null,
        });
        if (es.respondedAt)
          entries.push({
            kind: 'answer',
            at: str(es.respondedAt),
            authority,
            text: (es.responseText as string | undefined) ?? null,
          });
      }
    }
  }
  return [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
