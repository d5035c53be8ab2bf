// One event: its details, registering or giving up my place (places taken against capacity, my
// status: registered or on the waitlist), for the organiser the list of registrations and the way
// to the sign-in sheet (neither for a focus group: counted without names), the attendance statistics (gender × age band × organisation kind, small
// cells marked × for everyone but the organiser and staff), and closing it with the minutes in
// Kyrgyz and Russian, findings and commitments (owner organisation, due date). The event is kept
// on the phone (useKept): it opens offline with the copy's date.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { lang, t, type MessageKey } from '../../i18n/index.js';
import { formatDate } from '../../i18n/format.js';
import { me } from '../../session.js';
import { api, newId, ok, type Schemas } from '../../api/client.js';
import { useAction } from '../../ui/action.js';
import { useCursorList } from '../../ui/cursor-list.js';
import { Endless } from '../../ui/endless.js';
import { Field, ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';
import { loadTerritories, territoryById, territoryName } from '../../ui/territory-picker.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { useKept } from '../assessment/kept.js';
import { KeptFailure, KeptNote } from '../assessment/kept-view.js';
import { AGE_BANDS, GENDERS, ageBandText, genderText, num, pick } from '../assessment/words.js';
import {
  anySuppressed,
  commitmentsBody,
  statsBlocks,
  type CommitmentDraft,
  type EventStats,
  type EventView,
  type Registrant,
  type Shown,
} from './model.js';
import { FocusGroupNote } from './focus-group-note.js';
import { kindText, orgKindText, placesText } from './words.js';
import '../assessment/assessment.css';
import './events.css';

type Organisation = Schemas['OrganisationViewDto'];
const moment = (at: string) => formatDate(at, lang.value, true);

export default function EventScreen(props: ScreenProps) {
  const id = props.params.id;
  useEffect(() => void loadTerritories(me.value?.id), []);
  const reading = useKept(`event:${id}`, () =>
    ok(api.GET('/api/v1/events/{id}', { params: { path: { id } } })),
  );
  const event = reading.value;
  return (
    <div class="events">
      <AdvocacyNav />
      <p>
        <Link href="/events">{t('events.back')}</Link>
      </p>
      {reading.error !== null && !event ? (
        <KeptFailure reading={reading} />
      ) : !event ? (
        <p class="loading">{t('app.loading')}</p>
      ) : (
        <>
          <KeptNote savedAt={reading.savedAt} />
          <Details event={event} />
          <Registration event={event} onChange={reading.reload} />
          {event.kind === 'focus_group' ? (
            // Counted without names: the hub takes no registrations nor sheet lines for it.
            event.canManage && <FocusGroupNote id={event.id} />
          ) : (
            <>
              {event.canManage && <Registrations event={event} />}
              {event.canManage && (
                <p>
                  <Link href={`/events/${event.id}/sheet`} class="button">
                    {t('events.sheetLink')}
                  </Link>
                </p>
              )}
            </>
          )}
          <Stats event={event} />
          {event.canManage && event.status === 'planned' ? (
            <Close event={event} onClosed={reading.set} />
          ) : (
            <Minutes event={event} />
          )}
        </>
      )}
    </div>
  );
}

function Details(props: { event: EventView }) {
  const e = props.event;
  const [title, titleLang] = pick(e.title);
  const where = territoryName(territoryById(e.territoryId));
  return (
    <>
      <h1 lang={titleLang}>{title || t('events.untitled')}</h1>
      <p class="row">
        <span class="badge">{kindText(e.kind)}</span>
        <span class={`badge status-${e.status}`}>
          {t(`events.status.${e.status}` as MessageKey)}
        </span>
      </p>
      <dl class="ev-facts">
        <dt>{t('events.date')}</dt>
        <dd>
          {moment(e.startsAt)}
          {e.endsAt ? ` – ${moment(e.endsAt)}` : ''}
        </dd>
        <dt>{t('events.territory')}</dt>
        <dd>
          {where}
          {e.place ? ` · ${e.place}` : ''}
        </dd>
        {e.organiserName && (
          <>
            <dt>{t('events.organiser')}</dt>
            <dd>{e.organiserName}</dd>
          </>
        )}
        {e.language && (
          <>
            <dt>{t('events.language')}</dt>
            <dd>{t(`events.lang.${e.language === 'ky' ? 'ky' : 'ru'}`)}</dd>
          </>
        )}
        {e.kind !== 'focus_group' && (
          // A focus group takes no registrations: it has no places to count.
          <>
            <dt>{t('events.places')}</dt>
            <dd>{placesText(e)}</dd>
          </>
        )}
      </dl>
      {e.issueIds.length > 0 && (
        <p>
          {t('events.aboutIssues')}{' '}
          {e.issueIds.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <Link href={`/issues/${id}`}>{t('events.issueN', { n: i + 1 })}</Link>
            </span>
          ))}
        </p>
      )}
    </>
  );
}

