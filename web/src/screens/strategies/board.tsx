// A strategy's board: its progress, the overdue actions first, then each objective with its
// progress and its actions (owner, target authority, due date, status, progress). Facilitators add
// objectives and actions here. Opens from the copy kept on the phone when the hub is away.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { api, ok, type Schemas } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { isStaff, me } from '../../session.js';
import { useAction } from '../../ui/action.js';
import { Alert, Field, FormSection } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { Select } from '../../ui/select.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { useKept } from '../assessment/kept.js';
import { KeptFailure, KeptNote } from '../assessment/kept-view.js';
import {
  ActionLine,
  dayText,
  localised,
  type ObjectiveView,
  ProgressBar,
  type StrategyView,
} from './parts.js';
import './strategies.css';

export default function BoardScreen(props: ScreenProps) {
  const id = props.params.id;
  const reading = useKept(`strategy:${id}`, () =>
    ok(api.GET('/api/v1/strategies/{id}', { params: { path: { id } } })),
  );
  const s = reading.value;
  return (
    <div class="strategies">
      <AdvocacyNav />
      <p>
        <Link href="/strategies">{t('strategies.back')}</Link>
      </p>
      {reading.error !== null && !s ? (
        <KeptFailure reading={reading} />
      ) : !s ? (
        <p class="loading">{t('app.loading')}</p>
      ) : (
        <Board strategy={s} savedAt={reading.savedAt} reload={reading.reload} />
      )}
    </div>
  );
}

function Board(props: { strategy: StrategyView; savedAt: number | null; reload: () => void }) {
  const s = props.strategy;
  const title = localised(s.title);
  return (
    <>
      <KeptNote savedAt={props.savedAt} />
      <h1>{title}</h1>
      <p>
        <strong>{t('strategies.goal')}:</strong> {localised(s.goal)}
      </p>
      <ProgressBar value={s.progress} label={t('strategies.progressOf', { name: title })} large />

      <section aria-labelledby="st-overdue-h" class="st-overdue-list">
        <h2 id="st-overdue-h">
          <span aria-hidden="true">⚠ </span>
          {t('strategies.overdueTitle')}
        </h2>
        {s.overdueActions.length ? (
          <ul class="plain">
            {s.overdueActions.map((a) => (
              <li key={a.id}>
                <ActionLine action={a} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('strategies.noOverdue')}</p>
        )}
      </section>

      <section aria-labelledby="st-objectives-h">
        <h2 id="st-objectives-h">{t('strategies.objectives')}</h2>
        {!s.objectives.length && <p class="muted">{t('strategies.noObjectives')}</p>}
        {s.objectives.map((o) => (
          <Objective key={o.id} objective={o} reload={props.reload} />
        ))}
        {isStaff.value && <AddObjective strategyId={s.id} onAdded={props.reload} />}
      </section>
    </>
  );
}

function Objective(props: { objective: ObjectiveView; reload: () => void }) {
  const o = props.objective;
  const title = localised(o.title);
  return (
    <section class="st-objective" aria-labelledby={`obj-${o.id}`}>
      <h3 id={`obj-${o.id}`}>
        {title} <span class="badge">{t('strategies.weight', { weight: o.weight })}</span>
      </h3>
      <ProgressBar value={o.progress} label={t('strategies.progressOf', { name: title })} />
      {o.actions.length ? (
        <ul class="plain">
          {o.actions.map((a) => (
            <li key={a.id}>
              <ActionLine action={a} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('strategies.noActions')}</p>
      )}
      {isStaff.value && <AddAction objectiveId={o.id} onAdded={props.reload} />}
    </section>
  );
}

function AddObjective(props: { strategyId: string; onAdded: () => void }) {
  const [open, setOpen] = useState(false);
  const [ky, setKy] = useState('');
  const [ru, setRu] = useState('');
  const [weight, setWeight] = useState('1');
  const [problem, setProblem] = useState('');
  const action = useAction();
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('strategies.addObjective')}
      </button>
    );
  async function submit(e: Event) {
    e.preventDefault();
    if (!ky.trim() && !ru.trim()) return setProblem(t('strategies.needTitle'));
    setProblem('');
    const done = await action.run(() =>
      ok(
        api.POST('/api/v1/strategies/{id}/objectives', {
          params: { path: { id: props.strategyId } },
          body: {
            title: {
              ...(ky.trim() ? { ky: ky.trim() } : {}),
              ...(ru.trim() ? { ru: ru.trim() } : {}),
            },
            weight: Number(weight) || 1,
          },
        }),
      ),
    );
    if (done) {
      setOpen(false);
      setKy('');
      setRu('');
      props.onAdded();
    }
  }
  return (
    <FormSection
      id="add-objective"
      title={t('strategies.addObjective')}
      class="panel"
      onSubmit={submit}
      error={action.error}
    >
      {problem && <Alert>{problem}</Alert>}
      <Field id="obj-ky" label={t('strategies.titleKy')} value={ky} onInput={setKy} />
      <Field id="obj-ru" label={t('strategies.titleRu')} value={ru} onInput={setRu} />
      <Field
        id="obj-weight"
        type="number"
        label={t('strategies.weightLabel')}
        value={weight}
        onInput={setWeight}
      />
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy}>
          {t('strategies.create')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('strategies.cancel')}
        </button>
      </div>
    </FormSection>
  );
}

type Organisation = Schemas['OrganisationViewDto'];
const AUTHORITY_KINDS = new Set(['state_administration', 'government_body']);

/** The organisations to pick from (the first hundred by name: the network is a district's). */
function useOrganisations(): Organisation[] {
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  useEffect(() => {
    ok(api.GET('/api/v1/organisations', { params: { query: { limit: 100 } } })).then(
      (page) => setOrgs(page.items),
      () => undefined,
    );
  }, [me.value?.id]);
  return orgs;
}

function AddAction(props: { objectiveId: string; onAdded: () => void }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('strategies.addAction')}
      </button>
    );
  return (
    <ActionForm
      objectiveId={props.objectiveId}
      onClose={() => setOpen(false)}
      onAdded={() => {
        setOpen(false);
        props.onAdded();
      }}
    />
  );
}

