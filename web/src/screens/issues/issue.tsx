// An issue: what it is, its story as a timeline (raised, status changes, edits, escalations with
// their deadlines and answers), comments with replies and mentions, endorsing as my organisation,
// following, editing (its author), and for facilitators status changes and merging; recording an
// escalation and its answer (staff, and the representatives of the organisation that raised it).
// Comments and endorsements go through the outbox: they wait on the phone while offline and show
// so in place.
// Photos and documents show as thumbnails and chips on the issue, its comments and an authority's
// answer; a comment and (for facilitators) an escalation's answer may carry files of their own.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { api, ok, type Schemas } from '../../api/client.js';
import { HubUnreachable } from '../../api/tokens.js';
import { lang, t } from '../../i18n/index.js';
import { formatDate, formatRelative } from '../../i18n/format.js';
import { cacheGet, cachePut, dropDraft, loadDraft, saveDraft } from '../../offline/db.js';
import type { OutboxItem, RequestPayload } from '../../offline/outbox.js';
import { isStaff, me, outbox } from '../../session.js';
import { useCursorList } from '../../ui/cursor-list.js';
import { Endless } from '../../ui/endless.js';
import { Alert, Field, FormSection, ProblemAlert, SearchForm } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { OutboxNote } from '../../ui/outbox-note.js';
import { problemText } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';
import { loadTerritories, territoryById, territoryName } from '../../ui/territory-picker.js';
import {
  CATEGORIES,
  LEVELS,
  categoryText,
  levelText,
  queue,
  queued,
  statusText,
  type Issue,
  type IssueCard,
  type Status,
} from './words.js';
import { AttachPicker } from '../../attachments/picker.js';
import { PendingFiles } from '../../attachments/pending.js';
import { queueWithFiles, release, type Picked } from '../../attachments/queue.js';
import { attachmentsOf } from '../../attachments/types.js';
import { Attachments } from '../../attachments/view.js';
import { IssueEvidence } from '../assessment/evidence.js';
// Escalations by the raising organisation's representatives too (issue 13).
import { EscalateForm } from '../events/escalate.js';
import { mayAnswer, mayEscalate } from '../events/model.js';
import { LegalBasis } from '../legal/legal-basis.js';
import './issues.css';

type Comment = Schemas['CommentViewDto'];
type Transition = Schemas['TransitionViewDto'];
type Revision = Schemas['RevisionViewDto'];
type Escalation = Schemas['EscalationViewDto'];
type Endorsement = Schemas['EndorsementViewDto'];

const who = (p: { displayName: string } | null | undefined) =>
  p?.displayName ?? t('issues.unknownPerson');
const when = (at: string) => formatDate(at, lang.value, true);

