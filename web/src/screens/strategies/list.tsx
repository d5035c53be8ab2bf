// The strategies of the network, newest first, each with its progress; staff start a new one.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { api, ok } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { isStaff } from '../../session.js';
import { useAction } from '../../ui/action.js';
import { useCursorList } from '../../ui/cursor-list.js';
import { Endless } from '../../ui/endless.js';
import { Alert, Field, FormSection } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { localised, ProgressBar, type StrategySummary } from './parts.js';
import './strategies.css';

export default function StrategiesScreen(_props: ScreenProps) {
  const list = useCursorList<StrategySummary>(
    (cursor) => ok(api.GET('/api/v1/strategies', { params: { query: { cursor, limit: 20 } } })),
    'strategies',
  );
  const [creating, setCreating] = useState(false);
  return (
    <div class="strategies">
      <AdvocacyNav />
      <div class="row heading">
        <h1>{t('strategies.title')}</h1>
        {isStaff.value && !creating && (
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            {t('strategies.new')}
          </button>
        )}
      </div>
      <p class="muted">{t('strategies.intro')}</p>
      {creating && <NewStrategy onCancel={() => setCreating(false)} />}
      <ul class="plain">
        {list.items.map((s) => (
          <li key={s.id}>
            <StrategyCard strategy={s} />
          </li>
        ))}
      </ul>
      <Endless list={list} empty={t('strategies.none')} />
    </div>
  );
}

function StrategyCard(props: { strategy: StrategySummary }) {
  const s = props.strategy;
  const title = localised(s.title);
  return (
    <article class="card">
      <h2 class="card-title">
        <Link href={`/strategies/${s.id}`}>{title}</Link>
      </h2>
      <p class="muted">{localised(s.goal)}</p>
      <ProgressBar value={s.progress} label={t('strategies.progressOf', { name: title })} />
      <p class="row">
        <span class="badge">
          {t('strategies.counts', { objectives: s.objectiveCount, count: s.actionCount })}
        </span>
        {s.overdueCount > 0 && (
          <span class="st-overdue">
            <span aria-hidden="true">⚠ </span>
            {t('strategies.overdueCount', { count: s.overdueCount })}
          </span>
        )}
      </p>
    </article>
  );
}

interface IssueOption {
  id: string;
  title: string;
}

/** Staff: a title and goal in Kyrgyz and Russian, and the issues it is about. */
function NewStrategy(props: { onCancel: () => void }) {
  const [titleKy, setTitleKy] = useState('');
  const [titleRu, setTitleRu] = useState('');
  const [goalKy, setGoalKy] = useState('');
  const [goalRu, setGoalRu] = useState('');
  const [issues, setIssues] = useState<IssueOption[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState('');
  const action = useAction();
  useEffect(() => {
    // The issues the network chose first, then the others under discussion.
    void Promise.all(
      (['prioritised', 'escalated', 'discussing'] as const).map((status) =>
        ok(api.GET('/api/v1/issues', { params: { query: { status, limit: 50 } } })).then(
          (page) => page.items.map((i) => ({ id: i.id, title: i.title })),
          () => [] as IssueOption[],
        ),
      ),
    ).then((lists) => setIssues(lists.flat()));
  }, []);
  async function submit(e: Event) {
    e.preventDefault();
    if (!titleKy.trim() && !titleRu.trim()) return setProblem(t('strategies.needTitle'));
    if (!chosen.length) return setProblem(t('strategies.needIssue'));
    setProblem('');
    const text = (ky: string, ru: string) => ({
      ...(ky.trim() ? { ky: ky.trim() } : {}),
      ...(ru.trim() ? { ru: ru.trim() } : {}),
    });
    let id = '';
    const done = await action.run(async () => {
      const created = await ok(
        api.POST('/api/v1/strategies', {
          body: {
            title: text(titleKy, titleRu),
            goal: text(goalKy || titleKy, goalRu || titleRu),
            issueIds: chosen,
          },
        }),
      );
      id = created.id;
    });
    if (done) navigate(`/strategies/${id}`);
  }
  return (
    <FormSection
      id="new-strategy"
      title={t('strategies.new')}
      class="panel"
      onSubmit={submit}
      error={action.error}
    >
      {problem && <Alert>{problem}</Alert>}
      <Field
        id="st-title-ky"
        label={t('strategies.titleKy')}
        value={titleKy}
        onInput={setTitleKy}
      />
      <Field
        id="st-title-ru"
        label={t('strategies.titleRu')}
        value={titleRu}
        onInput={setTitleRu}
      />
      <Field
        id="st-goal-ky"
        label={t('strategies.goalKy')}
        value={goalKy}
        onInput={setGoalKy}
        multiline
        rows={2}
      />
      <Field
        id="st-goal-ru"
        label={t('strategies.goalRu')}
        value={goalRu}
        onInput={setGoalRu}
        multiline
        rows={2}
      />
      <fieldset class="field checks">
        <legend>{t('strategies.issues')}</legend>
        {issues.map((i) => (
          <label key={i.id}>
            <input
              type="checkbox"
              checked={chosen.includes(i.id)}
              onChange={(e) =>
                setChosen((now) =>
                  e.currentTarget.checked ? [...now, i.id] : now.filter((x) => x !== i.id),
                )
              }
            />{' '}
            {i.title}
          </label>
        ))}
      </fieldset>
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy}>
          {t('strategies.create')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('strategies.cancel')}
        </button>
      </div>
    </FormSection>
  );
}
