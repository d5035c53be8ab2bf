// The public-link form (/s/:token): a resident without an account answers a survey a facilitator
// shared. The survey comes from GET /public/surveys/:token; the answers go to
// PUT /public/surveys/:token/submissions/:id through an outbox of the phone's own (no account),
// so a dropped connection loses nothing and a retry stores nothing twice.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { ProblemAlert } from '../../ui/form.js';
import { getPublicSurvey, type PublicSurveyView } from '../../surveys/api.js';
import { FillForm } from '../../surveys/fill.js';
import { localised } from '../../surveys/form-state.js';
import { HubUnreachable } from '../../api/tokens.js';
import { cacheGet, cachePut } from '../../offline/db.js';
import { PUBLIC_DB, publicOutbox } from '../../surveys/submissions.js';
import './surveys.css';

/** The villages the link's survey reaches (else its territories), named in the reader's language. */
function placesOf(survey: PublicSurveyView): Array<{ id: string; name: string }> {
  const villages = survey.territories.filter((x) => x.level === 'village');
  const list = villages.length ? villages : survey.territories;
  return list
    .map((x) => {
      const parent = survey.territories.find((p) => p.id === x.parentId);
      const name = localised(x.name);
      return { id: x.id, name: parent ? `${name} (${localised(parent.name)})` : name };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export default function PublicSurvey(props: ScreenProps) {
  const token = props.params.token;
  const box = publicOutbox();
  const [survey, setSurvey] = useState<PublicSurveyView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    // Kept on the phone too (the public outbox's database), so the form opens again offline.
    const key = `public-survey:${token}`;
    getPublicSurvey(token).then(
      (s) => {
        setSurvey(s);
        void cachePut(PUBLIC_DB, key, s).catch(() => undefined);
      },
      async (e: unknown) => {
        const kept =
          e instanceof HubUnreachable
            ? await cacheGet<PublicSurveyView>(PUBLIC_DB, key).catch(() => undefined)
            : undefined;
        if (kept) setSurvey(kept);
        else setError(e);
      },
    );
    const again = () => void box.flush().catch(() => undefined);
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [token]);
  return (
    <div class="surveys narrow">
      {!survey && <ProblemAlert error={error} />}
      {!survey && !error && <p class="loading">{t('app.loading')}</p>}
      {survey && (
        <>
          <h1>{localised(survey.title)}</h1>
          <FillForm
            survey={survey}
            box={box}
            target={{ token }}
            id="public"
            places={placesOf(survey)}
          />
        </>
      )}
    </div>
  );
}
