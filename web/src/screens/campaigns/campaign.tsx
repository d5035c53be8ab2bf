// One campaign (/campaigns/:id): its objective and period; its publications by language (badges
// ky, ru, tg, uz, approved or waiting; facilitators approve); a form for a new publication (the
// campaign's owners and staff); the reach summary by language, aiyl aimak, audience and gender,
// counted and estimated apart, with bars; and the way to the reach form.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { lang, t } from '../../i18n/index.js';
import { me } from '../../session.js';
import { useAction } from '../../ui/action.js';
import { Alert, Field, ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';
import { loadTerritories } from '../../ui/territory-picker.js';
import { api, newId, ok } from '../../api/client.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { useKept } from '../assessment/kept.js';
import { KeptFailure, KeptNote } from '../assessment/kept-view.js';
import { staff } from '../assessment/may.js';
import { day, num, pick } from '../assessment/words.js';
import {
  AUDIENCES,
  type Audience,
  type Campaign,
  type Counts,
  KINDS,
  type Kind,
  PUB_LANGUAGES,
  type PubLanguage,
  type Publication,
  type Summary,
  audienceText,
  genderText,
  kindText,
  languageText,
} from './words.js';
import './campaigns.css';

export default function CampaignScreen(props: ScreenProps) {
  const id = props.params.id;
  useEffect(() => void loadTerritories(me.value?.id), []);
  const reading = useKept(`campaign:${id}`, () =>
    ok(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })),
  );
  const summary = useKept(`campaign-summary:${id}`, () =>
    ok(api.GET('/api/v1/campaigns/{id}/reach-summary', { params: { path: { id } } })),
  );
  const campaign = reading.value;
  return (
    <div class="campaigns">
      <AdvocacyNav />
      <p>
        <Link href="/campaigns">{t('campaigns.back')}</Link>
      </p>
      {reading.error !== null && !campaign && <KeptFailure reading={reading} />}
      {!campaign && reading.error === null && <p class="loading">{t('app.loading')}</p>}
      {campaign && (
        <>
          <KeptNote savedAt={reading.savedAt} />
          <Header campaign={campaign} />
          <Publications
            campaign={campaign}
            onChange={(publications) => {
              reading.set({ ...campaign, publications });
              summary.reload();
            }}
          />
          <p>
            <Link href={`/campaigns/${id}/reach`} class="button primary">
              {t('campaigns.logReach')}
            </Link>
          </p>
          {summary.value ? (
            <SummaryView summary={summary.value} />
          ) : summary.error !== null ? (
            <KeptFailure reading={summary} />
          ) : (
            <p class="loading">{t('app.loading')}</p>
          )}
        </>
      )}
    </div>
  );
}

function Header(props: { campaign: Campaign }) {
  const c = props.campaign;
  const [title, titleLang] = pick(c.title);
  const [objective, objectiveLang] = pick(c.objective);
  return (
    <>
      <h1 lang={titleLang}>{title || t('campaigns.untitled')}</h1>
      <p class="muted">
        {t('campaigns.period', { from: day(c.startsAt), to: day(c.endsAt) })}
        {c.organisationName ? ` · ${t('campaigns.by', { name: c.organisationName })}` : ''}
      </p>
      {objective && (
        <section aria-labelledby="cp-objective">
          <h2 id="cp-objective">{t('campaigns.objective')}</h2>
          <p class="pre" lang={objectiveLang}>
            {objective}
          </p>
        </section>
      )}
    </>
  );
}

