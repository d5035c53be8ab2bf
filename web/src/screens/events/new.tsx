// Planning an event: kind, title in Kyrgyz and Russian, start and end, territory, place, the
// organising organisation, the issues it is about, places and language. Facilitators and admins
// (for any organisation or none); representatives of network-member organisations, for theirs.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { me } from '../../session.js';
import { api, newId, ok, type Schemas } from '../../api/client.js';
import { useAction } from '../../ui/action.js';
import { Alert, Field, ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';
import { TerritoryPicker, loadTerritories } from '../../ui/territory-picker.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { NEW_KINDS, isStaffUser, mayOrganise, represented, type EventKind } from './model.js';
import { kindText } from './words.js';
import './events.css';

type IssueCard = Schemas['IssueCardDto'];

/** A date and a time typed on the phone, as an instant (the phone's own time zone). */
export function instant(date: string, time: string): string | undefined {
  if (!date) return undefined;
  const at = new Date(`${date}T${time || '10:00'}`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

export default function NewEventScreen(_props: ScreenProps) {
  const user = me.value;
  useEffect(() => void loadTerritories(user?.id), []);
  const orgs = represented(user);
  const [kind, setKind] = useState<EventKind>('training');
  const [titleKy, setTitleKy] = useState('');
  const [titleRu, setTitleRu] = useState('');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('10:00');
  const [endTime, setEndTime] = useState('');
  const [territoryId, setTerritoryId] = useState<string | null>(user?.territoryId ?? null);
  const [place, setPlace] = useState('');
  const [org, setOrg] = useState(orgs[0]?.id ?? '');
  const [capacity, setCapacity] = useState('');
  const [language, setLanguage] = useState<'ky' | 'ru' | ''>('');
  const [issues, setIssues] = useState<IssueCard[]>([]);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<IssueCard[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const action = useAction();
  const errors = { ...fieldErrors(action.error), ...local };

  if (!mayOrganise(user))
    return (
      <div class="events">
        <AdvocacyNav />
        <Alert>{t('events.readOnly')}</Alert>
      </div>
    );

  async function findIssues() {
    const page = await ok(
      api.GET('/api/v1/issues', { params: { query: { q: q.trim() || undefined, limit: 8 } } }),
    ).catch(() => null);
    setFound(page?.items ?? []);
  }

  async function save(e: Event) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!titleKy.trim() && !titleRu.trim()) problems.title = t('events.needTitle');
    const startsAt = instant(date, time);
    if (!startsAt) problems.startsAt = t('events.needDate');
    if (!territoryId) problems.territoryId = t('events.needTerritory');
    const places = capacity.trim() ? Number(capacity) : undefined;
    if (places !== undefined && (!Number.isInteger(places) || places < 1))
      problems.capacity = t('events.needCapacity');
    setLocal(problems);
    if (Object.keys(problems).length) {
      document.getElementById(problems.title ? 'ev-title-ky' : 'ev-date')?.focus();
      return;
    }
    const title: Record<string, string> = {};
    if (titleKy.trim()) title.ky = titleKy.trim();
    if (titleRu.trim()) title.ru = titleRu.trim();
    let id = '';
    const done = await action.run(async () => {
      const made = await ok(
        api.POST('/api/v1/events', {
          headers: { 'idempotency-key': newId() },
          body: {
            kind,
            title,
            startsAt: startsAt ?? '',
            endsAt: endTime ? instant(date, endTime) : undefined,
            territoryId: territoryId ?? '',
            place: place.trim() || undefined,
            organiserOrganisationId: org || undefined,
            issueIds: issues.length ? issues.map((i) => i.id) : undefined,
            capacity: places,
            language: language || undefined,
          },
        }),
      );
      id = made.id;
    });
    if (done) navigate(`/events/${id}`, true);
  }

  return (
    <div class="events">
      <AdvocacyNav />
      <p>
        <Link href="/events">{t('events.back')}</Link>
      </p>
      <form onSubmit={(e) => void save(e)} noValidate>
        <h1>{t('events.new')}</h1>
        <ProblemAlert error={action.error} />
        <Select
          id="ev-kind"
          label={t('events.kind')}
          value={kind}
          onChange={setKind}
          options={NEW_KINDS.map((k) => [k, kindText(k)] as const)}
        />
        <Field
          id="ev-title-ky"
          label={t('events.titleKy')}
          value={titleKy}
          onInput={setTitleKy}
          maxLength={300}
          error={errors['title'] ?? errors['title.ky']}
        />
        <Field
          id="ev-title-ru"
          label={t('events.titleRu')}
          hint={t('events.titleHint')}
          value={titleRu}
          onInput={setTitleRu}
          maxLength={300}
          error={errors['title.ru']}
        />
        <div class="ev-dates">
          <Field
            id="ev-date"
            type="date"
            label={t('events.date')}
            value={date}
            onInput={setDate}
            required
            error={errors['startsAt']}
          />
          <div class="field">
            <label for="ev-time">{t('events.time')}</label>
            <input
              id="ev-time"
              type="time"
              value={time}
              onInput={(e) => setTime(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="ev-end">{t('events.endTime')}</label>
            <input
              id="ev-end"
              type="time"
              value={endTime}
              aria-invalid={errors['endsAt'] ? true : undefined}
              onInput={(e) => setEndTime(e.currentTarget.value)}
            />
            {errors['endsAt'] && <small class="error">{errors['endsAt']}</small>}
          </div>
        </div>
        <TerritoryPicker
          id="ev-territory"
          legend={t('events.territory')}
          value={territoryId}
          onChange={setTerritoryId}
          userId={user?.id}
        />
        {errors['territoryId'] && <p class="error">{errors['territoryId']}</p>}
        <Field
          id="ev-place"
          label={t('events.place')}
          value={place}
          onInput={setPlace}
          maxLength={300}
        />
        {(orgs.length > 0 || isStaffUser(user)) && (
          <Select
            id="ev-org"
            label={t('events.organiser')}
            value={org}
            onChange={setOrg}
            any={isStaffUser(user) ? t('events.noOrganiser') : undefined}
            options={orgs.map((o) => [o.id, o.name] as const)}
            error={errors['organiserOrganisationId']}
          />
        )}
        <Field
          id="ev-capacity"
          type="number"
          label={t('events.capacity')}
          hint={t('events.capacityHint')}
          value={capacity}
          onInput={setCapacity}
          error={errors['capacity']}
        />
        <Select
          id="ev-language"
          label={t('events.language')}
          value={language}
          onChange={setLanguage}
          any={t('events.languageAny')}
          options={[
            ['ky', t('events.lang.ky')],
            ['ru', t('events.lang.ru')],
          ]}
        />
        <fieldset class="field">
          <legend>{t('events.issues')}</legend>
          {issues.map((i) => (
            <p key={i.id} class="row nowrap">
              <span lang={i.language ?? undefined}>{i.title}</span>
              <button type="button" onClick={() => setIssues(issues.filter((x) => x.id !== i.id))}>
                {t('events.remove')}
              </button>
            </p>
          ))}
          {/* Not a form of its own: forms do not nest. Enter searches instead of saving. */}
          <label for="ev-issue-q">{t('events.issueSearch')}</label>
          <div class="row nowrap">
            <input
              id="ev-issue-q"
              type="search"
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                void findIssues();
              }}
            />
            <button type="button" onClick={() => void findIssues()}>
              {t('events.find')}
            </button>
          </div>
          {found
            .filter((f) => !issues.some((i) => i.id === f.id))
            .map((f) => (
              <p key={f.id} class="row nowrap">
                <span lang={f.language ?? undefined}>{f.title}</span>
                <button type="button" onClick={() => setIssues([...issues, f])}>
                  {t('events.add')}
                </button>
              </p>
            ))}
        </fieldset>
        <button type="submit" class="primary" disabled={action.busy}>
          {t('events.create')}
        </button>
      </form>
    </div>
  );
}