export default function IssueScreen(props: ScreenProps) {
  const id = props.params.id;
  const user = me.value;
  const [issue, setIssue] = useState<Issue | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const scope = `issue:${id}`;

  useEffect(() => {
    void loadTerritories(user?.id);
  }, [user?.id]);
  useEffect(() => {
    let live = true;
    setError(null);
    ok(api.GET('/api/v1/issues/{id}', { params: { path: { id } } })).then(
      (found) => {
        if (!live) return;
        setIssue(found);
        if (user) void cachePut(user.id, scope, found).catch(() => undefined);
      },
      async (e: unknown) => {
        const kept =
          e instanceof HubUnreachable && user
            ? await cacheGet<Issue>(user.id, scope).catch(() => undefined)
            : undefined;
        if (!live) return;
        if (kept) setIssue(kept);
        else setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [id, version, user?.id]);

  const reload = () => setVersion((v) => v + 1);

  if (error !== null && !issue)
    return (
      <div class="issues">
        <Alert>{problemText(error)}</Alert>
        <button type="button" onClick={reload}>
          {t('app.retry')}
        </button>
        <p>
          <Link href="/issues">{t('issue.back')}</Link>
        </p>
      </div>
    );
  if (!issue) return <p class="loading">{t('app.loading')}</p>;

  return (
    <div class="issues">
      <p>
        <Link href="/issues">{t('issue.back')}</Link>
      </p>
      <Head issue={issue} onChange={setIssue} />
      <IssueEvidence issueId={issue.id} />
      <LegalBasis issueId={issue.id} />
      <Follow issue={issue} onChange={setIssue} />
      <Endorse issue={issue} scope={scope} onSent={reload} />
      {issue.authorId === user?.id && issue.status !== 'merged' && (
        <Edit
          issue={issue}
          onSaved={(saved) => {
            setIssue(saved);
            reload();
          }}
        />
      )}
      {isStaff.value && <Staff issue={issue} onChange={reload} />}
      {mayEscalate(user, issue) && <EscalateForm issueId={issue.id} onSent={reload} />}
      <Timeline issue={issue} version={version} onChange={reload} />
      <Comments issue={issue} scope={scope} />
    </div>
  );
}

function Head(props: { issue: Issue; onChange: (i: Issue) => void }) {
  const i = props.issue;
  return (
    <>
      <h1 lang={i.language}>{i.title}</h1>
      <p class="row meta">
        <span class={`badge status-${i.status}`}>{statusText(i.status)}</span>
        <span class="badge">{categoryText(i.category)}</span>
        <span class="badge">{levelText(i.decisionLevel)}</span>
        {i.overdue && <span class="badge overdue">{t('issues.overdueBadge')}</span>}
      </p>
      {i.status === 'merged' && i.mergedIntoId && (
        <Alert kind="info">
          {t('issue.mergedInto')}{' '}
          <Link href={`/issues/${i.mergedIntoId}`}>{t('issue.openMerged')}</Link>
        </Alert>
      )}
      <p class="muted small">
        {t('issues.raisedOn', { date: when(i.createdAt) })} ·{' '}
        {t('issues.by', { name: who(i.author) })}
        {i.territoryIds.length > 0 && ' · '}
        {i.territoryIds
          .map((tid) => territoryName(territoryById(tid)))
          .filter(Boolean)
          .join(', ')}
      </p>
      <h2>{t('issue.body')}</h2>
      <p class="issue-body" lang={i.language}>
        {i.body}
      </p>
      <Attachments items={attachmentsOf(i)} />
      <p class="muted small">
        {t('issues.comments', { count: i.commentCount })} ·{' '}
        {t('issues.endorsements', { count: i.endorsementCount })} ·{' '}
        {t('issues.followers', { count: i.followerCount })}
      </p>
    </>
  );
}

function Follow(props: { issue: Issue; onChange: (i: Issue) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const i = props.issue;
  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const path = { params: { path: { id: i.id } } };
      const state = await ok(
        i.following
          ? api.DELETE('/api/v1/issues/{id}/follow', path)
          : api.POST('/api/v1/issues/{id}/follow', path),
      );
      props.onChange({ ...i, following: state.following, followerCount: state.followerCount });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="actions">
      {i.following && <p class="muted">{t('issue.following')}</p>}
      <button
        type="button"
        aria-pressed={i.following}
        disabled={busy}
        onClick={() => void toggle()}
      >
        {t(i.following ? 'issue.unfollow' : 'issue.follow')}
      </button>
      <ProblemAlert error={error} />
    </div>
  );
}

function Endorse(props: { issue: Issue; scope: string; onSent: () => void }) {
  const user = me.value;
  const orgs = user?.organisations ?? [];
  const [endorsed, setEndorsed] = useState<Endorsement[]>([]);
  const [org, setOrg] = useState(orgs[0]?.id ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const id = props.issue.id;
  useEffect(() => {
    ok(
      api.GET('/api/v1/issues/{id}/endorsements', {
        params: { path: { id }, query: { limit: 100 } },
      }),
    ).then(
      (page) => setEndorsed(page.items),
      () => undefined,
    );
  }, [id, version, props.issue.endorsementCount]);
  useEffect(
    () =>
      outbox()?.onSent((item) => {
        if (
          item.scope === props.scope &&
          (item.payload as RequestPayload).path.includes('/endorsements')
        ) {
          setVersion((v) => v + 1);
          props.onSent();
        }
      }),
    [props.scope],
  );
  const waiting = queued(props.scope, '/endorsements');
  const waitingOrgs = new Set(
    waiting.map(
      (w) => ((w.payload as RequestPayload).body as { organisationId: string }).organisationId,
    ),
  );
  const mine = new Set(orgs.map((o) => o.id));
  const endorsedIds = new Set(endorsed.map((e) => e.organisationId));
  const free = orgs.filter((o) => !endorsedIds.has(o.id) && !waitingOrgs.has(o.id));
  const chosen = free.find((o) => o.id === org) ?? free[0];
  const orgName = (oid: string) => orgs.find((o) => o.id === oid)?.name ?? '';

  async function endorse(e: Event) {
    e.preventDefault();
    if (!chosen) return;
    setError(null);
    await queue(props.scope, {
      method: 'POST',
      path: `/api/v1/issues/${id}/endorsements`,
      body: note.trim()
        ? { organisationId: chosen.id, note: note.trim() }
        : { organisationId: chosen.id },
    });
    setNote('');
  }
  async function withdraw(oid: string) {
    setError(null);
    try {
      await ok(
        api.DELETE('/api/v1/issues/{id}/endorsements/{organisationId}', {
          params: { path: { id, organisationId: oid } },
        }),
      );
      setVersion((v) => v + 1);
      props.onSent();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section class="panel" aria-labelledby="endorse-h">
      <h2 id="endorse-h">{t('issue.endorsedBy')}</h2>
      {endorsed.length > 0 && (
        <ul class="plain">
          {endorsed.map((e) => (
            <li key={e.id} class="row">
              <span>
                {e.organisationName}
                {e.note && <span class="muted"> — {e.note}</span>}
              </span>
              {mine.has(e.organisationId) && (
                <button type="button" onClick={() => void withdraw(e.organisationId)}>
                  {t('issue.unendorse', { org: e.organisationName })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {waiting.map((w) => (
        <div key={w.id}>
          <p>
            {t('issue.endorsementWaiting', {
              org: orgName(
                ((w.payload as RequestPayload).body as { organisationId: string }).organisationId,
              ),
            })}
          </p>
          <OutboxNote item={w} />
        </div>
      ))}
      <ProblemAlert error={error} />
      {!orgs.length && <p class="muted">{t('issue.noOrgs')}</p>}
      {chosen && props.issue.status !== 'merged' && (
        <form onSubmit={(e) => void endorse(e)}>
          {free.length > 1 && (
            <div class="field">
              <label for="endorse-org">{t('issue.endorseOrg')}</label>
              <select
                id="endorse-org"
                value={chosen.id}
                onChange={(e) => setOrg(e.currentTarget.value)}
              >
                {free.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <Field
            id="endorse-note"
            label={t('issue.endorseNote')}
            value={note}
            onInput={setNote}
            maxLength={2000}
          />
          <button type="submit" class="primary">
            {t('issue.endorseAs', { org: chosen.name })}
          </button>
        </form>
      )}
    </section>
  );
}

function Edit(props: { issue: Issue; onSaved: (i: Issue) => void }) {
  const i = props.issue;
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(i.title);
  const [body, setBody] = useState(i.body);
  const [category, setCategory] = useState(i.category);
  const [level, setLevel] = useState(i.decisionLevel);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <div class="actions">
        {done && <Alert kind="info">{t('issue.saved')}</Alert>}
        <button
          type="button"
          onClick={() => {
            setTitle(i.title);
            setBody(i.body);
            setCategory(i.category);
            setLevel(i.decisionLevel);
            setDone(false);
            setOpen(true);
          }}
        >
          {t('issue.edit')}
        </button>
      </div>
    );
  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await ok(
        api.PATCH('/api/v1/issues/{id}', {
          params: { path: { id: i.id } },
          body: { title: title.trim(), body: body.trim(), category, decisionLevel: level },
        }),
      );
      props.onSaved(saved);
      setDone(true);
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <FormSection
      id="edit-h"
      title={t('issue.editTitle')}
      class="panel"
      onSubmit={save}
      error={error}
    >
      <Field
        id="edit-title"
        label={t('issue.title')}
        value={title}
        onInput={setTitle}
        required
        minLength={3}
        maxLength={200}
      />
      <Field
        id="edit-body"
        label={t('issue.body')}
        value={body}
        onInput={setBody}
        multiline
        rows={6}
        required
      />
      <Select
        id="edit-category"
        label={t('issues.category')}
        value={category}
        onChange={setCategory}
        options={CATEGORIES.map((c) => [c, categoryText(c)])}
      />
      <Select
        id="edit-level"
        label={t('issues.decisionLevel')}
        value={level}
        onChange={setLevel}
        options={LEVELS.map((l) => [l, levelText(l)])}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('app.save')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('app.cancel')}
        </button>
      </div>
    </FormSection>
  );
}

function Staff(props: { issue: Issue; onChange: () => void }) {
  const i = props.issue;
  const moves = i.allowedTransitions.filter((s) => s !== 'merged' && s !== i.status);
  const [to, setTo] = useState<Status | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<IssueCard[]>([]);
  const [target, setTarget] = useState('');
  const target0 = moves.includes(to as Status) ? (to as Status) : moves[0];

  async function act(work: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      setNote('');
      props.onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  async function find() {
    setError(null);
    try {
      const page = await ok(
        api.GET('/api/v1/issues', { params: { query: { q: q.trim() || undefined, limit: 8 } } }),
      );
      setFound(page.items.filter((c) => c.id !== i.id && c.status !== 'merged'));
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section class="panel" aria-labelledby="staff-h">
      <h2 id="staff-h">{t('issue.staff')}</h2>
      <ProblemAlert error={error} />
      {target0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(() =>
              ok(
                api.POST('/api/v1/issues/{id}/transitions', {
                  params: { path: { id: i.id } },
                  body: note.trim() ? { to: target0, note: note.trim() } : { to: target0 },
                }),
              ),
            );
          }}
        >
          <Select
            id="move-to"
            label={t('issue.moveTo')}
            value={target0}
            onChange={setTo}
            options={moves.map((s) => [s, statusText(s)])}
          />
          <Field
            id="move-note"
            label={t('issue.moveNote')}
            value={note}
            onInput={setNote}
            maxLength={2000}
          />
          <button type="submit" class="primary" disabled={busy}>
            {t('issue.move')}
          </button>
        </form>
      )}
      {i.status !== 'merged' && (
        <>
          <h3>{t('issue.merge')}</h3>
          <SearchForm onSearch={() => void find()}>
            <label for="merge-q">{t('issue.mergeSearch')}</label>
            <div class="row nowrap">
              <input
                id="merge-q"
                type="search"
                value={q}
                onInput={(e) => setQ(e.currentTarget.value)}
              />
              <button type="submit">{t('issues.searchSubmit')}</button>
            </div>
          </SearchForm>
          {found.length > 0 && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (!target) return;
                void act(() =>
                  ok(
                    api.POST('/api/v1/issues/{id}/merge', {
                      params: { path: { id: i.id } },
                      body: { targetIssueId: target },
                    }),
                  ),
                );
              }}
            >
              <fieldset>
                <legend>{t('issue.mergeTarget')}</legend>
                {found.map((c) => (
                  <div class="check" key={c.id}>
                    <input
                      type="radio"
                      name="merge-target"
                      id={`merge-${c.id}`}
                      value={c.id}
                      checked={target === c.id}
                      onChange={() => setTarget(c.id)}
                    />
                    <label for={`merge-${c.id}`} lang={c.language}>
                      {c.title}
                    </label>
                  </div>
                ))}
              </fieldset>
              <button type="submit" disabled={busy || !target}>
                {t('issue.mergeSubmit')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

interface Event_ {
  at: string;
  key: string;
  node: preact.ComponentChildren;
}

function Timeline(props: { issue: Issue; version: number; onChange: () => void }) {
  const id = props.issue.id;
  const [revisions, setRevisions] = useState<Revision[]>([]);
  const [escalations, setEscalations] = useState<Escalation[]>([]);
  const history = useCursorList<Transition>(async (cursor) => {
    const page = await ok(
      api.GET('/api/v1/issues/{id}/history', {
        params: { path: { id }, query: { cursor, limit: 50 } },
      }),
    );
    setRevisions(page.revisions);
    return page;
  }, `${id}:${props.version}`);
  useEffect(() => {
    ok(
      api.GET('/api/v1/issues/{id}/escalations', {
        params: { path: { id }, query: { limit: 100 } },
      }),
    ).then(
      (page) => setEscalations(page.items),
      () => undefined,
    );
  }, [id, props.version]);

  const events: Event_[] = [];
  for (const tr of history.items)
    events.push({
      at: tr.createdAt,
      key: tr.id,
      node: (
        <>
          <strong>
            {tr.fromStatus === null
              ? t('issue.event.raised', { name: who(tr.actor) })
              : t('issue.event.transition', { to: statusText(tr.toStatus), name: who(tr.actor) })}
          </strong>
          {tr.note && <p>{tr.note}</p>}
        </>
      ),
    });
  if (!history.items.some((tr) => tr.fromStatus === null) && !history.hasMore)
    events.push({
      at: props.issue.createdAt,
      key: 'raised',
      node: <strong>{t('issue.event.raised', { name: who(props.issue.author) })}</strong>,
    });
  for (const r of revisions)
    events.push({
      at: r.createdAt,
      key: r.id,
      node: <strong>{t('issue.event.edited', { name: who(r.editor) })}</strong>,
    });
  for (const e of escalations) {
    events.push({
      at: e.sentAt,
      key: e.id,
      node: (
        <>
          <strong>{t('issue.event.escalated', { authority: e.authorityName })}</strong>
          {e.reference && <p>{t('issue.event.reference', { reference: e.reference })}</p>}
          <p>
            {t('issue.event.due', { date: formatDate(e.responseDueAt, lang.value) })}{' '}
            {e.overdue && <span class="badge overdue">{t('issues.overdueBadge')}</span>}
          </p>
          {!e.respondedAt && mayAnswer(me.value, props.issue) && (
            <AnswerForm escalation={e} scope={`issue:${id}`} onSent={props.onChange} />
          )}
        </>
      ),
    });
    if (e.respondedAt)
      events.push({
        at: e.respondedAt,
        key: `${e.id}:answer`,
        node: (
          <>
            <strong>{t('issue.event.answered', { authority: e.authorityName })}</strong>
            {e.responseText && <p class="issue-body">{e.responseText}</p>}
            <Attachments items={attachmentsOf(e)} />
          </>
        ),
      });
  }
  events.sort((a, b) => a.at.localeCompare(b.at));

  return (
    <section aria-labelledby="story-h">
      <h2 id="story-h">{t('issue.story')}</h2>
      <ol class="timeline">
        {events.map((e) => (
          <li key={e.key}>
            <time dateTime={e.at} class="muted small">
              {when(e.at)}
            </time>
            <div>{e.node}</div>
          </li>
        ))}
      </ol>
      <ProblemAlert error={history.error} />
      {history.hasMore && (
        <button type="button" disabled={history.loading} onClick={() => void history.more()}>
          {t('issue.storyMore')}
        </button>
      )}
    </section>
  );
}

/** A comment's text with `@[Name]` and `@{id}` mentions set apart (as text, never HTML). */
function WithMentions(props: { text: string }) {
  const parts = props.text.split(/(@\[[^\]\n]{1,100}\]|@\{[0-9a-fA-F-]{36}\})/);
  return (
    <>
      {parts.map((p, n) => {
        if (n % 2 === 0) return p;
        if (p.startsWith('@['))
          return (
            <span class="mention" key={n}>
              @{p.slice(2, -1)}
            </span>
          );
        const uid = p.slice(2, -1);
        return (
          <Link key={n} href={`/people/${uid}`} class="mention">
            @{uid.slice(0, 8)}
          </Link>
        );
      })}
    </>
  );
}

function Comments(props: { issue: Issue; scope: string }) {
  const id = props.issue.id;
  const user = me.value;
  const list = useCursorList<Comment>(
    (cursor) =>
      ok(
        api.GET('/api/v1/issues/{id}/comments', {
          params: { path: { id }, query: { cursor, limit: 50 } },
        }),
      ),
    id,
  );
  const [body, setBody] = useState('');
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  const [files, setFiles] = useState<Picked[]>([]);
  const draftKey = `comment:${id}`;
  // What is typed is kept on the phone until it is sent.
  useEffect(() => {
    if (!user) return;
    loadDraft<string>(user.id, draftKey).then(
      (kept) => kept && setBody((now) => now || kept),
      () => undefined,
    );
  }, [draftKey, user?.id]);
  const type = (text: string) => {
    setBody(text);
    if (user) void saveDraft(user.id, draftKey, text).catch(() => undefined);
  };

  useEffect(
    () =>
      outbox()?.onSent((item, result) => {
        if (
          item.scope !== props.scope ||
          !(item.payload as RequestPayload).path.endsWith('/comments')
        )
          return;
        const c = result as Comment | null;
        if (c?.id)
          list.update((items) => (items.some((x) => x.id === c.id) ? items : [...items, c]));
      }),
    [props.scope],
  );

  const waiting = queued(props.scope, '/comments');
  const top = list.items.filter((c) => !c.parentId);
  const replies = (parent: string) => list.items.filter((c) => c.parentId === parent);
  const waitingFor = (parent: string | null) =>
    waiting.filter(
      (w) =>
        (((w.payload as RequestPayload).body as { parentId?: string }).parentId ?? null) === parent,
    );

  async function send(e: Event) {
    e.preventDefault();
    const text = body.trim();
    if (!text) return;
    await queueWithFiles(
      'request',
      props.scope,
      {
        method: 'POST',
        path: `/api/v1/issues/${id}/comments`,
        body: replyTo ? { body: text, parentId: replyTo.id } : { body: text },
      },
      files,
    );
    release(files);
    setFiles([]);
    setBody('');
    setReplyTo(null);
    if (user) void dropDraft(user.id, draftKey).catch(() => undefined);
  }

  return (
    <section aria-labelledby="comments-h">
      <h2 id="comments-h">{t('issue.comments')}</h2>
      <ol class="comments">
        {top.map((c) => (
          <li key={c.id}>
            <CommentView
              comment={c}
              onReply={props.issue.status !== 'merged' ? () => setReplyTo(c) : undefined}
            />
            {(replies(c.id).length > 0 || waitingFor(c.id).length > 0) && (
              <ol class="replies">
                {replies(c.id).map((r) => (
                  <li key={r.id}>
                    <CommentView comment={r} />
                  </li>
                ))}
                {waitingFor(c.id).map((w) => (
                  <li key={w.id}>
                    <Pending item={w} />
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
        {waitingFor(null).map((w) => (
          <li key={w.id}>
            <Pending item={w} />
          </li>
        ))}
      </ol>
      <Endless list={list} empty={waiting.length ? '' : t('issue.noComments')} />
      {props.issue.status !== 'merged' && (
        <form onSubmit={(e) => void send(e)} class="composer">
          {replyTo && (
            <p class="row">
              <span>{t('issue.replyTo', { name: who(replyTo.author) })}</span>
              <button type="button" onClick={() => setReplyTo(null)}>
                {t('issue.cancelReply')}
              </button>
            </p>
          )}
          <Field
            id="comment-body"
            label={t('issue.writeComment')}
            value={body}
            onInput={type}
            multiline
            rows={3}
            maxLength={10000}
            hint={t('issue.mentionHint')}
          />
          <AttachPicker id="comment-files" files={files} onChange={setFiles} />
          <button type="submit" class="primary" disabled={!body.trim()}>
            {t('issue.send')}
          </button>
        </form>
      )}
    </section>
  );
}

function CommentView(props: { comment: Comment; onReply?: () => void }) {
  const c = props.comment;
  return (
    <article class="comment" lang={c.language}>
      <p class="muted small" lang={lang.value}>
        <strong>{who(c.author)}</strong> ·{' '}
        <time dateTime={c.createdAt} title={when(c.createdAt)}>
          {formatRelative(c.createdAt, lang.value)}
        </time>
        {c.editedAt && ` · ${t('issue.edited')}`}
      </p>
      {c.deleted ? (
        <p class="muted" lang={lang.value}>
          {t('issue.deleted')}
        </p>
      ) : c.hidden && !c.body ? (
        <p class="muted" lang={lang.value}>
          {t('issue.hidden')}
        </p>
      ) : (
        <>
          <p>
            <WithMentions text={c.body} />
          </p>
          <Attachments items={attachmentsOf(c)} />
        </>
      )}
      {props.onReply && !c.deleted && (
        <button type="button" class="link" onClick={props.onReply}>
          {t('issue.reply')}
        </button>
      )}
    </article>
  );
}

function Pending(props: { item: OutboxItem }) {
  const p = props.item.payload as RequestPayload;
  const text = (p.body as { body: string }).body;
  return (
    <article class="comment pending">
      <p class="muted small">
        <strong>{me.value?.displayName}</strong>
      </p>
      <p>
        <WithMentions text={text} />
      </p>
      <PendingFiles item={props.item} />
      <OutboxNote item={props.item} />
    </article>
  );
}

/** Today as YYYY-MM-DD in local time (the date input's value). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * A facilitator records the authority's answer to an escalation, with the letter scanned or
 * photographed: through the outbox, so a weak signal loses neither the text nor the scan.
 */
function AnswerForm(props: { escalation: Escalation; scope: string; onSent: () => void }) {
  const e = props.escalation;
  const path = `/api/v1/escalations/${e.id}`;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [date, setDate] = useState(today());
  const [files, setFiles] = useState<Picked[]>([]);
  const [error, setError] = useState('');
  useEffect(
    () =>
      outbox()?.onSent((item) => {
        if (item.scope === props.scope && (item.payload as RequestPayload).path === path)
          props.onSent();
      }),
    [path],
  );
  const waiting = queued(props.scope, path);
  if (waiting.length)
    return (
      <>
        {waiting.map((w) => (
          <div key={w.id} class="panel">
            <p>{t('answer.waiting')}</p>
            <PendingFiles item={w} />
            <OutboxNote item={w} />
          </div>
        ))}
      </>
    );
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('answer.open')}
      </button>
    );
  async function save(ev: Event) {
    ev.preventDefault();
    if (!text.trim()) {
      setError(t('answer.needText'));
      document.getElementById(`answer-${e.id}-text`)?.focus();
      return;
    }
    // Today: now (the hub refuses a time in the future); another day: its noon.
    const at = date === today() || !date ? new Date() : new Date(`${date}T12:00:00`);
    await queueWithFiles(
      'request',
      props.scope,
      {
        method: 'PATCH',
        path,
        body: { responseText: text.trim(), respondedAt: at.toISOString() },
      },
      files,
    );
    release(files);
    setFiles([]);
    setText('');
    setOpen(false);
  }
  return (
    <form class="panel" onSubmit={(ev) => void save(ev)} noValidate aria-label={t('answer.title')}>
      <h3>{t('answer.title')}</h3>
      <Field
        id={`answer-${e.id}-text`}
        label={t('answer.text')}
        value={text}
        onInput={(v) => {
          setText(v);
          setError('');
        }}
        multiline
        rows={4}
        required
        maxLength={20000}
        error={error || undefined}
      />
      <Field
        id={`answer-${e.id}-date`}
        label={t('answer.date')}
        type="date"
        value={date}
        onInput={setDate}
      />
      <AttachPicker id={`answer-${e.id}-files`} files={files} onChange={setFiles} />
      <div class="actions">
        <button type="submit" class="primary">
          {t('answer.submit')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