function Publications(props: { campaign: Campaign; onChange: (p: Publication[]) => void }) {
  const c = props.campaign;
  const list = c.publications ?? [];
  const [tab, setTab] = useState<PubLanguage>(
    (PUB_LANGUAGES as readonly string[]).includes(lang.value) ? lang.value : 'ky',
  );
  const approve = useAction();
  const shown = list.filter((p) => p.language === tab);
  const may = staff(me.value);
  async function doApprove(p: Publication) {
    let next: Publication | null = null as Publication | null;
    const done = await approve.run(async () => {
      next = await ok(
        api.POST('/api/v1/publications/{id}/approve', {
          params: { path: { id: p.id } },
          headers: { 'idempotency-key': newId() },
        }),
      );
    });
    if (done && next) props.onChange(list.map((x) => (x.id === p.id ? next! : x)));
  }
  return (
    <section aria-labelledby="cp-pubs" class="panel">
      <h2 id="cp-pubs">{t('campaigns.publications')}</h2>
      <div class="lang-tabs" role="group" aria-label={t('campaigns.pubLanguage')}>
        {PUB_LANGUAGES.filter((l) => l !== 'en' || list.some((p) => p.language === 'en')).map(
          (l) => {
            const all = list.filter((p) => p.language === l);
            const approved = all.filter((p) => p.approved).length;
            return (
              <button
                type="button"
                key={l}
                class={`lang-badge${tab === l ? ' current' : ''}`}
                aria-pressed={tab === l}
                onClick={() => setTab(l)}
              >
                <span class="code">{l}</span>{' '}
                <span class="visually-hidden">{languageText(l)} </span>
                <span class="n">
                  {approved}/{all.length}
                </span>
              </button>
            );
          },
        )}
      </div>
      <ProblemAlert error={approve.error} />
      {shown.length === 0 ? (
        <p class="muted">{t('campaigns.noPublications')}</p>
      ) : (
        <ul class="plain">
          {shown.map((p) => (
            <li key={p.id} class="card publication">
              <h3 lang={p.language}>{p.title}</h3>
              <p class="row">
                <span class="badge">{kindText(p.kind)}</span>
                <span class={`badge ${p.approved ? 'approved' : 'waiting'}`}>
                  {p.approved ? t('campaigns.approved') : t('campaigns.waitingApproval')}
                </span>
              </p>
              <p class="muted small">
                {t('campaigns.for', { audiences: p.audiences.map(audienceText).join(', ') })}
              </p>
              {p.body && (
                <p class="pre small" lang={p.language}>
                  {p.body}
                </p>
              )}
              {may && !p.approved && (
                <button type="button" disabled={approve.busy} onClick={() => void doApprove(p)}>
                  {t('campaigns.approve')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!may && list.some((p) => !p.approved) && (
        <p class="muted small">{t('campaigns.approveHint')}</p>
      )}
      {c.canManage && (
        <NewPublication
          campaignId={c.id}
          language={tab}
          onAdded={(p) => props.onChange([...list, p])}
        />
      )}
    </section>
  );
}

function NewPublication(props: {
  campaignId: string;
  language: PubLanguage;
  onAdded: (p: Publication) => void;
}) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>('leaflet');
  const [language, setLanguage] = useState<PubLanguage>(props.language);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [audiences, setAudiences] = useState<Audience[]>(['general']);
  const [added, setAdded] = useState(false);
  const action = useAction();
  const errors = fieldErrors(action.error);
  useEffect(() => setLanguage(props.language), [props.language]);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('campaigns.newPublication')}
      </button>
    );
  async function save(e: Event) {
    e.preventDefault();
    setAdded(false);
    let made: Publication | null = null as Publication | null;
    const done = await action.run(async () => {
      made = await ok(
        api.POST('/api/v1/campaigns/{id}/publications', {
          params: { path: { id: props.campaignId } },
          headers: { 'idempotency-key': newId() },
          body: { kind, language, title: title.trim(), body: body.trim() || undefined, audiences },
        }),
      );
    });
    if (done && made) {
      props.onAdded(made);
      setTitle('');
      setBody('');
      setAdded(true);
    }
  }
  return (
    <form onSubmit={(e) => void save(e)} noValidate class="new-publication">
      <h3>{t('campaigns.newPublication')}</h3>
      <ProblemAlert error={action.error} />
      <Select
        id="pub-kind"
        label={t('campaigns.pubKind')}
        value={kind}
        onChange={setKind}
        options={KINDS.map((k) => [k, kindText(k)] as const)}
      />
      <Select
        id="pub-lang"
        label={t('campaigns.pubLanguage')}
        value={language}
        onChange={setLanguage}
        options={PUB_LANGUAGES.map((l) => [l, languageText(l)] as const)}
      />
      <Field
        id="pub-title"
        label={t('campaigns.pubTitle')}
        value={title}
        onInput={setTitle}
        required
        error={errors['title']}
      />
      <Field
        id="pub-body"
        label={t('campaigns.pubBody')}
        value={body}
        onInput={setBody}
        multiline
        rows={3}
        error={errors['body']}
      />
      <fieldset class="field checks">
        <legend>{t('campaigns.pubAudiences')}</legend>
        {AUDIENCES.map((a) => (
          <label key={a} class="check">
            <input
              type="checkbox"
              checked={audiences.includes(a)}
              onChange={(e) =>
                setAudiences(
                  e.currentTarget.checked
                    ? AUDIENCES.filter((x) => x === a || audiences.includes(x))
                    : audiences.filter((x) => x !== a),
                )
              }
            />
            {audienceText(a)}
          </label>
        ))}
        {errors['audiences'] && <small class="error">{errors['audiences']}</small>}
      </fieldset>
      <button type="submit" class="primary" disabled={action.busy}>
        {t('campaigns.addPublication')}
      </button>
      {added && <Alert kind="info">{t('campaigns.pubAdded')}</Alert>}
    </form>
  );
}

const both = (c: { counted: Counts; estimated: Counts }) => c.counted.total + c.estimated.total;

/** A table of groups: counted and estimated apart, women and men of each. */
function GroupTable(props: {
  id: string;
  caption: string;
  head: string;
  rows: Array<{ key: string; name: string; counted: Counts; estimated: Counts }>;
}) {
  return (
    <section aria-labelledby={props.id}>
      <h3 id={props.id}>{props.caption}</h3>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={props.caption}>
        <table class="reach-table">
          <thead>
            <tr>
              <th scope="col">{props.head}</th>
              <th scope="col">{t('campaigns.col.counted')}</th>
              <th scope="col">{t('campaigns.col.estimated')}</th>
              <th scope="col">{t('campaigns.col.women')}</th>
              <th scope="col">{t('campaigns.col.men')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.name}</th>
                <td>{num(r.counted.total)}</td>
                <td>{num(r.estimated.total)}</td>
                <td>{num(r.counted.female + r.estimated.female)}</td>
                <td>{num(r.counted.male + r.estimated.male)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SummaryView(props: { summary: Summary }) {
  const s = props.summary;
  const l = lang.value;
  const placeName = (n: Record<string, string>) =>
    (l === 'ky' || l === 'ru' || l === 'en' ? n[l] : n.ru) ?? n.ru ?? '';
  const max = Math.max(1, ...s.byGender.map((g) => g.counted + g.estimated));
  return (
    <section aria-labelledby="cp-summary" class="panel summary">
      <h2 id="cp-summary">{t('campaigns.summary')}</h2>
      <p class="muted small">{t('campaigns.summaryHint')}</p>
      {s.rows === 0 ? (
        <p class="muted">{t('campaigns.noReach')}</p>
      ) : (
        <>
          <p class="total">
            {t('campaigns.reached', { count: num(both(s.total)) })}
            {' · '}
            {t('campaigns.col.counted')}: {num(s.total.counted.total)}
            {' · '}
            {t('campaigns.col.estimated')}: {num(s.total.estimated.total)}
          </p>
          <section aria-labelledby="cp-gender">
            <h3 id="cp-gender">{t('campaigns.byGender')}</h3>
            <ul class="plain gender-bars">
              {s.byGender.map((g) => (
                <li key={g.gender}>
                  <span class="bar-name">{genderText(g.gender)}</span>
                  <span
                    class="bars"
                    role="img"
                    aria-label={t('campaigns.bar', {
                      gender: genderText(g.gender),
                      counted: num(g.counted),
                      estimated: num(g.estimated),
                    })}
                  >
                    <span
                      class={`seg counted ${g.gender}`}
                      style={{ width: `${(100 * g.counted) / max}%` }}
                    />
                    <span
                      class={`seg estimated ${g.gender}`}
                      style={{ width: `${(100 * g.estimated) / max}%` }}
                    />
                  </span>
                  <span class="bar-n" aria-hidden="true">
                    {num(g.counted)} + {num(g.estimated)}
                  </span>
                </li>
              ))}
            </ul>
            <p class="muted small bar-key">
              <span class="seg-key counted" /> {t('campaigns.col.counted')}{' '}
              <span class="seg-key estimated" /> {t('campaigns.col.estimated')}
            </p>
          </section>
          <GroupTable
            id="cp-by-language"
            caption={t('campaigns.byLanguage')}
            head={t('campaigns.col.language')}
            rows={s.byLanguage.map((r) => ({
              key: r.language,
              name: languageText(r.language),
              counted: r.counted,
              estimated: r.estimated,
            }))}
          />
          <GroupTable
            id="cp-by-territory"
            caption={t('campaigns.byTerritory')}
            head={t('campaigns.col.territory')}
            rows={s.byTerritory.map((r) => ({
              key: r.territoryId,
              name: placeName(r.name),
              counted: r.counted,
              estimated: r.estimated,
            }))}
          />
          <GroupTable
            id="cp-by-audience"
            caption={t('campaigns.byAudience')}
            head={t('campaigns.col.audience')}
            rows={s.byAudience.map((r) => ({
              key: r.audience,
              name: audienceText(r.audience),
              counted: r.counted,
              estimated: r.estimated,
            }))}
          />
        </>
      )}
    </section>
  );
}
