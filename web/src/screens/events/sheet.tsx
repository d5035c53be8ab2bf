// The sign-in sheet, typed on a phone from the paper one: ONE ROW PER PERSON (a registered member
// picked from the list, or the name as written; organisation, gender, age band, territory, role).
// "Save and next" keeps the organisation, territory and role for the next person. Each row gets
// its clientRowId on the phone and goes into the outbox as its own request (that id is also its
// Idempotency-Key): typed offline it waits on the phone and shows so; when the hub is back it is
// sent, and a retry never stores it twice. The counter shows what was entered and what waits.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { me, outbox } from '../../session.js';
import { api, newId, ok, type Schemas } from '../../api/client.js';
import { Alert, Field, RadioGroup } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { OutboxNote } from '../../ui/outbox-note.js';
import { Select } from '../../ui/select.js';
import { TerritoryPicker, loadTerritories } from '../../ui/territory-picker.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { useKept } from '../assessment/kept.js';
import { KeptFailure, KeptNote } from '../assessment/kept-view.js';
import { ageBandText, genderText, pick } from '../assessment/words.js';
import {
  AGE_BANDS,
  GENDERS,
  ROLES,
  blankRow,
  nextRow,
  rowProblems,
  rowRequest,
  sheetCounter,
  sheetScope,
  waitingRows,
  type AgeBand,
  type AttendanceLine,
  type Gender,
  type Registrant,
  type Role,
  type SheetRow,
} from './model.js';
import { FocusGroupNote } from './focus-group-note.js';
import { roleText } from './words.js';
import './events.css';

type Organisation = Schemas['OrganisationViewDto'];

/** Every page of a list (a sheet or a registration list stays in the hundreds). */
async function all<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const p = await page(cursor);
    out.push(...p.items);
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return out;
}

export default function SheetScreen(props: ScreenProps) {
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
        <Link href={`/events/${id}`}>{t('events.sheet.back')}</Link>
      </p>
      {reading.error !== null && !event ? (
        <KeptFailure reading={reading} />
      ) : !event ? (
        <p class="loading">{t('app.loading')}</p>
      ) : !event.canManage ? (
        <Alert>{t('events.sheet.readOnly')}</Alert>
      ) : event.kind === 'focus_group' ? (
        <FocusGroupNote id={id} />
      ) : (
        <>
          <KeptNote savedAt={reading.savedAt} />
          <h1>
            {t('events.sheet.title')}:{' '}
            <span lang={pick(event.title)[1]}>{pick(event.title)[0]}</span>
          </h1>
          <Sheet eventId={id} />
        </>
      )}
    </div>
  );
}