interface OpenCommitment {
  id: string;
  text: string;
  ownerName: string;
  dueAt: string;
}

/** Commitments of held events that no action was made from yet (the latest 20 events). */
function useOpenCommitments(): OpenCommitment[] {
  const [found, setFound] = useState<OpenCommitment[]>([]);
  useEffect(() => {
    let live = true;
    void (async () => {
      const events = await ok(
        api.GET('/api/v1/events', { params: { query: { status: 'held', limit: 20 } } }),
      ).catch(() => null);
      if (!events) return;
      const lists = await Promise.all(
        events.items.map((e) =>
          ok(
            api.GET('/api/v1/events/{id}/commitments', {
              params: { path: { id: e.id }, query: { limit: 100 } },
            }),
          ).then(
            (page) => page.items.filter((c) => c.actionId === null),
            () => [],
          ),
        ),
      );
      if (live) setFound(lists.flat());
    })();
    return () => {
      live = false;
    };
  }, []);
  return found;
}

function ActionForm(props: { objectiveId: string; onClose: () => void; onAdded: () => void }) {
  const orgs = useOrganisations();
  const commitments = useOpenCommitments();
  const [commitment, setCommitment] = useState('');
  const [ky, setKy] = useState('');
  const [ru, setRu] = useState('');
  const [owner, setOwner] = useState('');
  const [target, setTarget] = useState('');
  const [due, setDue] = useState('');
  const [weight, setWeight] = useState('1');
  const [problem, setProblem] = useState('');
  const action = useAction();
  const formId = `act-${props.objectiveId}`;
  async function submit(e: Event) {
    e.preventDefault();
    // From a commitment, the hub takes its text, owner and due date unless given here.
    if (!commitment) {
      if (!ky.trim() && !ru.trim()) return setProblem(t('strategies.needTitle'));
      if (!owner) return setProblem(t('strategies.needOwner'));
      if (!due) return setProblem(t('strategies.needDue'));
    }
    setProblem('');
    const title = {
      ...(ky.trim() ? { ky: ky.trim() } : {}),
      ...(ru.trim() ? { ru: ru.trim() } : {}),
    };
    const done = await action.run(() =>
      ok(
        api.POST('/api/v1/objectives/{id}/actions', {
          params: { path: { id: props.objectiveId } },
          body: {
            ...(commitment ? { commitmentId: commitment } : {}),
            ...(Object.keys(title).length ? { title } : {}),
            ...(owner ? { ownerOrganisationId: owner } : {}),
            ...(target ? { targetAuthorityOrganisationId: target } : {}),
            // The end of the chosen day where the reader is.
            ...(due ? { dueAt: new Date(`${due}T23:59:00`).toISOString() } : {}),
            weight: Number(weight) || 1,
          },
        }),
      ),
    );
    if (done) props.onAdded();
  }
  return (
    <FormSection
      id={formId}
      title={t('strategies.addAction')}
      class="panel"
      onSubmit={submit}
      error={action.error}
    >
      {problem && <Alert>{problem}</Alert>}
      {commitments.length > 0 && (
        <Select
          id={`${formId}-commitment`}
          label={t('strategies.fromCommitment')}
          value={commitment}
          onChange={setCommitment}
          any={t('strategies.nobody')}
          options={commitments.map(
            (c) => [c.id, `${c.text} — ${c.ownerName}, ${dayText(c.dueAt)}`] as const,
          )}
        />
      )}
      {commitment && <p class="muted">{t('strategies.commitmentHint')}</p>}
      <Field id={`${formId}-ky`} label={t('strategies.titleKy')} value={ky} onInput={setKy} />
      <Field id={`${formId}-ru`} label={t('strategies.titleRu')} value={ru} onInput={setRu} />
      <Select
        id={`${formId}-owner`}
        label={t('strategies.ownerPick')}
        value={owner}
        onChange={setOwner}
        any={t('strategies.nobody')}
        options={orgs.map((o) => [o.id, o.name] as const)}
      />
      <Select
        id={`${formId}-target`}
        label={t('strategies.targetPick')}
        value={target}
        onChange={setTarget}
        any={t('strategies.nobody')}
        options={orgs
          .filter((o) => AUTHORITY_KINDS.has(o.kind))
          .map((o) => [o.id, o.name] as const)}
      />
      <Field
        id={`${formId}-due`}
        type="date"
        label={t('strategies.dueLabel')}
        value={due}
        onInput={setDue}
      />
      <Field
        id={`${formId}-weight`}
        type="number"
        label={t('strategies.weightLabel')}
        value={weight}
        onInput={setWeight}
      />
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy}>
          {t('strategies.create')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('strategies.cancel')}
        </button>
      </div>
    </FormSection>
  );
}
