// The reach form (/campaigns/:id/reach), for a member of an organisation on a phone: one line per
// gathering or broadcast (day, place, channel, publication, audience, women, men, not said,
// counted or estimated). "Save and next" keeps the line on the phone (the outbox; the phone makes
// the line's clientRowId, which is also its Idempotency-Key), keeps the day, place, channel and
// organisation for the next line, and clears the numbers. A line shows as waiting until the hub
// has it; it all works offline, and on reconnect the hub's own list tells which it has already.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { loadDraft, saveDraft } from '../../offline/db.js';
import type { Outbox, RequestPayload } from '../../offline/outbox.js';
import { me, outbox } from '../../session.js';
import { Alert, ProblemAlert, RadioGroup } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { OutboxNote } from '../../ui/outbox-note.js';
import { Select } from '../../ui/select.js';
import {
  TerritoryPicker,
  loadTerritories,
  territoryById,
  territoryName,
} from '../../ui/territory-picker.js';
import { api, ok } from '../../api/client.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { useKept } from '../assessment/kept.js';
import { KeptFailure, KeptNote } from '../assessment/kept-view.js';
import { day, pick } from '../assessment/words.js';
import {
  AUDIENCES,
  type Audience,
  CHANNELS,
  type Channel,
  type ReachBody,
  audienceText,
  channelText,
  languageText,
  reachScope,
  readCounts,
  today,
} from './words.js';
import './campaigns.css';

interface Kept {
  organisationId: string;
  date: string;
  territoryId: string | null;
  channel: Channel;
  count: number;
}

interface Line {
  id: string;
  body: ReachBody;
}

/** Asks the hub which of the waiting lines it has already (an answer lost on the way back). */
async function reconcile(box: Outbox, campaignId: string): Promise<void> {
  const waiting = box.forScope(reachScope(campaignId)).filter((i) => i.state !== 'sending');
  if (!waiting.length) return;
  const have = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const res = await ok(
      api.GET('/api/v1/campaigns/{id}/reach', {
        params: { path: { id: campaignId }, query: { cursor, limit: 100 } },
      }),
    );
    for (const r of res.items) have.add(r.clientRowId);
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  await box.acknowledge(waiting.filter((i) => have.has(i.id)).map((i) => i.id));
}

