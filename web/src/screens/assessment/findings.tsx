// Findings: what the network learnt from surveys and focus groups, each with its evidence; the
// ones raised as issues link to them. Staff write new ones.
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { isStaff } from '../../session.js';
import { useCursorList } from '../../ui/cursor-list.js';
import { Endless } from '../../ui/endless.js';
import { Link } from '../../ui/link.js';
import { categoryText } from '../issues/words.js';
import { api, ok } from '../../api/client.js';
import type { FindingView } from './api.js';
import { AssessmentNav } from './subnav.js';
import { day } from './words.js';
import './assessment.css';

export default function FindingsScreen(_props: ScreenProps) {
  const list = useCursorList<FindingView>(
    (cursor) => ok(api.GET('/api/v1/findings', { params: { query: { cursor, limit: 20 } } })),
    'findings',
  );
  return (
    <div class="assessment">
      <AssessmentNav />
      <div class="row heading">
        <h1>{t('fd.title')}</h1>
        {isStaff.value && (
          <Link href="/findings/new" class="button primary">
            {t('fd.new')}
          </Link>
        )}
      </div>
      <p class="muted">{t('fd.intro')}</p>
      <ul class="plain">
        {list.items.map((f) => (
          <li key={f.id}>
            <FindingCard finding={f} />
          </li>
        ))}
      </ul>
      <Endless list={list} empty={t('fd.none')} />
    </div>
  );
}

export function FindingCard(props: { finding: FindingView; headingLevel?: 2 | 3 }) {
  const f = props.finding;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  const events = f.evidence.eventIds.length;
  return (
    <article class="card">
      <H class="card-title">
        <Link href={`/findings/${f.id}`}>
          <span lang={f.language}>{f.statement}</span>
        </Link>
      </H>
      <p class="row">
        <span class="badge">{categoryText(f.category)}</span>
        {f.evidence.surveyId && <span class="badge">{t('fd.fromSurvey')}</span>}
        {events > 0 && <span class="badge">{t('fd.fromFocusGroups', { count: events })}</span>}
        {f.issueId && <span class="badge">{t('fd.raised')}</span>}
      </p>
      <p class="muted small">{day(f.createdAt)}</p>
    </article>
  );
}
