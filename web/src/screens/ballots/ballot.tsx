// One ballot. Open: "vote as my organisation" (which one, if the reader represents several; ticks,
// an order with up/down buttons, or dots with +/− and the points left), the current vote and that
// it may change until the close. Closed: the results with bars, by organisation kind and by aiyl
// aimak, and the outcome. Staff: close it, enter a paper ballot with a note, record the outcome.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { api, ApiError, newId, ok } from '../../api/client.js';
import { HubUnreachable } from '../../api/tokens.js';
import { t } from '../../i18n/index.js';
import { me } from '../../session.js';
import { useAction } from '../../ui/action.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { Alert, Field, ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';
import { loadTerritories } from '../../ui/territory-picker.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { useKept } from '../assessment/kept.js';
import { KeptFailure, KeptNote } from '../assessment/kept-view.js';
import { statusText } from '../issues/words.js';
import { kindText } from '../people/parts.js';
import type { BallotIssue, BallotResults, BallotView, GroupResult, VoteView } from './api.js';
import {
  barWidth,
  body,
  dot,
  draftOf,
  type Draft,
  rankAdd,
  rankMove,
  rankRemove,
  ready,
  same,
  spent,
  toggle,
} from './model.js';
import { localised, methodText, moment, scoreText } from './words.js';
import './ballots.css';

export default function BallotScreen(props: ScreenProps) {
  useEffect(() => void loadTerritories(me.value?.id), []);
  const id = props.params.id;
  const reading = useKept(`ballot:${id}`, () =>
    ok(api.GET('/api/v1/ballots/{id}', { params: { path: { id } } })),
  );
  const b = reading.value;
  return (
    <div class="ballots">
      <AdvocacyNav />
      <p>
        <Link href="/ballots">{t('ballots.back')}</Link>
      </p>
      {reading.error !== null && !b && <KeptFailure reading={reading} />}
      {!b && reading.error === null && <p class="loading">{t('app.loading')}</p>}
      {b && (
        <>
          <KeptNote savedAt={reading.savedAt} />
          <Heading ballot={b} />
          {b.status === 'open' ? (
            <>
              <Vote ballot={b} onSaved={reading.reload} />
              <p class="muted">{t('ballots.resultsAfterClose')}</p>
            </>
          ) : (
            <>
              {b.outcome && <Outcome ballot={b} />}
              <Results ballot={b} />
            </>
          )}
          {b.canManage && (b.status === 'open' || !b.outcome) && (
            <Manage ballot={b} onChange={reading.set} reload={reading.reload} />
          )}
        </>
      )}
    </div>
  );
}

function Heading(props: { ballot: BallotView }) {
  const b = props.ballot;
  return (
    <>
      <h1>{localised(b.title)}</h1>
      <p class="row">
        <span class={`badge status-${b.status}`}>{t(`ballots.status.${b.status}`)}</span>
        <span class="badge">{methodText(b.method)}</span>
      </p>
      <p class="muted small">
        {b.status === 'open'
          ? t('ballots.closesAt', { date: moment(b.closesAt) })
          : t('ballots.closedAt', { date: moment(b.closedAt ?? b.closesAt) })}
        {' · '}
        {t('ballots.turnout', { voted: b.voted, voters: b.voters })}
      </p>
    </>
  );
}

const maxOf = (b: BallotView) => b.maxChoices ?? b.issues.length;

function help(b: BallotView): string {
  if (b.method === 'dot') return t('ballots.methodHelp.dot', { points: b.points ?? 0 });
  return t(`ballots.methodHelp.${b.method}`, { max: maxOf(b) });
}

