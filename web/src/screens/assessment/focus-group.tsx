// A focus group: recording a new one (place, date, territory, group: women, youth or mixed), then
// its participants counted by gender × age band without names (a small grid of numbers, saved
// with PUT /events/:id/tallies), and closing it with the minutes in Kyrgyz and Russian and what
// was found. Staff and representatives of organisations record; everyone else reads.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { lang, t, type MessageKey } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { me, outbox } from '../../session.js';
import { useAction } from '../../ui/action.js';
import { Alert, Field, ProblemAlert, RadioGroup } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';
import {
  TerritoryPicker,
  loadTerritories,
  territoryById,
  territoryName,
} from '../../ui/territory-picker.js';
import { api, newId, ok } from '../../api/client.js';
import { AUDIENCES, type EventView, type FocusGroupAudience, type TallyRow } from './api.js';
import type { RequestPayload } from '../../offline/outbox.js';
import { OutboxNote } from '../../ui/outbox-note.js';
import { queue, queued } from '../issues/words.js';
import { statusText } from './focus-groups.js';
import { useKept } from './kept.js';
import { KeptFailure, KeptNote } from './kept-view.js';
import { canRecord, representing, staff } from './may.js';
import { AssessmentNav } from './subnav.js';
import { AGE_BANDS, GENDERS, ageBandText, day, genderText, num, pick } from './words.js';
import './assessment.css';

