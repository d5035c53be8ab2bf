// A provision at its own address, `/legal/<act>/<eId>`: its act (with status), its place in the
// act, its heading and text in Kyrgyz and Russian side by side, the sample banner when the act
// is sample text, and the issues it bears on. Any member proposes a link to an issue (the
// relation picked from five); facilitators confirm or reject proposals, and their own links
// count at once. Kept on the phone for reading offline.
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { api, ok } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { isStaff } from '../../session.js';
import { useAction } from '../../ui/action.js';
import { Alert, Field, FormSection, ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';
import { useKept } from '../assessment/kept.js';
import { KeptFailure, KeptNote } from '../assessment/kept-view.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import type { IssueCard } from '../issues/words.js';
import { ActBadges, ActFacts, SampleBanner } from './common.js';
import {
  type IssueLink,
  type ProvisionView,
  RELATIONS,
  type Relation,
  linkStatusText,
  pick,
  provisionHref,
  relationText,
} from './words.js';
import './legal.css';

export default function ProvisionScreen(props: ScreenProps) {
  const { actId, eId } = props.params;
  return (
    <div class="legal">
      <AdvocacyNav />
      <p>
        <Link href={`/legal/${actId}#${eId}`}>{t('legal.backToAct')}</Link>
      </p>
      <Provision actId={actId} eId={eId} />
    </div>
  );
}

function Provision(props: { actId: string; eId: string }) {
  const reading = useKept<ProvisionView>(`legal-provision:${props.actId}:${props.eId}`, () =>
    ok(
      api.GET('/api/v1/legal-acts/{id}/provisions/{eId}', {
        params: { path: { id: props.actId, eId: props.eId } },
      }),
    ),
  );
  const p = reading.value;
  if (reading.error !== null && !p) return <KeptFailure reading={reading} />;
  if (!p) return <p class="loading">{t('app.loading')}</p>;
  const heading = pick(p.heading);
  const actTitle = pick(p.act.title);
  const address = `${location.origin}${provisionHref(p.act.id, p.eId)}`;
  return (
    <>
      <KeptNote savedAt={reading.savedAt} />
      <p class="muted small">
        <Link href={`/legal/${p.act.id}`}>
          <span lang={actTitle.lang}>{actTitle.text}</span>
        </Link>
        {p.path.map((step) => {
          const h = pick(step.heading);
          return (
            <span key={step.id}>
              {' › '}
              <Link href={provisionHref(p.act.id, step.eId)}>
                <span lang={h.lang}>{h.text || step.eId}</span>
              </Link>
            </span>
          );
        })}
      </p>
      <h1 lang={heading.lang}>{heading.text || p.eId}</h1>
      <ActBadges act={p.act} />
      <ActFacts act={p.act} />
      <SampleBanner act={p.act} />
      <div class="field">
        <label for="legal-address">{t('legal.copyLink')}</label>
        <input
          id="legal-address"
          readOnly
          value={address}
          onFocus={(e) => e.currentTarget.select()}
        />
        <small class="eid">{p.eId}</small>
      </div>
      <div class="texts">
        <Text language="ky" title={t('legal.textKy')} heading={p.heading.ky} text={p.text.ky} />
        <Text language="ru" title={t('legal.textRu')} heading={p.heading.ru} text={p.text.ru} />
      </div>
      {p.children.length > 0 && (
        <ul>
          {p.children.map((c) => {
            const h = pick(c.heading);
            return (
              <li key={c.id}>
                <Link href={provisionHref(p.act.id, c.eId)}>
                  <span lang={h.lang}>{h.text || c.eId}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <Links
        links={p.links}
        onChange={(link) =>
          reading.set({ ...p, links: p.links.map((l) => (l.id === link.id ? link : l)) })
        }
      />
      <Propose
        provisionId={p.id}
        onLinked={(link) => reading.set({ ...p, links: [...p.links, link] })}
      />
    </>
  );
}

function Text(props: { language: 'ky' | 'ru'; title: string; heading?: string; text?: string }) {
  return (
    <section class="card" aria-label={props.title}>
      <h2 class="small muted">{props.title}</h2>
      {props.text ? (
        <div lang={props.language}>
          {props.heading && (
            <p>
              <strong>{props.heading}</strong>
            </p>
          )}
          <p class="provision-text">{props.text}</p>
        </div>
      ) : (
        <p class="muted">{t('legal.noText')}</p>
      )}
    </section>
  );
}

function Links(props: { links: IssueLink[]; onChange: (link: IssueLink) => void }) {
  return (
    <section aria-labelledby="legal-links">
      <h2 id="legal-links">{t('legal.linkedIssues')}</h2>
      {props.links.length ? (
        <ul class="plain">
          {props.links.map((l) => (
            <li key={l.id}>
              <LinkCard link={l} onChange={props.onChange} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('legal.noLinks')}</p>
      )}
    </section>
  );
}

function LinkCard(props: { link: IssueLink; onChange: (link: IssueLink) => void }) {
  const l = props.link;
  const action = useAction();
  const decide = (to: 'confirm' | 'reject') =>
    action.run(async () => {
      const path =
        to === 'confirm' ? '/api/v1/issue-links/{id}/confirm' : '/api/v1/issue-links/{id}/reject';
      props.onChange(await ok(api.POST(path, { params: { path: { id: l.id } }, body: {} })));
    });
  return (
    <article class="card">
      <p class="card-title">
        <Link href={`/issues/${l.issueId}`}>{l.issueTitle}</Link>
      </p>
      <p class="row">
        <span class="badge">{relationText(l.relation)}</span>
        <span class="badge">{linkStatusText(l.status)}</span>
      </p>
      {l.note && <p>{l.note}</p>}
      {l.proposedByName && <p class="muted small">{t('legal.by', { name: l.proposedByName })}</p>}
      {isStaff.value && l.status !== 'confirmed' && (
        <button
          type="button"
          class="primary"
          disabled={action.busy}
          onClick={() => void decide('confirm')}
        >
          {t('legal.confirm')}
        </button>
      )}{' '}
      {isStaff.value && l.status !== 'rejected' && (
        <button type="button" disabled={action.busy} onClick={() => void decide('reject')}>
          {t('legal.reject')}
        </button>
      )}
      <ProblemAlert error={action.error} />
    </article>
  );
}

function Propose(props: { provisionId: string; onLinked: (link: IssueLink) => void }) {
  const [words, setWords] = useState('');
  const [found, setFound] = useState<IssueCard[]>([]);
  const [issueId, setIssueId] = useState('');
  const [relation, setRelation] = useState<Relation | ''>('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<IssueLink | null>(null);
  const finding = useAction();
  const sending = useAction();
  const errors = fieldErrors(sending.error);
  const find = () =>
    finding.run(async () => {
      const page = await ok(
        api.GET('/api/v1/issues', {
          params: { query: { q: words.trim() || undefined, limit: 20 } },
        }),
      );
      setFound(page.items);
      setIssueId(page.items.length === 1 ? page.items[0].id : '');
    });
  const submit = (e: Event) => {
    e.preventDefault();
    setDone(null);
    return sending.run(async () => {
      const link = await ok(
        api.POST('/api/v1/provisions/{id}/issue-links', {
          params: { path: { id: props.provisionId } },
          body: {
            issueId,
            relation: relation as Relation,
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }),
      );
      setDone(link);
      setNote('');
      props.onLinked(link);
    });
  };
  return (
    <FormSection
      id="legal-propose"
      title={t('legal.proposeTitle')}
      onSubmit={submit}
      error={sending.error}
    >
      <p class="muted small">{t('legal.proposeHint')}</p>
      {done && (
        <Alert kind="info">
          {done.status === 'confirmed' ? t('legal.linked') : t('legal.proposed')}
        </Alert>
      )}
      <div class="row">
        <Field
          id="legal-issue-q"
          type="search"
          label={t('legal.issueSearch')}
          value={words}
          onInput={setWords}
        />
        <button type="button" disabled={finding.busy} onClick={() => void find()}>
          {t('legal.search')}
        </button>
      </div>
      <ProblemAlert error={finding.error} />
      {found.length > 0 && (
        <Select
          id="legal-issue"
          label={t('legal.issuePick')}
          value={issueId}
          any={t('legal.issueChoose')}
          onChange={setIssueId}
          options={found.map((i) => [i.id, i.title] as const)}
          error={errors.issueId}
        />
      )}
      <Select
        id="legal-relation"
        label={t('legal.relation')}
        value={relation}
        any="—"
        onChange={setRelation}
        options={RELATIONS.map((r) => [r, relationText(r)] as const)}
        error={errors.relation}
      />
      <Field
        id="legal-note"
        label={t('legal.note')}
        value={note}
        onInput={setNote}
        multiline
        rows={2}
        maxLength={2000}
        error={errors.note}
      />
      <button type="submit" class="primary" disabled={sending.busy || !issueId || !relation}>
        {isStaff.value ? t('legal.linkAdd') : t('legal.propose')}
      </button>
    </FormSection>
  );
}