/** "Vote as my organisation": the organisations the reader represents that are on the roll. */
function Vote(props: { ballot: BallotView; onSaved: () => void }) {
  const b = props.ballot;
  const voting = b.myOrganisations.filter((o) => o.onRoll);
  const [orgId, setOrgId] = useState(voting[0]?.organisationId ?? '');
  const org = voting.find((o) => o.organisationId === orgId) ?? voting[0];
  const [draft, setDraft] = useState<Draft>(() => draftOf(org?.vote));
  const [saved, setSaved] = useState<VoteView | null>(null);
  const action = useAction();
  // Another organisation chosen: its own vote is the starting point.
  useEffect(() => {
    setDraft(draftOf(org?.vote));
    setSaved(null);
    action.clear();
  }, [org?.organisationId]);

  if (!org)
    return (
      <section class="card" aria-labelledby="b-vote">
        <h2 id="b-vote">{t('ballots.vote')}</h2>
        {b.myOrganisations.length === 0 ? (
          <p class="muted">{t('ballots.notRepresentative')}</p>
        ) : (
          b.myOrganisations.map((o) => (
            <p key={o.organisationId} class="muted">
              {t('ballots.notOnRoll', { name: o.name })}
            </p>
          ))
        )}
        <IssueList issues={b.issues} />
      </section>
    );

  const current = saved ?? org.vote;
  const unchanged = same(draft, current);
  async function send(e: Event) {
    e.preventDefault();
    let answer: VoteView | null = null;
    const done = await action.run(async () => {
      answer = await ok(
        api.PUT('/api/v1/ballots/{id}/votes/{organisationId}', {
          params: { path: { id: b.id, organisationId: org.organisationId } },
          body: body(
            b.method,
            draft,
            b.issues.map((i) => i.id),
          ),
        }),
      );
    });
    if (done && answer) {
      setSaved(answer);
      props.onSaved();
    }
  }
  const offline = action.error instanceof HubUnreachable;
  return (
    <section class="card vote" aria-labelledby="b-vote">
      <h2 id="b-vote">{t('ballots.vote')}</h2>
      {voting.length > 1 && (
        <Select
          id="b-org"
          label={t('ballots.voteFor')}
          value={org.organisationId}
          onChange={setOrgId}
          options={voting.map((o) => [o.organisationId, o.name] as const)}
        />
      )}
      <CurrentVote name={org.name} vote={current} ballot={b} />
      <form onSubmit={(e) => void send(e)} noValidate>
        <p class="muted small">{help(b)}</p>
        <Editor ballot={b} draft={draft} setDraft={setDraft} idPrefix="v" />
        {offline ? <Alert>{t('ballots.offline')}</Alert> : <ProblemAlert error={action.error} />}
        {saved && unchanged && <Alert kind="info">{t('ballots.saved')}</Alert>}
        <button
          type="submit"
          class="primary"
          disabled={action.busy || unchanged || !ready(b.method, draft, maxOf(b), b.points ?? 0)}
        >
          {current ? t('ballots.change') : t('ballots.send')}
        </button>
      </form>
    </section>
  );
}

function CurrentVote(props: { name: string; vote: VoteView | null; ballot: BallotView }) {
  const v = props.vote;
  const b = props.ballot;
  if (!v) return <p>{t('ballots.notVoted', { name: props.name })}</p>;
  const title = (id: string) => b.issues.find((i) => i.id === id)?.title ?? id;
  return (
    <div class="current" role="status">
      <p>{t('ballots.current', { name: props.name, date: moment(v.updatedAt) })}</p>
      {v.choices && (
        <ol class={b.method === 'ranked' ? '' : 'unnumbered'}>
          {v.choices.map((id) => (
            <li key={id}>{title(id)}</li>
          ))}
        </ol>
      )}
      {v.points && (
        <ul>
          {Object.entries(v.points).map(([id, n]) => (
            <li key={id}>
              {title(id)}: {t('ballots.pointsOf', { n })}
            </li>
          ))}
        </ul>
      )}
      {v.paper && <p class="muted small">{t('ballots.currentPaper', { note: v.note ?? '' })}</p>}
      <p class="muted small">{t('ballots.mayChange', { date: moment(b.closesAt) })}</p>
    </div>
  );
}

