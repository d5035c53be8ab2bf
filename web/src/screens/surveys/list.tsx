// The surveys (/surveys): open ones for everyone, drafts too for facilitators and admins; links
// to answer, to type in paper forms (enumerators: members of an organisation, staff), to the
// results, and for staff to edit or start a new survey. Forms still waiting on this phone are
// counted on their survey.
import type { ScreenProps } from '../../routes.js';
import { lang, t, type MessageKey } from '../../i18n/index.js';
import { isStaff, me, outbox } from '../../session.js';
import { ListFooter, useCursorList } from '../../ui/cursor-list.js';
import { Link } from '../../ui/link.js';
import { HubUnreachable } from '../../api/tokens.js';
import { cacheGet, cachePut } from '../../offline/db.js';
import { listSurveys } from '../../surveys/api.js';
import { localised } from '../../surveys/form-state.js';
import { surveyScope } from '../../surveys/submissions.js';
import { formatDate } from '../../i18n/format.js';
import { AssessmentNav } from '../assessment/subnav.js';
import './surveys.css';

export default function Surveys(_props: ScreenProps) {
  const staff = isStaff.value;
  const enumerator = staff || (me.value?.organisations.length ?? 0) > 0;
  const userId = me.value?.id;
  // The first page is kept on the phone: an enumerator opens the list in a village without signal.
  const list = useCursorList(async (cursor) => {
    try {
      const page = await listSurveys({ cursor });
      if (!cursor && userId) void cachePut(userId, 'surveys:list', page).catch(() => undefined);
      return page;
    } catch (e) {
      const kept =
        !cursor && userId && e instanceof HubUnreachable
          ? await cacheGet<Awaited<ReturnType<typeof listSurveys>>>(userId, 'surveys:list').catch(
              () => undefined,
            )
          : undefined;
      if (kept) return { ...kept, nextCursor: null };
      throw e;
    }
  }, 'all');
  const box = outbox();
  const shown = list.items.filter((s) => staff || s.status === 'open');
  return (
    <div class="surveys">
      <AssessmentNav />
      <h1>{t('surveys.title')}</h1>
      <p class="muted">{t('surveys.intro')}</p>
      {staff && (
        <p>
          <Link href="/surveys/new" class="button primary">
            {t('surveys.new')}
          </Link>
        </p>
      )}
      <ul class="plain survey-list">
        {shown.map((s) => {
          const waiting = box?.forScope(surveyScope(s.id)).length ?? 0;
          return (
            <li key={s.id} class="card">
              <h2>{localised(s.title) || t('surveys.untitled')}</h2>
              <p class="meta">
                <span class={`badge status-${s.status}`}>
                  {t(`surveys.status.${s.status}` as MessageKey)}
                </span>{' '}
                {s.anonymous && <span class="badge">{t('surveys.anonymous')}</span>}{' '}
                {s.closesAt && (
                  <span class="muted">
                    {t('surveys.closes', { date: formatDate(s.closesAt, lang.value) })}
                  </span>
                )}
              </p>
              {waiting > 0 && (
                <p class="outbox-note pending">{t('surveys.waitingHere', { count: waiting })}</p>
              )}
              <ul class="plain links">
                {s.status === 'open' && (
                  <li>
                    <Link href={`/surveys/${s.id}/respond`}>{t('surveys.respond')}</Link>
                  </li>
                )}
                {s.status === 'open' && enumerator && (
                  <li>
                    <Link href={`/surveys/${s.id}/batch`}>{t('surveys.batchLink')}</Link>
                  </li>
                )}
                {s.status !== 'draft' && (staff || enumerator) && (
                  <li>
                    <Link href={`/surveys/${s.id}/results`}>{t('surveys.results')}</Link>
                  </li>
                )}
                {staff && s.status !== 'archived' && (
                  <li>
                    <Link href={`/surveys/${s.id}/edit`}>{t('surveys.edit')}</Link>
                  </li>
                )}
              </ul>
            </li>
          );
        })}
      </ul>
      <ListFooter list={list} empty={t('surveys.none')} />
    </div>
  );
}
