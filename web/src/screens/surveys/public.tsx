// The public-link form (/s/:token): a resident without an account answers a survey a facilitator
// shared. The survey comes from GET /public/surveys/:token; the answers go to
// PUT /public/surveys/:token/submissions/:id through an outbox of the phone's own (no account),
// so a dropped connection loses nothing and a retry stores nothing twice.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { ProblemAlert } from '../../ui/form.js';
import { getPublicSurvey, type PublicSurveyView } from '../../surveys/api.js';
import { FillForm, WaitingNote } from '../../surveys/fill.js';
import { localised } from '../../surveys/form-state.js';
import { publicOutbox, publicScope } from '../../surveys/submissions.js';
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
    getPublicSurvey(token).then(setSurvey, setError);
    const again = () => void box.flush().catch(() => undefined);
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [token]);
  const waiting = box.forScope(publicScope(token));
  return (
    <div class="surveys narrow">
      {!survey && <ProblemAlert error={error} />}
      {!survey && !error && <p class="loading">{t('app.loading')}</p>}
      {survey && (
        <>
          <h1>{localised(survey.title)}</h1>
          <FillForm survey={survey} box={box} target={{ token }} mode="online" id="public" />
        </>
      )}
      {waiting.length > 0 && (
        <section class="panel" aria-labelledby="public-waiting">
          <h2 id="public-waiting">{t('surveys.waitingTitle', { count: waiting.length })}</h2>
          <ul class="plain">
            {waiting.map((item) => (
              <li key={item.id}>
                <WaitingNote item={item} box={box} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