/** Register or give up my place; my status; a held event takes no registrations. */
function Registration(props: { event: EventView; onChange: () => void }) {
  const e = props.event;
  const action = useAction();
  if (e.kind === 'focus_group') return null;
  const full = e.capacity !== null && e.registeredCount >= e.capacity;
  return (
    <section aria-labelledby="ev-reg" class="panel">
      <h2 id="ev-reg">{t('events.registration')}</h2>
      <ProblemAlert error={action.error} />
      {e.myRegistration ? (
        <p role="status">
          <strong>{t(`events.my.${e.myRegistration}` as MessageKey)}</strong>
        </p>
      ) : (
        e.status === 'planned' && full && <p>{t('events.full')}</p>
      )}
      {e.status === 'planned' &&
        (e.myRegistration ? (
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              void action
                .run(() =>
                  ok(
                    api.DELETE('/api/v1/events/{id}/registrations/me', {
                      params: { path: { id: e.id } },
                    }),
                  ),
                )
                .then((done) => done && props.onChange())
            }
          >
            {t('events.unregister')}
          </button>
        ) : (
          <button
            type="button"
            class="primary"
            disabled={action.busy}
            onClick={() =>
              void action
                .run(() =>
                  ok(
                    api.POST('/api/v1/events/{id}/registrations', {
                      params: { path: { id: e.id } },
                    }),
                  ),
                )
                .then((done) => done && props.onChange())
            }
          >
            {t('events.register')}
          </button>
        ))}
    </section>
  );
}

/** The organiser's view: who registered, then the waitlist in its order. */
function Registrations(props: { event: EventView }) {
  const id = props.event.id;
  const list = useCursorList<Registrant>(
    (cursor) =>
      ok(
        api.GET('/api/v1/events/{id}/registrations', {
          params: { path: { id }, query: { cursor, limit: 50 } },
        }),
      ),
    `${id}:${props.event.registeredCount}:${props.event.waitlistedCount}`,
  );
  return (
    <section aria-labelledby="ev-regs">
      <h2 id="ev-regs">{t('events.registrations')}</h2>
      <ol class="ev-people">
        {list.items.map((r) => (
          <li key={r.userId}>
            {r.displayName}{' '}
            <span class="muted small">
              {r.status === 'registered'
                ? t('events.reg.registered')
                : t('events.reg.waitlisted', { n: r.waitlistPosition ?? 0 })}
            </span>
          </li>
        ))}
      </ol>
      <Endless list={list} empty={t('events.registrationsNone')} />
    </section>
  );
}

function Cell(props: { shown: Shown }) {
  if (props.shown.kind === 'suppressed')
    return (
      <td class="suppressed primary">
        <span class="cell-mark" aria-hidden="true">
          ×
        </span>
        <span class="visually-hidden">{t('events.stats.hidden')}</span>
      </td>
    );
  return <td>{num(props.shown.count)}</td>;
}

