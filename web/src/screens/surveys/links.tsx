// A survey's public links on the builder (contract: `POST /surveys/:id/links`): make one with an
// optional cap on answers and a last day, and see the links made so far with their answers
// counted. The hub keeps only a hash of a link's token, so a link's address is shown once, when
// it is made.
import { useEffect, useState } from 'preact/hooks';
import { newId } from '../../api/client.js';
import type { Schemas } from '../../api/client.js';
import { formatDate } from '../../i18n/format.js';
import { lang, t } from '../../i18n/index.js';
import { useAction } from '../../ui/action.js';
import { Alert, Field, ProblemAlert } from '../../ui/form.js';
import { fieldErrors } from '../../ui/problem.js';
import { createLink, listLinks } from '../../surveys/api.js';

type LinkSummary = Schemas['SurveyLinkSummaryDto'];

const MAX_CAP = 1_000_000;

/** The link's limits from the form, or the problems with them (by field). */
export function linkLimits(
  cap: string,
  lastDay: string,
  today: string,
):
  { limits: { maxResponses?: number; expiresAt?: string } } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const limits: { maxResponses?: number; expiresAt?: string } = {};
  if (cap.trim()) {
    const n = Number(cap);
    if (!Number.isInteger(n) || n < 1 || n > MAX_CAP) problems.cap = t('surveys.links.capWrong');
    else limits.maxResponses = n;
  }
  if (lastDay) {
    if (lastDay < today) problems.until = t('surveys.links.untilPast');
    // The link works to the end of the day chosen, on this phone's clock.
    else limits.expiresAt = new Date(`${lastDay}T23:59:59`).toISOString();
  }
  return Object.keys(problems).length ? { problems } : { limits };
}

const localDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function PublicLinks(props: { surveyId: string; open: boolean }) {
  const [links, setLinks] = useState<LinkSummary[] | null>(null);
  const [cap, setCap] = useState('');
  const [lastDay, setLastDay] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [made, setMade] = useState<string | null>(null);
  const make = useAction();

  const reload = () => listLinks(props.surveyId).then(setLinks, () => setLinks(null));
  useEffect(() => void reload(), [props.surveyId]);

  async function submit(e: Event) {
    e.preventDefault();
    const checked = linkLimits(cap, lastDay, localDay(new Date()));
    if ('problems' in checked) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    await make.run(async () => {
      const link = await createLink(props.surveyId, newId(), checked.limits);
      setMade(new URL(link.path || `/s/${link.token}`, location.origin).href);
      setCap('');
      setLastDay('');
      await reload();
    });
  }

  const hub = fieldErrors(make.error);
  return (
    <section class="panel links" aria-labelledby="b-links">
      <h2 id="b-links">{t('surveys.links.title')}</h2>
      {props.open && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field
            id="link-cap"
            type="number"
            label={t('surveys.links.cap')}
            value={cap}
            onInput={setCap}
            error={problems.cap ?? hub.maxResponses}
          />
          <Field
            id="link-until"
            type="date"
            label={t('surveys.links.until')}
            value={lastDay}
            onInput={setLastDay}
            error={problems.until ?? hub.expiresAt}
          />
          <button type="submit" disabled={make.busy}>
            {t('surveys.b.makeLink')}
          </button>
        </form>
      )}
      {make.error !== null && !hub.maxResponses && !hub.expiresAt && (
        <ProblemAlert error={make.error} />
      )}
      {made && (
        <Alert kind="info">
          {t('surveys.b.linkMade')} <a href={made}>{made}</a> {t('surveys.links.tokenOnce')}
        </Alert>
      )}
      {links && links.length === 0 && <p class="muted">{t('surveys.links.none')}</p>}
      {links && links.length > 0 && (
        <ul class="link-list">
          {links.map((l) => (
            <li key={l.id}>
              {t('surveys.links.made', { date: formatDate(l.createdAt, lang.value, true) })}
              {' · '}
              {l.maxResponses === null
                ? t('surveys.links.count', { count: l.responseCount })
                : t('surveys.links.countOf', { count: l.responseCount, max: l.maxResponses })}
              {l.expiresAt &&
                ` · ${t('surveys.links.untilDate', { date: formatDate(l.expiresAt, lang.value, true) })}`}
              {l.exhausted && (
                <>
                  {' · '}
                  <strong>{t('surveys.links.ended')}</strong>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
