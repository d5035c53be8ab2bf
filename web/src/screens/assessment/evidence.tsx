// The "Evidence" section of an issue: the findings it was raised from (GET /issues/:id/evidence),
// each with what backs it (survey cells frozen on a date with their minimum cell size, focus
// groups), linking to the finding for the tables. Nothing shows when the issue has none. Kept
// small: the issue screen loads it with its own chunk.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { Link } from '../../ui/link.js';
import { api, ok } from '../../api/client.js';
import type { FindingView } from './api.js';
import { frozenTable } from './findings-model.js';
import { moment } from './words.js';

export function IssueEvidence(props: { issueId: string }) {
  const [findings, setFindings] = useState<FindingView[]>([]);
  useEffect(() => {
    let live = true;
    ok(api.GET('/api/v1/issues/{id}/evidence', { params: { path: { id: props.issueId } } })).then(
      (found) => live && setFindings(found.findings),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [props.issueId]);
  if (!findings.length) return null;
  return (
    <section class="card" aria-labelledby="issue-evidence">
      <h2 id="issue-evidence">{t('ev.title')}</h2>
      <ul class="plain">
        {findings.map((f) => {
          const frozen = frozenTable(f);
          const groups = f.evidence.eventIds.length;
          return (
            <li key={f.id}>
              <p>
                <Link href={`/findings/${f.id}`}>
                  <span lang={f.language}>{f.statement}</span>
                </Link>
              </p>
              <p class="muted small">
                {frozen &&
                  t('ev.cells', {
                    date: frozen.frozenAt ? moment(frozen.frozenAt) : '',
                    min: frozen.minCellSize,
                  })}
                {frozen && groups > 0 && ' · '}
                {groups > 0 && t('fd.fromFocusGroups', { count: groups })}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