/** Attendance by gender × age band, one small table per organisation kind. */
function Stats(props: { event: EventView }) {
  const id = props.event.id;
  const reading = useKept(`event-stats:${id}`, () =>
    ok(api.GET('/api/v1/events/{id}/stats', { params: { path: { id } } })),
  );
  const stats: EventStats | null = reading.value;
  return (
    <section aria-labelledby="ev-stats">
      <h2 id="ev-stats">{t('events.stats')}</h2>
      {reading.error !== null && !stats ? (
        <KeptFailure reading={reading} />
      ) : !stats ? (
        <p class="loading">{t('app.loading')}</p>
      ) : stats.total === null ? (
        <p>{t('events.stats.withheld', { n: stats.minCellSize })}</p>
      ) : stats.total === 0 ? (
        <p class="muted">{t('events.stats.none')}</p>
      ) : (
        <>
          <p>{t('events.stats.total', { count: stats.total })}</p>
          {statsBlocks(stats).map((b) => (
            <div
              class="table-scroll ev-stats"
              key={b.organisationKind}
              role="region"
              aria-labelledby={`ev-stats-${b.organisationKind}`}
              tabIndex={0}
            >
              <table class="crosstab">
                <caption id={`ev-stats-${b.organisationKind}`}>
                  {orgKindText(b.organisationKind)}:{' '}
                  {b.total.kind === 'count' ? num(b.total.count) : '×'}
                </caption>
                <thead>
                  <tr>
                    <td />
                    {AGE_BANDS.map((a) => (
                      <th scope="col" key={a}>
                        <span aria-hidden="true">{a.replace('-', '–')}</span>
                        <span class="visually-hidden">{ageBandText(a)}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {GENDERS.map((g) => (
                    <tr key={g}>
                      <th scope="row">{genderText(g)}</th>
                      {AGE_BANDS.map((a) => (
                        <Cell key={a} shown={b.cells[g][a]} />
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {stats.suppressionApplied && anySuppressed(stats) && (
            <p class="res-legend small">
              <span class="cell-mark primary" aria-hidden="true">
                ×
              </span>{' '}
              {t('events.stats.legend', { n: stats.minCellSize })}
            </p>
          )}
          {!stats.suppressionApplied && <p class="muted small">{t('events.stats.full')}</p>}
        </>
      )}
    </section>
  );
}

function Close(props: { event: EventView; onClosed: (e: EventView) => void }) {
  const [ky, setKy] = useState('');
  const [ru, setRu] = useState('');
  const [findings, setFindings] = useState('');
  const [drafts, setDrafts] = useState<CommitmentDraft[]>([]);
  const [owners, setOwners] = useState<Organisation[]>([]);
  const [local, setLocal] = useState('');
  const action = useAction();
  const errors = fieldErrors(action.error);
  useEffect(() => {
    ok(api.GET('/api/v1/organisations', { params: { query: { limit: 100 } } })).then(
      (page) => setOwners(page.items),
      () => undefined,
    );
  }, []);
  const change = (key: string, patch: Partial<CommitmentDraft>) =>
    setDrafts(drafts.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  async function close(e: Event) {
    e.preventDefault();
    if (!ky.trim() && !ru.trim()) {
      setLocal(t('events.needMinutes'));
      document.getElementById('ev-minutes-ky')?.focus();
      return;
    }
    setLocal('');
    const minutes: Record<string, string> = {};
    if (ky.trim()) minutes.ky = ky.trim();
    if (ru.trim()) minutes.ru = ru.trim();
    const commitments = commitmentsBody(drafts);
    let closed: EventView | null = null as EventView | null;
    const done = await action.run(async () => {
      closed = await ok(
        api.POST('/api/v1/events/{id}/close', {
          params: { path: { id: props.event.id } },
          headers: { 'idempotency-key': newId() },
          body: {
            minutes,
            findings: findings.trim() || undefined,
            commitments: commitments.length ? commitments : undefined,
          },
        }),
      );
    });
    if (done && closed) props.onClosed(closed);
  }
  return (
    <section aria-labelledby="ev-close">
      <h2 id="ev-close">{t('events.closeTitle')}</h2>
      <form onSubmit={(e) => void close(e)} noValidate>
        <ProblemAlert error={action.error} />
        <Field
          id="ev-minutes-ky"
          label={t('events.minutesKy')}
          value={ky}
          onInput={setKy}
          multiline
          rows={5}
          error={local || errors['minutes.ky'] || errors['minutes']}
        />
        <Field
          id="ev-minutes-ru"
          label={t('events.minutesRu')}
          value={ru}
          onInput={setRu}
          multiline
          rows={5}
          error={errors['minutes.ru']}
        />
        <Field
          id="ev-findings"
          label={t('events.findings')}
          value={findings}
          onInput={setFindings}
          multiline
          rows={3}
          error={errors['findings']}
        />
        <fieldset class="field">
          <legend>{t('events.commitments')}</legend>
          <p class="muted small">{t('events.commitmentsHint')}</p>
          {drafts.map((d, i) => (
            <div class="panel" key={d.key}>
              <Field
                id={`ev-c-${i}-text`}
                label={t('events.commitment.text')}
                value={d.text}
                onInput={(v) => change(d.key, { text: v })}
                multiline
                rows={2}
                error={errors[`commitments.${i}.text`]}
              />
              <Select
                id={`ev-c-${i}-owner`}
                label={t('events.commitment.owner')}
                value={d.ownerOrganisationId}
                onChange={(v) => change(d.key, { ownerOrganisationId: v })}
                any={t('events.choose')}
                options={owners.map((o) => [o.id, o.name] as const)}
                error={errors[`commitments.${i}.ownerOrganisationId`]}
              />
              <Field
                id={`ev-c-${i}-due`}
                type="date"
                label={t('events.commitment.due')}
                value={d.due}
                onInput={(v) => change(d.key, { due: v })}
                error={errors[`commitments.${i}.dueAt`]}
              />
              <button
                type="button"
                onClick={() => setDrafts(drafts.filter((x) => x.key !== d.key))}
              >
                {t('events.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              setDrafts([...drafts, { key: newId(), text: '', ownerOrganisationId: '', due: '' }])
            }
          >
            {t('events.commitment.add')}
          </button>
        </fieldset>
        <button type="submit" class="primary" disabled={action.busy}>
          {t('events.closeSubmit')}
        </button>
      </form>
    </section>
  );
}

function Minutes(props: { event: EventView }) {
  const e = props.event;
  const minutes = e.minutes ?? {};
  const entries = (['ky', 'ru', 'en', 'tg', 'uz'] as const).filter((l) => minutes[l]);
  if (!entries.length && !e.findings && !e.commitments.length) return null;
  return (
    <section aria-labelledby="ev-minutes">
      <h2 id="ev-minutes">{t('events.minutes')}</h2>
      {entries.map((l) => (
        <blockquote class="pre" lang={l} key={l}>
          {minutes[l]}
        </blockquote>
      ))}
      {e.findings && (
        <>
          <h3>{t('events.findings')}</h3>
          <p class="pre">{e.findings}</p>
        </>
      )}
      {e.commitments.length > 0 && (
        <>
          <h3>{t('events.commitments')}</h3>
          <ul class="ev-commitments">
            {e.commitments.map((c) => (
              <li key={c.id}>
                <p class="pre">{c.text}</p>
                <p class="muted small">
                  {t('events.commitment.line', {
                    owner: c.ownerName,
                    date: formatDate(c.dueAt, lang.value),
                  })}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
