// The respondent's form (/surveys/:id/respond), signed in: phone first, offline (the survey kept
// on the phone, the answers in the outbox until the hub has them), skip logic live.
import { useEffect } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { me, outbox } from '../../session.js';
import { Alert, ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { loadTerritories } from '../../ui/territory-picker.js';
import { FillForm } from '../../surveys/fill.js';
import { localised } from '../../surveys/form-state.js';
import { placesIn } from '../../surveys/respondent.js';
import { reconcileOnReconnect } from '../../surveys/submissions.js';
import { useSurvey } from '../../surveys/use-survey.js';
import './surveys.css';

export default function Respond(props: ScreenProps) {
  const id = props.params.id;
  const user = me.value;
  const box = outbox();
  const { survey, error, kept } = useSurvey(id, user?.id);
  useEffect(() => void loadTerritories(user?.id), [user?.id]);
  useEffect(() => (box ? reconcileOnReconnect(box, id) : undefined), [box, id]);
  const mine =
    survey &&
    user?.territoryId &&
    placesIn(survey.territoryIds).some((p) => p.id === user.territoryId)
      ? user.territoryId
      : null;
  return (
    <div class="surveys narrow">
      <p>
        <Link href="/surveys">{t('surveys.back')}</Link>
      </p>
      {!survey && <ProblemAlert error={error} />}
      {!survey && !error && <p class="loading">{t('app.loading')}</p>}
      {survey && (
        <>
          <h1>{localised(survey.title)}</h1>
          {kept && <Alert kind="info">{t('surveys.keptCopy')}</Alert>}
          {survey.status !== 'open' && <Alert kind="info">{t('surveys.notOpen')}</Alert>}
          {box && (
            <FillForm
              key={survey.id}
              survey={survey}
              box={box}
              target={{ surveyId: survey.id }}
              mode="online"
              id="respond"
              territoryId={mine}
            />
          )}
        </>
      )}
    </div>
  );
}