function IssueList(props: { issues: BallotIssue[] }) {
  return (
    <>
      <h3>{t('ballots.issues')}</h3>
      <ol>
        {props.issues.map((i) => (
          <li key={i.id}>
            <Link href={`/issues/${i.id}`}>{i.title}</Link>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The draft of a vote, by the ballot's method. */
function Editor(props: {
  ballot: BallotView;
  draft: Draft;
  setDraft: (d: Draft) => void;
  idPrefix: string;
}) {
  const { ballot: b, draft, setDraft } = props;
  const order = b.issues.map((i) => i.id);
  const max = maxOf(b);
  const title = (id: string) => b.issues.find((i) => i.id === id)?.title ?? id;
  if (b.method === 'approval') {
    const full = draft.choices.length >= max;
    return (
      <fieldset>
        <legend>{t('ballots.choose')}</legend>
        {b.issues.map((i) => {
          const on = draft.choices.includes(i.id);
          return (
            <label key={i.id} class="choice">
              <input
                type="checkbox"
                checked={on}
                disabled={!on && full}
                onChange={() => setDraft(toggle(draft, i.id, order, max))}
              />{' '}
              {i.title}
            </label>
          );
        })}
        {full && <p class="muted small">{t('ballots.maxReached')}</p>}
      </fieldset>
    );
  }
  if (b.method === 'ranked') {
    const rest = b.issues.filter((i) => !draft.choices.includes(i.id));
    const full = draft.choices.length >= max;
    return (
      <div class="ranked">
        <h3 id={`${props.idPrefix}-order`}>{t('ballots.chosen')}</h3>
        {draft.choices.length === 0 && <p class="muted">{t('ballots.chosenNone')}</p>}
        <ol class="rank-list" aria-labelledby={`${props.idPrefix}-order`}>
          {draft.choices.map((id, n) => (
            <li key={id} class="rank-item">
              <span class="rank-no" aria-hidden="true">
                {n + 1}
              </span>
              <span class="rank-title">{title(id)}</span>
              <span class="rank-buttons">
                <button
                  type="button"
                  aria-label={t('ballots.moveUp', { issue: title(id) })}
                  disabled={n === 0}
                  onClick={() => setDraft(rankMove(draft, id, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={t('ballots.moveDown', { issue: title(id) })}
                  disabled={n === draft.choices.length - 1}
                  onClick={() => setDraft(rankMove(draft, id, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={t('ballots.removeIssue', { issue: title(id) })}
                  onClick={() => setDraft(rankRemove(draft, id))}
                >
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ol>
        {rest.length > 0 && (
          <>
            <h3>{t('ballots.notChosen')}</h3>
            <ul class="plain rank-rest">
              {rest.map((i) => (
                <li key={i.id} class="rank-item">
                  <span class="rank-title">{i.title}</span>
                  <button
                    type="button"
                    aria-label={t('ballots.addIssue', { issue: i.title })}
                    disabled={full}
                    onClick={() => setDraft(rankAdd(draft, i.id, max))}
                  >
                    {t('ballots.add')}
                  </button>
                </li>
              ))}
            </ul>
            {full && <p class="muted small">{t('ballots.maxReached')}</p>}
          </>
        )}
      </div>
    );
  }
  const budget = b.points ?? 0;
  const left = budget - spent(draft);
  return (
    <div class="dots">
      <p class="dots-left" role="status">
        {t('ballots.remaining', { count: left })}
      </p>
      <ul class="plain">
        {b.issues.map((i) => {
          const n = draft.points[i.id] ?? 0;
          return (
            <li key={i.id} class="rank-item">
              <span class="rank-title">{i.title}</span>
              <span class="rank-buttons">
                <button
                  type="button"
                  aria-label={t('ballots.less', { issue: i.title })}
                  disabled={n === 0}
                  onClick={() => setDraft(dot(draft, i.id, -1, budget))}
                >
                  −
                </button>
                <output class="dot-count" aria-label={t('ballots.pointsOf', { n })}>
                  {n}
                </output>
                <button
                  type="button"
                  aria-label={t('ballots.more', { issue: i.title })}
                  disabled={left <= 0}
                  onClick={() => setDraft(dot(draft, i.id, 1, budget))}
                >
                  +
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Outcome(props: { ballot: BallotView }) {
  const o = props.ballot.outcome!;
  return (
    <section class="card outcome" aria-labelledby="b-outcome">
      <h2 id="b-outcome">{t('ballots.outcome')}</h2>
      <p class="statement">{o.statement}</p>
      <ul>
        {props.ballot.issues
          .filter((i) => i.selected)
          .map((i) => (
            <li key={i.id}>
              <Link href={`/issues/${i.id}`}>{i.title}</Link> ({statusText(i.status)})
            </li>
          ))}
      </ul>
      <p class="muted small">{t('ballots.outcomeBy', { date: moment(o.decidedAt) })}</p>
    </section>
  );
}

function Results(props: { ballot: BallotView }) {
  const b = props.ballot;
  const reading = useKept(`ballot-results:${b.id}:${b.outcome ? 'decided' : 'open'}`, () =>
    ok(api.GET('/api/v1/ballots/{id}/results', { params: { path: { id: b.id } } })),
  );
  const r = reading.value;
  if (reading.error !== null && !r) return <KeptFailure reading={reading} />;
  if (!r) return <p class="loading">{t('app.loading')}</p>;
  const top = Math.max(0, ...r.results.map((x) => x.score));
  return (
    <section aria-labelledby="b-results">
      <h2 id="b-results">{t('ballots.results')}</h2>
      <p>
        {t('ballots.turnoutLine', {
          percent: Math.round(r.turnout * 100),
          voted: r.voted,
          voters: r.voters,
        })}
        {r.paperVotes > 0 && ` · ${t('ballots.paperVotes', { count: r.paperVotes })}`}
      </p>
      <ol class="bars">
        {r.results.map((x) => (
          <li key={x.issueId} class="bar-row">
            <span class="bar-label">
              <span class="bar-rank">{x.rank}.</span>{' '}
              <Link href={`/issues/${x.issueId}`}>{x.title}</Link>
              {x.selected && <span class="badge chosen">{t('ballots.selected')}</span>}
            </span>
            <span class="bar-track" aria-hidden="true">
              <span class="bar" style={{ width: `${barWidth(x.score, top)}%` }} />
            </span>
            <span class="bar-value">{scoreText(r.method, x.score)}</span>
          </li>
        ))}
      </ol>
      <Breakdown
        id="b-by-kind"
        heading={t('ballots.byKind')}
        results={r}
        groups={r.byKind.map((g) => ({ name: kindText(g.kind), group: g }))}
      />
      <Breakdown
        id="b-by-aimak"
        heading={t('ballots.byAiylAimak')}
        results={r}
        groups={r.byAiylAimak.map((g) => ({
          name: g.aiylAimakId ? localised(g.name ?? undefined) : t('ballots.aboveAimak'),
          group: g,
        }))}
      />
    </section>
  );
}

function Breakdown(props: {
  id: string;
  heading: string;
  results: BallotResults;
  groups: { name: string; group: GroupResult }[];
}) {
  const title = new Map(props.results.results.map((x) => [x.issueId, x.title]));
  return (
    <section aria-labelledby={props.id} class="breakdown">
      <h3 id={props.id}>{props.heading}</h3>
      {props.groups.map(({ name, group }) => {
        const top = Math.max(0, ...group.scores.map((s) => s.score));
        return (
          <div key={name} class="card group">
            <h4>
              {name}{' '}
              <span class="muted small">
                {t('ballots.groupVoted', { voted: group.voted, voters: group.voters })}
              </span>
            </h4>
            <ul class="plain bars small">
              {group.scores.map((s) => (
                <li key={s.issueId} class="bar-row">
                  <span class="bar-label">{title.get(s.issueId)}</span>
                  <span class="bar-track" aria-hidden="true">
                    <span class="bar" style={{ width: `${barWidth(s.score, top)}%` }} />
                  </span>
                  <span class="bar-value">{scoreText(props.results.method, s.score)}</span>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

/** Facilitators and admins: close it, enter a paper ballot, record the outcome. */
function Manage(props: {
  ballot: BallotView;
  onChange: (b: BallotView) => void;
  reload: () => void;
}) {
  const b = props.ballot;
  const action = useAction();
  async function close() {
    let next: BallotView | null = null;
    await action.run(async () => {
      next = await ok(
        api.POST('/api/v1/ballots/{id}/close', {
          params: { path: { id: b.id } },
          headers: { 'idempotency-key': newId() },
        }),
      );
    });
    if (next) props.onChange(next);
  }
  return (
    <section class="manage" aria-labelledby="b-manage">
      <h2 id="b-manage">{t('ballots.manage')}</h2>
      <ProblemAlert error={action.error} />
      {b.status === 'open' && (
        <>
          <p>
            <ConfirmButton
              label={t('ballots.close')}
              question={t('ballots.closeConfirm')}
              busy={action.busy}
              onConfirm={close}
            />
          </p>
          <PaperVote ballot={b} onSaved={props.reload} />
        </>
      )}
      {b.status === 'closed' && !b.outcome && <OutcomeForm ballot={b} onChange={props.onChange} />}
    </section>
  );
}

const AUTHORITIES = new Set(['state_administration', 'government_body']);

function PaperVote(props: { ballot: BallotView; onSaved: () => void }) {
  const b = props.ballot;
  const orgs = useKept('ballots:member-organisations', () =>
    ok(
      api.GET('/api/v1/organisations', {
        params: { query: { networkStatus: 'member', limit: 100 } },
      }),
    ),
  );
  const [orgId, setOrgId] = useState('');
  const [note, setNote] = useState('');
  const [draft, setDraft] = useState<Draft>(() => draftOf(null));
  const [done, setDone] = useState(false);
  const action = useAction();
  const errors = fieldErrors(action.error);
  async function send(e: Event) {
    e.preventDefault();
    setDone(false);
    const sent = await action.run(() =>
      ok(
        api.PUT('/api/v1/ballots/{id}/votes/{organisationId}', {
          params: { path: { id: b.id, organisationId: orgId } },
          body: {
            ...body(
              b.method,
              draft,
              b.issues.map((i) => i.id),
            ),
            note: note.trim(),
          },
        }),
      ),
    );
    if (sent) {
      setDone(true);
      setDraft(draftOf(null));
      setNote('');
      props.onSaved();
    }
  }
  const choices = (orgs.value?.items ?? []).filter((o) => !AUTHORITIES.has(o.kind));
  return (
    <details class="card paper">
      <summary>{t('ballots.paper')}</summary>
      <p class="muted small">{t('ballots.paperHelp')}</p>
      <form onSubmit={(e) => void send(e)} noValidate>
        <Select
          id="b-paper-org"
          label={t('ballots.paperOrg')}
          value={orgId}
          onChange={setOrgId}
          any={t('ballots.paperChoose')}
          options={choices.map((o) => [o.id, o.name] as const)}
        />
        <p class="muted small">{help(b)}</p>
        <Editor ballot={b} draft={draft} setDraft={setDraft} idPrefix="p" />
        <Field
          id="b-paper-note"
          label={t('ballots.note')}
          value={note}
          onInput={setNote}
          multiline
          rows={2}
          error={errors['note']}
        />
        {action.error instanceof ApiError && !errors['note'] && (
          <ProblemAlert error={action.error} />
        )}
        {done && <Alert kind="info">{t('ballots.paperSaved')}</Alert>}
        <button
          type="submit"
          class="primary"
          disabled={
            action.busy ||
            !orgId ||
            !note.trim() ||
            !ready(b.method, draft, maxOf(b), b.points ?? 0)
          }
        >
          {t('ballots.paperSend')}
        </button>
      </form>
    </details>
  );
}

function OutcomeForm(props: { ballot: BallotView; onChange: (b: BallotView) => void }) {
  const b = props.ballot;
  const [chosen, setChosen] = useState<string[]>([]);
  const [statement, setStatement] = useState('');
  const action = useAction();
  const errors = fieldErrors(action.error);
  async function send(e: Event) {
    e.preventDefault();
    let next: BallotView | null = null;
    await action.run(async () => {
      next = await ok(
        api.POST('/api/v1/ballots/{id}/outcome', {
          params: { path: { id: b.id } },
          headers: { 'idempotency-key': newId() },
          body: { selectedIssueIds: chosen, statement: statement.trim() },
        }),
      );
    });
    if (next) props.onChange(next);
  }
  return (
    <form class="card" onSubmit={(e) => void send(e)} noValidate aria-labelledby="b-outcome-set">
      <h3 id="b-outcome-set">{t('ballots.outcomeSet')}</h3>
      <p class="muted small">{t('ballots.outcomeHelp')}</p>
      <ProblemAlert error={action.error} />
      <fieldset>
        <legend class="visually-hidden">{t('ballots.issues')}</legend>
        {b.issues.map((i) => (
          <label key={i.id} class="choice">
            <input
              type="checkbox"
              checked={chosen.includes(i.id)}
              onChange={() =>
                setChosen((c) => (c.includes(i.id) ? c.filter((x) => x !== i.id) : [...c, i.id]))
              }
            />{' '}
            {i.title}
          </label>
        ))}
      </fieldset>
      <Field
        id="b-statement"
        label={t('ballots.statement')}
        value={statement}
        onInput={setStatement}
        multiline
        rows={3}
        error={errors['statement']}
      />
      <button
        type="submit"
        class="primary"
        disabled={action.busy || !chosen.length || statement.trim().length < 3}
      >
        {t('ballots.outcomeSend')}
      </button>
    </form>
  );
}