export default function FocusGroupScreen(props: ScreenProps) {
  useEffect(() => void loadTerritories(me.value?.id), []);
  return (
    <div class="assessment">
      <AssessmentNav />
      <p>
        <Link href="/focus-groups">{t('fg.back')}</Link>
      </p>
      {props.params.id ? <Record id={props.params.id} /> : <New />}
    </div>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

function New() {
  const user = me.value;
  const orgs = representing(user);
  const [title, setTitle] = useState('');
  const [place, setPlace] = useState('');
  const [date, setDate] = useState(today());
  const [territoryId, setTerritoryId] = useState<string | null>(user?.territoryId ?? null);
  const [group, setGroup] = useState<FocusGroupAudience>('women');
  const [org, setOrg] = useState(orgs[0]?.id ?? '');
  const action = useAction();
  const errors = fieldErrors(action.error);
  if (!canRecord(user)) return <Alert>{t('fg.readOnly')}</Alert>;

  async function save(e: Event) {
    e.preventDefault();
    let id = '';
    const done = await action.run(async () => {
      const made = await ok(
        api.POST('/api/v1/events', {
          headers: { 'idempotency-key': newId() },
          body: {
            kind: 'focus_group',
            title: { [lang.value]: title.trim() },
            // Noon in Bishkek: the day stays the same day in every time zone the network has.
            startsAt: new Date(`${date}T12:00:00+06:00`).toISOString(),
            territoryId: territoryId ?? '',
            place: place.trim() || undefined,
            group,
            organiserOrganisationId: org || undefined,
            language: lang.value,
          },
        }),
      );
      id = made.id;
    });
    if (done) navigate(`/focus-groups/${id}`, true);
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <h1>{t('fg.new')}</h1>
      <ProblemAlert error={action.error} />
      <Field
        id="fg-title"
        label={t('fg.name')}
        hint={t('fg.nameHint')}
        value={title}
        onInput={setTitle}
        required
        error={errors['title']}
      />
      <RadioGroup
        name="fg-group"
        legend={t('fg.group')}
        value={group}
        onChange={setGroup}
        options={AUDIENCES.map((a) => [a, t(`fg.group.${a}` as MessageKey)] as const)}
      />
      <Field
        id="fg-date"
        type="date"
        label={t('fg.date')}
        value={date}
        onInput={setDate}
        required
        error={errors['startsAt']}
      />
      <Field id="fg-place" label={t('fg.place')} value={place} onInput={setPlace} />
      <TerritoryPicker
        id="fg-territory"
        legend={t('fg.territory')}
        value={territoryId}
        onChange={setTerritoryId}
        userId={user?.id}
      />
      {errors['territoryId'] && <p class="error">{errors['territoryId']}</p>}
      {orgs.length > 0 && (
        <Select
          id="fg-org"
          label={t('fg.organiser')}
          value={org}
          onChange={setOrg}
          any={staff(user) ? t('fg.noOrganiser') : undefined}
          options={orgs.map((o) => [o.id, o.name] as const)}
        />
      )}
      <button type="submit" class="primary" disabled={action.busy}>
        {t('fg.create')}
      </button>
    </form>
  );
}

function Record(props: { id: string }) {
  const reading = useKept(`event:${props.id}`, () =>
    ok(api.GET('/api/v1/events/{id}', { params: { path: { id: props.id } } })),
  );
  const event = reading.value;
  const setEvent = reading.set;
  // What the outbox sends for this focus group (counts, closing) comes back as a fresh reading.
  useEffect(
    () =>
      outbox()?.onSent((item) => {
        if (item.scope === `event:${props.id}`) reading.reload();
      }),
    [props.id],
  );
  if (reading.error !== null && !event) return <KeptFailure reading={reading} />;
  if (!event) return <p class="loading">{t('app.loading')}</p>;
  const user = me.value;
  const mine = event.canManage;
  const open = event.status === 'planned';
  const [title, titleLang] = pick(event.title);
  return (
    <>
      <KeptNote savedAt={reading.savedAt} />
      <h1 lang={titleLang}>{title || t('fg.untitled')}</h1>
      <p class="row">
        {event.group && <span class="badge">{t(`fg.group.${event.group}` as MessageKey)}</span>}
        <span class={`badge status-${event.status}`}>{statusText(event.status)}</span>
      </p>
      <p class="muted">
        {day(event.startsAt)}
        {event.place ? ` · ${event.place}` : ''}
        {territoryById(event.territoryId)
          ? ` · ${territoryName(territoryById(event.territoryId))}`
          : ''}
      </p>
      <Tallies
        event={event}
        editable={mine && open}
        onSaved={(rows) => setEvent({ ...event, tallies: rows })}
      />
      {mine && open ? <Close event={event} onClosed={setEvent} /> : <Minutes event={event} />}
      {staff(user) && (
        <p>
          <Link href={`/findings/new?event=${event.id}`} class="button">
            {t('fg.cite')}
          </Link>
        </p>
      )}
    </>
  );
}

const key = (g: string, a: string) => `${g}|${a}`;

/** The participants, by gender (rows) × age band (columns): inputs while editable, else numbers. */
function Tallies(props: {
  event: EventView;
  editable: boolean;
  onSaved: (rows: TallyRow[]) => void;
}) {
  const initial = () => {
    const m: Record<string, string> = {};
    for (const r of props.event.tallies ?? []) m[key(r.gender, r.ageBand)] = String(r.count);
    return m;
  };
  const [counts, setCounts] = useState<Record<string, string>>(initial);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const scope = `event:${props.event.id}`;
  const value = (g: string, a: string) => Number.parseInt(counts[key(g, a)] ?? '', 10) || 0;
  const total = GENDERS.reduce((s, g) => s + AGE_BANDS.reduce((x, a) => x + value(g, a), 0), 0);
  const bad = Object.values(counts).some((v) => v !== '' && !/^\d{1,4}$/.test(v));

  async function save(e: Event) {
    e.preventDefault();
    setSaved(false);
    const rows: TallyRow[] = [];
    for (const g of GENDERS)
      for (const a of AGE_BANDS)
        if (value(g, a) > 0) rows.push({ gender: g, ageBand: a, count: value(g, a) });
    const path = `/api/v1/events/${props.event.id}/tallies`;
    // Through the outbox: counted in a village without signal, sent when the phone is back.
    const done = await action.run(async () => {
      if (await queue(scope, { method: 'PUT', path, body: { rows } })) return;
      await ok(
        api.PUT('/api/v1/events/{id}/tallies', {
          params: { path: { id: props.event.id } },
          body: { rows },
        }),
      );
      setSaved(true);
    });
    if (done) props.onSaved(rows);
  }
  useEffect(
    () =>
      outbox()?.onSent((item) => {
        if (item.scope === scope && (item.payload as RequestPayload).path.endsWith('/tallies'))
          setSaved(true);
      }),
    [scope],
  );
  const waiting = queued(scope, '/tallies');

  const grid = (
    <table class="tally">
      <caption class="visually-hidden">{t('fg.tallies')}</caption>
      <thead>
        <tr>
          <td />
          {AGE_BANDS.map((a) => (
            <th scope="col" key={a}>
              {/* The band's digits fit a phone's width; each input's label has it in words. */}
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
              <td key={a}>
                {props.editable ? (
                  <input
                    type="text"
                    inputMode="numeric"
                    pattern="[0-9]*"
                    id={`fg-n-${g}-${a}`}
                    aria-label={t('fg.countOf', { gender: genderText(g), age: ageBandText(a) })}
                    value={counts[key(g, a)] ?? ''}
                    onInput={(e) =>
                      setCounts({ ...counts, [key(g, a)]: e.currentTarget.value.trim() })
                    }
                  />
                ) : (
                  num(value(g, a))
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section aria-labelledby="fg-tallies">
      <h2 id="fg-tallies">{t('fg.tallies')}</h2>
      <p class="muted small">{t('fg.talliesHint')}</p>
      {props.editable ? (
        <form onSubmit={(e) => void save(e)} noValidate>
          <ProblemAlert error={action.error} />
          {grid}
          <p aria-live="polite">{t('fg.total', { count: total })}</p>
          {bad && <p class="error">{t('fg.wholeNumbers')}</p>}
          <button type="submit" disabled={action.busy || bad}>
            {t('fg.saveTallies')}
          </button>
          {waiting.map((w) => (
            <OutboxNote key={w.id} item={w} />
          ))}
          {saved && !waiting.length && <Alert kind="info">{t('fg.talliesSaved')}</Alert>}
        </form>
      ) : (
        <>
          {grid}
          <p>{t('fg.total', { count: total })}</p>
        </>
      )}
    </section>
  );
}

function Close(props: { event: EventView; onClosed: (e: EventView) => void }) {
  const [ky, setKy] = useState('');
  const [ru, setRu] = useState('');
  const [findings, setFindings] = useState('');
  const action = useAction();
  const errors = fieldErrors(action.error);
  async function close(e: Event) {
    e.preventDefault();
    const minutes: Record<string, string> = {};
    if (ky.trim()) minutes.ky = ky.trim();
    if (ru.trim()) minutes.ru = ru.trim();
    let closed: EventView | null = null as EventView | null;
    const done = await action.run(async () => {
      closed = await ok(
        api.POST('/api/v1/events/{id}/close', {
          params: { path: { id: props.event.id } },
          headers: { 'idempotency-key': newId() },
          body: { minutes, findings: findings.trim() || undefined },
        }),
      );
    });
    if (done)
      props.onClosed({ ...props.event, ...(closed ?? {}), status: 'held', minutes, findings });
  }
  return (
    <section aria-labelledby="fg-close">
      <h2 id="fg-close">{t('fg.close')}</h2>
      <form onSubmit={(e) => void close(e)} noValidate>
        <ProblemAlert error={action.error} />
        <Field
          id="fg-minutes-ky"
          label={t('fg.minutesKy')}
          value={ky}
          onInput={setKy}
          multiline
          rows={5}
          error={errors['minutes.ky'] ?? errors['minutes']}
        />
        <Field
          id="fg-minutes-ru"
          label={t('fg.minutesRu')}
          value={ru}
          onInput={setRu}
          multiline
          rows={5}
          error={errors['minutes.ru']}
        />
        <Field
          id="fg-findings"
          label={t('fg.findings')}
          hint={t('fg.findingsHint')}
          value={findings}
          onInput={setFindings}
          multiline
          rows={4}
          error={errors['findings']}
        />
        <button type="submit" class="primary" disabled={action.busy}>
          {t('fg.closeSubmit')}
        </button>
      </form>
    </section>
  );
}

function Minutes(props: { event: EventView }) {
  const e = props.event;
  const minutes = e.minutes ?? {};
  const entries = (['ky', 'ru', 'en', 'tg', 'uz'] as const).filter((l) => minutes[l]);
  if (!entries.length && !e.findings) return null;
  return (
    <section aria-labelledby="fg-minutes">
      <h2 id="fg-minutes">{t('fg.minutes')}</h2>
      {entries.map((l) => (
        <blockquote class="pre" lang={l} key={l}>
          {minutes[l]}
        </blockquote>
      ))}
      {e.findings && (
        <>
          <h3>{t('fg.findings')}</h3>
          <p class="pre" lang={e.language ?? undefined}>
            {e.findings}
          </p>
        </>
      )}
    </section>
  );
}
