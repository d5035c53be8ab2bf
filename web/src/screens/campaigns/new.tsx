// Starting a campaign (/campaigns/new): title and objective in the reader's language, the first
// and last day, and the organisation that runs it (staff may leave it to the network).
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { lang, t } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { me } from '../../session.js';
import { useAction } from '../../ui/action.js';
import { Alert, Field, ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';
import { api, newId, ok } from '../../api/client.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { canRecord, representing, staff } from '../assessment/may.js';
import { today } from './words.js';
import './campaigns.css';

/** Midnight at the start of a day in Kyrgyzstan (UTC+6), as an instant. */
const startOf = (d: string) => new Date(`${d}T00:00:00+06:00`).toISOString();
const afterDay = (d: string) => new Date(Date.parse(startOf(d)) + 86_400_000).toISOString();

export default function NewCampaignScreen(_props: ScreenProps) {
  const user = me.value;
  const orgs = representing(user);
  const [title, setTitle] = useState('');
  const [objective, setObjective] = useState('');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState('');
  const [org, setOrg] = useState(orgs[0]?.id ?? '');
  const action = useAction();
  const errors = fieldErrors(action.error);

  async function save(e: Event) {
    e.preventDefault();
    let id = '';
    const done = await action.run(async () => {
      const made = await ok(
        api.POST('/api/v1/campaigns', {
          headers: { 'idempotency-key': newId() },
          body: {
            title: { [lang.value]: title.trim() },
            objective: { [lang.value]: objective.trim() },
            startsAt: startOf(from),
            endsAt: to ? afterDay(to) : '',
            organisationId: org || undefined,
          },
        }),
      );
      id = made.id;
    });
    if (done) navigate(`/campaigns/${id}`, true);
  }

  return (
    <div class="campaigns narrow">
      <AdvocacyNav />
      <p>
        <Link href="/campaigns">{t('campaigns.back')}</Link>
      </p>
      <h1>{t('campaigns.new')}</h1>
      {!canRecord(user) ? (
        <Alert>{t('campaigns.cannotCreate')}</Alert>
      ) : (
        <form onSubmit={(e) => void save(e)} noValidate>
          <ProblemAlert error={action.error} />
          <Field
            id="cp-title"
            label={t('campaigns.name')}
            value={title}
            onInput={setTitle}
            required
            error={errors['title'] ?? errors[`title.${lang.value}`]}
          />
          <Field
            id="cp-objective"
            label={t('campaigns.objective')}
            hint={t('campaigns.objectiveHint')}
            value={objective}
            onInput={setObjective}
            multiline
            rows={3}
            error={errors['objective'] ?? errors[`objective.${lang.value}`]}
          />
          <Field
            id="cp-from"
            type="date"
            label={t('campaigns.startsAt')}
            value={from}
            onInput={setFrom}
            error={errors['startsAt']}
          />
          <Field
            id="cp-to"
            type="date"
            label={t('campaigns.endsAt')}
            value={to}
            onInput={setTo}
            error={errors['endsAt']}
          />
          {orgs.length > 0 && (
            <Select
              id="cp-org"
              label={t('campaigns.organisation')}
              value={org}
              onChange={setOrg}
              any={staff(user) ? t('campaigns.noOrganisation') : undefined}
              options={orgs.map((o) => [o.id, o.name] as const)}
              error={errors['organisationId']}
            />
          )}
          <button type="submit" class="primary" disabled={action.busy}>
            {t('campaigns.create')}
          </button>
        </form>
      )}
    </div>
  );
}
