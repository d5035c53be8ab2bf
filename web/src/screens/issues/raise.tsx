// Raise an issue: title and description, category, decision level, the places it concerns
// (picked from the territory tree), and on whose behalf. What is typed is kept on the phone as it
// is typed (draft `issue:new`) and restored on return; the issue goes out through the outbox, so
// offline it waits on the phone and is sent when the connection returns. Photos and documents
// picked here go with it (kept on the phone with the issue, uploaded first, then attached).
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { dropDraft, loadDraft, saveDraft } from '../../offline/db.js';
import { navigate } from '../../router.js';
import { me, outbox } from '../../session.js';
import { AttachPicker } from '../../attachments/picker.js';
import { PendingFiles } from '../../attachments/pending.js';
import { queueWithFiles, release, type Picked } from '../../attachments/queue.js';
import { Alert, Field } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { OutboxNote } from '../../ui/outbox-note.js';
import { Select } from '../../ui/select.js';
import {
  TerritoryPicker,
  aimakOf,
  loadTerritories,
  territoryById,
  territoryName,
} from '../../ui/territory-picker.js';
import { CATEGORIES, LEVELS, categoryText, levelText, type Category, type Level } from './words.js';
import './issues.css';

const DRAFT = 'issue:new';

interface Draft {
  title: string;
  body: string;
  category: Category | '';
  decisionLevel: Level | '';
  territoryIds: string[];
  organisationId: string;
}

const EMPTY: Draft = {
  title: '',
  body: '',
  category: '',
  decisionLevel: '',
  territoryIds: [],
  organisationId: '',
};

