// Opening a ballot (staff): a title in Kyrgyz and Russian, the method, the issues still raised or
// under discussion, the limits, the closing time. The roll is frozen by the hub when it opens.
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { api, newId, ok } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { useAction } from '../../ui/action.js';
import { Alert, Field, ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { statusText, type IssueCard } from '../issues/words.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { useKept } from '../assessment/kept.js';
import { KeptFailure } from '../assessment/kept-view.js';
import type { Method } from './model.js';
import { METHODS, methodText } from './words.js';
import './ballots.css';

/** A week from now, as the date and time inputs want them (local time). */
function inAWeek(): [string, string] {
  const d = new Date(Date.now() + 7 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return [`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, '18:00'];
}

async function choosable(): Promise<IssueCard[]> {
  const pages = await Promise.all(
    (['discussing', 'raised'] as const).map((status) =>
      ok(api.GET('/api/v1/issues', { params: { query: { status, limit: 100 } } })),
    ),
  );
  return pages.flatMap((p) => p.items);
}

export default function NewBallotScreen(_props: ScreenProps) {
  const issues = useKept('ballots:choosable', choosable);
  const [titleKy, setTitleKy] = useState('');
  const [titleRu, setTitleRu] = useState('');
  const [method, setMethod] = useState<Method>('ranked');
  const [chosen, setChosen] = useState<string[]>([]);
  const [maxChoices, setMaxChoices] = useState('');
  const [points, setPoints] = useState('10');
  const [[date, time], setWhen] = useState(inAWeek);
  const action = useAction();
  const errors = fieldErrors(action.error);

  async function open(e: Event) {
    e.preventDefault();
    let id = '';
    const title: Record<string, string> = {};
    if (titleKy.trim()) title.ky = titleKy.trim();
    if (titleRu.trim()) title.ru = titleRu.trim();
    const done = await action.run(async () => {
      const made = await ok(
        api.POST('/api/v1/ballots', {
          headers: { 'idempotency-key': newId() },
          body: {
            title,
            method,
            issueIds: chosen,
            ...(method !== 'dot' && maxChoices ? { maxChoices: Number(maxChoices) } : {}),
            ...(method === 'dot' ? { points: Number(points) } : {}),
            closesAt: new Date(`${date}T${time}`).toISOString(),
          },
        }),
      );
      id = made.id;
    });
    if (done) navigate(`/ballots/${id}`);
  }

  return (
    <div class="ballots">
      <AdvocacyNav />
      <p>
        <Link href="/ballots">{t('ballots.back')}</Link>
      </p>
      <h1>{t('ballots.new')}</h1>
      <form onSubmit={(e) => void open(e)} noValidate>
        <ProblemAlert error={action.error} />
        <Field
          id="b-title-ky"
          label={t('ballots.form.titleKy')}
          value={titleKy}
          onInput={setTitleKy}
          error={errors['title'] ?? errors['title.ky']}
        />
        <Field
          id="b-title-ru"
          label={t('ballots.form.titleRu')}
          value={titleRu}
          onInput={setTitleRu}
          error={errors['title.ru']}
        />
        <fieldset>
          <legend>{t('ballots.form.method')}</legend>
          {METHODS.map((m) => (
            <label key={m} class="choice">
              <input
                type="radio"
                name="b-method"
                value={m}
                checked={method === m}
                onChange={() => setMethod(m)}
              />{' '}
              {methodText(m)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('ballots.form.issues')}</legend>
          {issues.error !== null && !issues.value && <KeptFailure reading={issues} />}
          {!issues.value && issues.error === null && <p class="loading">{t('app.loading')}</p>}
          {issues.value?.length === 0 && <p class="muted">{t('ballots.form.noIssues')}</p>}
          {issues.value?.map((i) => (
            <label key={i.id} class="choice">
              <input
                type="checkbox"
                checked={chosen.includes(i.id)}
                onChange={() =>
                  setChosen((c) => (c.includes(i.id) ? c.filter((x) => x !== i.id) : [...c, i.id]))
                }
              />{' '}
              <span lang={i.language}>{i.title}</span>{' '}
              <span class="muted small">({statusText(i.status)})</span>
            </label>
          ))}
          {errors['issueIds'] && <small class="error">{errors['issueIds']}</small>}
        </fieldset>
        {method === 'dot' ? (
          <Field
            id="b-points"
            type="number"
            label={t('ballots.form.points')}
            value={points}
            onInput={setPoints}
            error={errors['points']}
          />
        ) : (
          <Field
            id="b-max"
            type="number"
            label={t('ballots.form.maxChoices')}
            value={maxChoices}
            onInput={setMaxChoices}
            error={errors['maxChoices']}
          />
        )}
        <div class="row">
          <Field
            id="b-closes"
            type="date"
            label={t('ballots.form.closesAt')}
            value={date}
            onInput={(v) => setWhen([v, time])}
            error={errors['closesAt']}
          />
          <div class="field">
            <label for="b-closes-time">{t('ballots.form.closesTime')}</label>
            <input
              id="b-closes-time"
              type="time"
              value={time}
              onInput={(e) => setWhen([date, e.currentTarget.value])}
            />
          </div>
        </div>
        <Alert kind="info">{t('ballots.form.roll')}</Alert>
        <button type="submit" class="primary" disabled={action.busy}>
          {t('ballots.form.open')}
        </button>
      </form>
    </div>
  );
}