function Sheet(props: { eventId: string }) {
  const id = props.eventId;
  const scope = sheetScope(id);
  const lines = useKept(`event-sheet:${id}`, () =>
    all<AttendanceLine>((cursor) =>
      ok(
        api.GET('/api/v1/events/{id}/attendance', {
          params: { path: { id }, query: { cursor, limit: 100 } },
        }),
      ),
    ),
  );
  const people = useKept(`event-regs:${id}`, () =>
    all<Registrant>((cursor) =>
      ok(
        api.GET('/api/v1/events/{id}/registrations', {
          params: { path: { id }, query: { cursor, limit: 100 } },
        }),
      ),
    ),
  );
  const orgs = useKept('organisations:sheet', () =>
    ok(api.GET('/api/v1/organisations', { params: { query: { limit: 100 } } })).then(
      (p) => p.items as Organisation[],
    ),
  );
  // A row the outbox sent: read the stored lines again (the counter and the list follow).
  useEffect(
    () =>
      outbox()?.onSent((item) => {
        if (item.scope === scope) lines.reload();
      }),
    [scope],
  );

  const [row, setRow] = useState<SheetRow>(() => blankRow(newId));
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState('');
  const first = useRef<HTMLSelectElement>(null);
  const problems = rowProblems(row);
  const stored = lines.value ?? [];
  const storedIds = new Set(stored.map((l) => l.clientRowId));
  const waiting = waitingRows(outbox()?.items.value ?? [], id).filter(
    (w) => !storedIds.has(w.row.clientRowId),
  );
  const counter = sheetCounter({ total: stored.length, clientRowIds: storedIds }, waiting);
  const registered = people.value ?? [];
  const onSheet = new Set([
    ...stored.map((l) => l.userId).filter(Boolean),
    ...waiting.map((w) => w.row.userId).filter(Boolean),
  ]);
  const nameOf = (userId: string | undefined) =>
    registered.find((r) => r.userId === userId)?.displayName ?? '';

  async function save(e: Event) {
    e.preventDefault();
    setTried(true);
    if (Object.keys(problems).length) {
      document
        .getElementById(problems.who ? 'sh-name' : problems.gender ? 'sh-gender' : 'sh-age')
        ?.focus();
      return;
    }
    const { id: key, payload } = rowRequest(id, row);
    await outbox()?.add('request', scope, payload, key);
    setSaved(row.userId ? nameOf(row.userId) : row.name.trim());
    setRow(nextRow(row, newId));
    setTried(false);
    first.current?.focus();
  }

  const set = (patch: Partial<SheetRow>) => {
    setRow({ ...row, ...patch });
    setSaved('');
  };
  return (
    <>
      <p class="muted small">{t('events.sheet.intro')}</p>
      <p class="ev-counter" role="status" aria-live="polite">
        {t('events.sheet.counter', { entered: counter.entered, waiting: counter.waiting })}
      </p>
      <form onSubmit={(e) => void save(e)} noValidate class="panel ev-row">
        <div class="field">
          <label for="sh-person">{t('events.sheet.pick')}</label>
          <select
            id="sh-person"
            ref={first}
            value={row.userId}
            onChange={(e) => set({ userId: e.currentTarget.value, name: '' })}
          >
            <option value="">{t('events.sheet.pickNone')}</option>
            {registered
              .filter((r) => !onSheet.has(r.userId) || r.userId === row.userId)
              .map((r) => (
                <option key={r.userId} value={r.userId}>
                  {r.displayName}
                </option>
              ))}
          </select>
        </div>
        {!row.userId && (
          <Field
            id="sh-name"
            label={t('events.sheet.name')}
            value={row.name}
            onInput={(v) => set({ name: v })}
            maxLength={200}
            autoComplete="off"
            error={tried && problems.who ? t('events.sheet.needWho') : undefined}
          />
        )}
        <Select
          id="sh-org"
          label={t('events.sheet.org')}
          value={row.organisationId}
          onChange={(v) => set({ organisationId: v })}
          any={t('events.sheet.orgNone')}
          options={(orgs.value ?? []).map((o) => [o.id, o.name] as const)}
        />
        <div id="sh-gender" tabIndex={-1}>
          <RadioGroup<Gender>
            name="sh-gender"
            legend={t('events.sheet.gender')}
            value={row.gender as Gender}
            onChange={(v) => set({ gender: v })}
            options={GENDERS.map((g) => [g, genderText(g)] as const)}
          />
          {tried && problems.gender && <p class="error">{t('events.sheet.needGender')}</p>}
        </div>
        <div id="sh-age" tabIndex={-1}>
          <RadioGroup<AgeBand>
            name="sh-age"
            legend={t('events.sheet.age')}
            value={row.ageBand as AgeBand}
            onChange={(v) => set({ ageBand: v })}
            options={AGE_BANDS.map((a) => [a, ageBandText(a)] as const)}
          />
          {tried && problems.ageBand && <p class="error">{t('events.sheet.needAge')}</p>}
        </div>
        <TerritoryPicker
          id="sh-territory"
          legend={t('events.sheet.territory')}
          value={row.territoryId || null}
          onChange={(v) => set({ territoryId: v ?? '' })}
          userId={me.value?.id}
        />
        <Select<Role>
          id="sh-role"
          label={t('events.sheet.role')}
          value={row.role}
          onChange={(v) => set({ role: v })}
          options={ROLES.map((r) => [r, roleText(r)] as const)}
        />
        <button type="submit" class="primary">
          {t('events.sheet.save')}
        </button>
        {saved && (
          <p class="muted small" role="status">
            {t('events.sheet.saved', { name: saved })}
          </p>
        )}
      </form>

      {waiting.length > 0 && (
        <section aria-labelledby="sh-waiting">
          <h2 id="sh-waiting">{t('events.sheet.waitingRows')}</h2>
          <ol class="ev-people">
            {waiting.map((w) => (
              <li key={w.row.clientRowId} class="ev-waiting">
                {w.row.name ?? nameOf(w.row.userId)}{' '}
                <span class="muted small">
                  {genderText(w.row.gender)}, {ageBandText(w.row.ageBand)}
                </span>
                <OutboxNote item={w.item} />
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="sh-stored">
        <h2 id="sh-stored">{t('events.sheet.storedRows')}</h2>
        {lines.error !== null && !lines.value ? (
          <KeptFailure reading={lines} />
        ) : !lines.value ? (
          <p class="loading">{t('app.loading')}</p>
        ) : stored.length === 0 ? (
          <p class="muted">{t('events.sheet.noRows')}</p>
        ) : (
          <ol class="ev-people" reversed>
            {[...stored].reverse().map((l) => (
              <li key={l.id}>
                {l.name}{' '}
                <span class="muted small">
                  {genderText(l.gender)}, {ageBandText(l.ageBand)}
                  {l.organisationName ? ` · ${l.organisationName}` : ''} · {roleText(l.role)}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