export default function Raise(_props: ScreenProps) {
  const user = me.value;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [restored, setRestored] = useState<'no' | 'yes' | 'loading'>('loading');
  const [picking, setPicking] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [sentId, setSentId] = useState<string | null>(null);
  const [files, setFiles] = useState<Picked[]>([]);

  useEffect(() => {
    if (!user) return;
    void loadTerritories(user.id).finally(() => setPicking((p) => p ?? aimakOf(user.territoryId)));
    loadDraft<Draft>(user.id, DRAFT)
      .then((kept) => {
        if (kept) {
          setDraft({ ...EMPTY, ...kept });
          setRestored('yes');
        } else setRestored('no');
      })
      .catch(() => setRestored('no'));
  }, [user?.id]);

  // Once sent, open the new issue.
  useEffect(
    () =>
      outbox()?.onSent((item, result) => {
        const made = result as { id?: string } | null;
        if (item.id === sentId && made?.id) navigate(`/issues/${made.id}`, true);
      }),
    [sentId],
  );

  function change(patch: Partial<Draft>) {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (user) void saveDraft(user.id, DRAFT, next).catch(() => undefined);
  }

  function check(d: Draft): Partial<Record<keyof Draft, string>> {
    const e: Partial<Record<keyof Draft, string>> = {};
    if (d.title.trim().length < 3) e.title = t('raise.titleShort');
    if (!d.body.trim()) e.body = t('raise.required');
    if (!d.category) e.category = t('raise.required');
    if (!d.decisionLevel) e.decisionLevel = t('raise.required');
    if (!d.territoryIds.length) e.territoryIds = t('raise.noTerritory');
    return e;
  }

  async function submit(e: Event) {
    e.preventDefault();
    const found = check(draft);
    setErrors(found);
    if (Object.keys(found).length) {
      const first = Object.keys(found)[0];
      document
        .getElementById(first === 'territoryIds' ? 'raise-place-0' : `raise-${first}`)
        ?.focus();
      return;
    }
    const body = {
      title: draft.title.trim(),
      body: draft.body.trim(),
      category: draft.category,
      decisionLevel: draft.decisionLevel,
      territoryIds: draft.territoryIds,
      ...(draft.organisationId ? { organisationId: draft.organisationId } : {}),
    };
    const item = await queueWithFiles(
      'request',
      'issues:new',
      { method: 'POST', path: '/api/v1/issues', body },
      files,
    );
    setSentId(item?.id ?? null);
    release(files);
    setFiles([]);
    setDraft(EMPTY);
    setRestored('no');
    if (user) await dropDraft(user.id, DRAFT).catch(() => undefined);
  }

  const item = sentId ? outbox()?.items.value.find((i) => i.id === sentId) : undefined;
  const orgs = user?.organisations ?? [];

  return (
    <div class="issues narrow">
      <p>
        <Link href="/issues">{t('issue.back')}</Link>
      </p>
      <h1>{t('raise.title')}</h1>
      <p class="muted">{t('raise.intro')}</p>
      {restored === 'yes' && <Alert kind="info">{t('raise.draftRestored')}</Alert>}
      {sentId && item && (
        <div class="panel">
          {item.state !== 'failed' && <p role="status">{t('raise.queued')}</p>}
          <PendingFiles item={item} />
          <OutboxNote item={item} />
          <Link href="/issues">{t('issue.back')}</Link>
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          id="raise-title"
          label={t('issue.title')}
          value={draft.title}
          onInput={(title) => change({ title })}
          required
          minLength={3}
          maxLength={200}
          error={errors.title}
        />
        <Field
          id="raise-body"
          label={t('raise.description')}
          value={draft.body}
          onInput={(body) => change({ body })}
          multiline
          rows={6}
          required
          maxLength={20000}
          error={errors.body}
        />
        <Select
          id="raise-category"
          label={t('issues.category')}
          value={draft.category}
          any={t('issues.place.choose')}
          options={CATEGORIES.map((c) => [c, categoryText(c)] as const)}
          onChange={(category) => change({ category })}
          required
          error={errors.category}
        />
        <Select
          id="raise-decisionLevel"
          label={t('issues.decisionLevel')}
          value={draft.decisionLevel}
          any={t('issues.place.choose')}
          options={LEVELS.map((l) => [l, levelText(l)] as const)}
          onChange={(decisionLevel) => change({ decisionLevel })}
          required
          error={errors.decisionLevel}
        />
        <section class="panel" aria-labelledby="raise-where">
          <h2 id="raise-where">{t('raise.territories')}</h2>
          {draft.territoryIds.length > 0 && (
            <ul class="plain chosen-places">
              {draft.territoryIds.map((id) => {
                const name = territoryName(territoryById(id)) || id;
                return (
                  <li key={id}>
                    <span>{name}</span>
                    <button
                      type="button"
                      onClick={() =>
                        change({ territoryIds: draft.territoryIds.filter((x) => x !== id) })
                      }
                    >
                      {t('raise.remove', { name })}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          <TerritoryPicker
            id="raise-place"
            legend={t('issues.territory')}
            userId={user?.id}
            value={picking}
            onChange={setPicking}
          />
          <button
            type="button"
            disabled={
              !picking || draft.territoryIds.includes(picking) || draft.territoryIds.length >= 20
            }
            onClick={() => picking && change({ territoryIds: [...draft.territoryIds, picking] })}
          >
            {t('raise.add')}
          </button>
          {errors.territoryIds && (
            <p class="error alert" role="alert">
              {errors.territoryIds}
            </p>
          )}
        </section>
        <AttachPicker id="raise-files" files={files} onChange={setFiles} />
        {orgs.length > 0 && (
          <Select
            id="raise-organisationId"
            label={t('raise.organisation')}
            value={draft.organisationId}
            any={t('raise.myself')}
            options={orgs.map((o) => [o.id, o.name] as const)}
            onChange={(organisationId) => change({ organisationId })}
          />
        )}
        <div class="actions">
          <button type="submit" class="primary">
            {t('raise.submit')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setErrors({});
              setRestored('no');
              if (user) void dropDraft(user.id, DRAFT).catch(() => undefined);
            }}
          >
            {t('raise.discardDraft')}
          </button>
        </div>
      </form>
    </div>
  );
}