export default function ReachScreen(props: ScreenProps) {
  const id = props.params.id;
  const user = me.value;
  const box = outbox();
  const orgs = user?.organisations ?? [];
  const reading = useKept(`campaign:${id}`, () =>
    ok(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })),
  );
  const campaign = reading.value;
  const [organisationId, setOrganisationId] = useState(orgs[0]?.id ?? '');
  const [date, setDate] = useState(today());
  const [territoryId, setTerritoryId] = useState<string | null>(user?.territoryId ?? null);
  const [channel, setChannel] = useState<Channel>('meeting');
  const [publicationId, setPublicationId] = useState('');
  const [audience, setAudience] = useState<Audience>('general');
  const [female, setFemale] = useState('');
  const [male, setMale] = useState('');
  const [undisclosed, setUndisclosed] = useState('');
  const [estimated, setEstimated] = useState<'counted' | 'estimated'>('counted');
  const [count, setCount] = useState(0);
  const [saved, setSaved] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [storeError, setStoreError] = useState<unknown>(null);
  const [sent, setSent] = useState<Line[]>([]);
  const first = useRef<HTMLInputElement>(null);
  const draftKey = `campaign-reach:${id}`;
  const scope = reachScope(id);

  useEffect(() => void loadTerritories(user?.id), [user?.id]);
  useEffect(() => {
    if (!user) return;
    void loadDraft<Kept>(user.id, draftKey)
      .then((k) => {
        if (!k) return;
        if (k.organisationId && orgs.some((o) => o.id === k.organisationId))
          setOrganisationId(k.organisationId);
        if (k.date) setDate(k.date);
        if (k.territoryId) setTerritoryId(k.territoryId);
        if (k.channel) setChannel(k.channel);
        setCount(k.count ?? 0);
      })
      .catch(() => undefined);
  }, [user?.id, id]);
  // Lines the hub took show as stored; on reconnect, ask which waiting ones it has already.
  useEffect(() => {
    if (!box) return undefined;
    const off = box.onSent((item) => {
      if (item.scope !== scope) return;
      const body = (item.payload as RequestPayload).body as ReachBody;
      setSent((s) => [{ id: item.id, body }, ...s.filter((x) => x.id !== item.id)].slice(0, 20));
    });
    const online = () => void reconcile(box, id).catch(() => undefined);
    window.addEventListener('online', online);
    return () => {
      off();
      window.removeEventListener('online', online);
    };
  }, [box, id]);

  function keep(patch: Partial<Kept>) {
    const next: Kept = { organisationId, date, territoryId, channel, count, ...patch };
    if (user) void saveDraft(user.id, draftKey, next).catch(() => undefined);
  }

  async function saveAndNext(e: Event) {
    e.preventDefault();
    if (!box) return;
    setSaved(null);
    const read = readCounts([female, male, undisclosed]);
    if ('problem' in read) return setProblem(t(`campaigns.reach.${read.problem}`));
    const [f, m, u] = read.counts;
    if (!territoryId) return setProblem(t('campaigns.reach.choosePlace'));
    setProblem(null);
    const clientRowId = crypto.randomUUID();
    const body: ReachBody = {
      clientRowId,
      date,
      territoryId,
      channel,
      ...(publicationId ? { publicationId } : {}),
      audience,
      female: f,
      male: m,
      undisclosed: u,
      estimated: estimated === 'estimated',
      organisationId,
    };
    // The next line at once: the same day, place, channel and organisation, the numbers empty.
    const n = count + 1;
    setCount(n);
    setSaved(n);
    keep({ count: n });
    setFemale('');
    setMale('');
    setUndisclosed('');
    first.current?.focus();
    try {
      await box.add(
        'request',
        scope,
        { method: 'POST', path: `/api/v1/campaigns/${id}/reach`, body } satisfies RequestPayload,
        clientRowId,
      );
      setStoreError(null);
    } catch (error) {
      // The phone could not keep it: give the numbers back.
      setStoreError(error);
      setFemale(String(f));
      setMale(String(m));
      setUndisclosed(String(u));
      setCount(count);
      setSaved(null);
      keep({ count });
    }
  }

  const items = box?.forScope(scope) ?? [];
  const approved = (campaign?.publications ?? []).filter((p) => p.approved);
  const [title, titleLang] = pick(campaign?.title);
  const line = (b: ReachBody) =>
    t('campaigns.reach.line', {
      day: day(`${b.date}T12:00:00+06:00`),
      place: territoryName(territoryById(b.territoryId)),
      channel: channelText(b.channel),
      women: b.female,
      men: b.male,
      other: b.undisclosed,
    });

  return (
    <div class="campaigns narrow reach-form">
      <AdvocacyNav />
      <p>
        <Link href={`/campaigns/${id}`}>{t('campaigns.reach.summaryLink')}</Link>
      </p>
      {reading.error !== null && !campaign && <KeptFailure reading={reading} />}
      {!campaign && reading.error === null && <p class="loading">{t('app.loading')}</p>}
      {campaign && (
        <>
          <KeptNote savedAt={reading.savedAt} />
          <h1>
            {t('campaigns.reach.title', { title: '' })}
            <span lang={titleLang}>{title}</span>
          </h1>
          <p class="muted small">{t('campaigns.reach.intro')}</p>
          {orgs.length === 0 ? (
            <Alert>{t('campaigns.reach.notMember')}</Alert>
          ) : (
            <>
              <p class="batch-counters" role="status" aria-live="polite">
                <span class="badge">{t('campaigns.reach.entered', { count })}</span>{' '}
                <span class="badge">{t('campaigns.reach.waiting', { count: items.length })}</span>
                {saved !== null && (
                  <span class="visually-hidden">{t('campaigns.reach.saved', { n: saved })}</span>
                )}
              </p>
              <form onSubmit={(e) => void saveAndNext(e)} noValidate>
                {orgs.length > 1 && (
                  <Select
                    id="reach-org"
                    label={t('campaigns.reach.org')}
                    value={organisationId}
                    onChange={(v) => {
                      setOrganisationId(v);
                      keep({ organisationId: v });
                    }}
                    options={orgs.map((o) => [o.id, o.name] as const)}
                  />
                )}
                <div class="field">
                  <label for="reach-date">{t('campaigns.reach.date')}</label>
                  <input
                    id="reach-date"
                    type="date"
                    value={date}
                    max={today()}
                    onInput={(e) => {
                      setDate(e.currentTarget.value);
                      keep({ date: e.currentTarget.value });
                    }}
                  />
                </div>
                <TerritoryPicker
                  id="reach-place"
                  legend={t('campaigns.reach.place')}
                  value={territoryId}
                  onChange={(v) => {
                    setTerritoryId(v);
                    keep({ territoryId: v });
                  }}
                  userId={user?.id}
                />
                <Select
                  id="reach-channel"
                  label={t('campaigns.reach.channel')}
                  value={channel}
                  onChange={(v) => {
                    setChannel(v);
                    keep({ channel: v });
                  }}
                  options={CHANNELS.map((c) => [c, channelText(c)] as const)}
                />
                <Select
                  id="reach-publication"
                  label={t('campaigns.reach.publication')}
                  value={publicationId}
                  onChange={setPublicationId}
                  any={t('campaigns.reach.noPublication')}
                  options={approved.map(
                    (p) => [p.id, `${p.title} (${languageText(p.language)})`] as const,
                  )}
                />
                <Select
                  id="reach-audience"
                  label={t('campaigns.reach.audience')}
                  value={audience}
                  onChange={setAudience}
                  options={AUDIENCES.map((a) => [a, audienceText(a)] as const)}
                />
                <div class="counts">
                  {(
                    [
                      ['reach-female', 'campaigns.reach.female', female, setFemale],
                      ['reach-male', 'campaigns.reach.male', male, setMale],
                      [
                        'reach-undisclosed',
                        'campaigns.reach.undisclosed',
                        undisclosed,
                        setUndisclosed,
                      ],
                    ] as const
                  ).map(([fid, label, value, set], i) => (
                    <div class="field" key={fid}>
                      <label for={fid}>{t(label)}</label>
                      <input
                        id={fid}
                        ref={i === 0 ? first : undefined}
                        type="text"
                        inputMode="numeric"
                        pattern="[0-9]*"
                        value={value}
                        onInput={(e) => set(e.currentTarget.value)}
                      />
                    </div>
                  ))}
                </div>
                <RadioGroup
                  name="reach-estimated"
                  legend={t('campaigns.reach.how')}
                  value={estimated}
                  onChange={setEstimated}
                  options={[
                    ['counted', t('campaigns.reach.counted')],
                    ['estimated', t('campaigns.reach.estimated')],
                  ]}
                />
                {problem && <Alert>{problem}</Alert>}
                <ProblemAlert error={storeError} />
                <div class="actions">
                  <button type="submit" class="primary">
                    {t('campaigns.reach.next')}
                  </button>
                </div>
              </form>
              {(items.length > 0 || sent.length > 0) && (
                <section aria-labelledby="reach-lines" class="panel">
                  <h2 id="reach-lines">{t('campaigns.reach.lines')}</h2>
                  <ul class="plain reach-lines">
                    {items.map((item) => (
                      <li key={item.id} class="waiting">
                        <p>{line((item.payload as RequestPayload).body as ReachBody)}</p>
                        <OutboxNote item={item} />
                      </li>
                    ))}
                    {sent.map((s) => (
                      <li key={s.id} class="stored">
                        <p>{line(s.body)}</p>
                        <p class="outbox-note sent">{t('campaigns.reach.stored')}</p>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
