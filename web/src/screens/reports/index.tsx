// "Build the district report" (issue 13): a district, a period and a language; the list of
// packs with a live progress bar (polled while they build, paused offline), the hash and the
// downloads. Staff only: others read why.
import { useEffect, useState } from 'preact/hooks';
import {
  api,
  apiFetch,
  ApiError,
  hubState,
  ok,
  type Problem,
  type Schemas,
} from '../../api/client.js';
import { lang, t, type MessageKey } from '../../i18n/index.js';
import { formatDate } from '../../i18n/format.js';
import { isStaff, me } from '../../session.js';
import { Alert, Field, ProblemAlert } from '../../ui/form.js';
import { fieldErrors } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';
import { loadTerritories, territories, territoryName } from '../../ui/territory-picker.js';
import type { ScreenProps } from '../../routes.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { daysOf, defaultPeriod, fileNameOf, inFlight, kilobytes, periodOf } from './model.js';
import './reports.css';

type Report = Schemas['ReportViewDto'];
type Language = 'ky' | 'ru';

/** How often a pack in flight is asked about. */
const POLL_MS = 1500;

export default function ReportsScreen(_props: ScreenProps) {
  if (!isStaff.value)
    return (
      <div class="reports">
        <AdvocacyNav />
        <h1>{t('reports.title')}</h1>
        <p class="muted">{t('reports.intro')}</p>
        <Alert kind="info">{t('reports.staffOnly')}</Alert>
      </div>
    );
  return <StaffReports />;
}

function StaffReports() {
  const [reports, setReports] = useState<Report[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const online = hubState.value === 'online';

  const load = () =>
    ok(api.GET('/api/v1/reports', { params: { query: { limit: 20 } } })).then(
      (page) => {
        setReports(page.items);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(e),
    );
  useEffect(() => void load(), []);

  // Poll the packs in flight, one request each, while the hub answers.
  const flying = (reports ?? []).filter((r) => inFlight(r.status)).map((r) => r.id);
  const key = flying.join(',');
  useEffect(() => {
    if (!key || !online) return;
    let stopped = false;
    const timer = setInterval(() => {
      for (const id of key.split(','))
        void ok(api.GET('/api/v1/reports/{id}', { params: { path: { id } } })).then(
          (fresh) => {
            if (!stopped)
              setReports((list) => list && list.map((r) => (r.id === fresh.id ? fresh : r)));
          },
          () => undefined,
        );
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [key, online]);

  return (
    <div class="reports">
      <AdvocacyNav />
      <h1>{t('reports.title')}</h1>
      <p class="muted">{t('reports.intro')}</p>
      {!online && <Alert kind="info">{t('reports.offline')}</Alert>}
      <BuildForm
        online={online}
        onBuilt={(id) => {
          void ok(api.GET('/api/v1/reports/{id}', { params: { path: { id } } })).then(
            (fresh) => setReports((list) => [fresh, ...(list ?? []).filter((r) => r.id !== id)]),
            () => void load(),
          );
        }}
      />
      <h2>{t('reports.list')}</h2>
      {loadError !== null && reports === null ? (
        <div>
          <ProblemAlert error={loadError} />
          <button type="button" onClick={() => void load()}>
            {t('app.retry')}
          </button>
        </div>
      ) : reports === null ? (
        <p class="loading">{t('reports.loading')}</p>
      ) : reports.length === 0 ? (
        <p class="muted">{t('reports.none')}</p>
      ) : (
        <ul class="plain">
          {reports.map((r) => (
            <li key={r.id}>
              <ReportCard report={r} online={online} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function BuildForm(props: { online: boolean; onBuilt: (id: string) => void }) {
  const initial = defaultPeriod(new Date());
  const [districtId, setDistrictId] = useState('');
  const [fromDay, setFromDay] = useState(initial.fromDay);
  const [toDay, setToDay] = useState(initial.toDay);
  const [language, setLanguage] = useState<Language>(lang.value === 'ru' ? 'ru' : 'ky');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  useEffect(() => void loadTerritories(me.value?.id), []);
  const districts = (territories.value ?? []).filter((x) => x.level === 'district');
  const errors = { ...fieldErrors(error), ...local };

  const submit = async (e: Event) => {
    e.preventDefault();
    const period = periodOf(fromDay, toDay);
    const problems: Record<string, string> = {};
    if (!districtId) problems.territoryId = t('reports.needDistrict');
    if (!period) problems.to = t('reports.periodWrong');
    setLocal(problems);
    if (!period || !districtId) return;
    setBusy(true);
    setError(null);
    try {
      const accepted = await ok(
        api.POST('/api/v1/reports', {
          body: { kind: 'district_round_table', territoryId: districtId, ...period, language },
        }),
      );
      props.onBuilt(accepted.id);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card report-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('reports.build')}</h2>
      {territories.value === null ? (
        <p class="loading">{t('app.loading')}</p>
      ) : (
        <Select
          id="report-district"
          label={t('reports.district')}
          value={districtId}
          onChange={setDistrictId}
          any={t('reports.chooseDistrict')}
          options={districts.map((d) => [d.id, territoryName(d)] as const)}
          required
          error={errors.territoryId}
        />
      )}
      <div class="report-period">
        <Field
          id="report-from"
          type="date"
          label={t('reports.from')}
          value={fromDay}
          onInput={setFromDay}
          error={errors.from}
          required
        />
        <Field
          id="report-to"
          type="date"
          label={t('reports.to')}
          value={toDay}
          onInput={setToDay}
          error={errors.to}
          required
        />
      </div>
      <fieldset class="report-language">
        <legend>{t('reports.language')}</legend>
        {(['ky', 'ru'] as const).map((l) => (
          <label key={l}>
            <input
              type="radio"
              name="report-language"
              value={l}
              checked={language === l}
              onChange={() => setLanguage(l)}
            />{' '}
            {t(`reports.lang.${l}`)}
          </label>
        ))}
      </fieldset>
      {error !== null && !(error instanceof ApiError && error.status === 400) && (
        <ProblemAlert error={error} />
      )}
      <button type="submit" class="primary" disabled={busy || !props.online}>
        {busy ? t('reports.submitting') : t('reports.submit')}
      </button>
    </form>
  );
}

function ReportCard(props: { report: Report; online: boolean }) {
  const r = props.report;
  const { first, last } = daysOf(r.from, r.to);
  const name =
    territoryName((territories.value ?? []).find((x) => x.id === r.territoryId) ?? undefined) ||
    (r.territoryName as Record<string, string>)[lang.value] ||
    (r.territoryName as Record<string, string>).ru;
  const progress = r.progress;
  return (
    <article class="card report" aria-labelledby={`report-${r.id}`}>
      <h3 id={`report-${r.id}`} class="card-title">
        {name} · {formatDate(`${first}T12:00`, lang.value)} –{' '}
        {formatDate(`${last}T12:00`, lang.value)} · {t(`reports.lang.${r.language}`)}
      </h3>
      <p class="row">
        <span class={`badge status-${r.status}`}>
          {t(`reports.status.${r.status}` as MessageKey)}
        </span>
        <span class="muted small">
          {t('reports.requested', { when: formatDate(r.createdAt, lang.value, true) })}
        </span>
      </p>
      {inFlight(r.status) && progress && (
        <div class="report-progress">
          <progress max={100} value={progress.percent} aria-label={t('reports.progressLabel')} />
          <p class="small" role="status">
            {progress.step < 1
              ? t('reports.stepName.queued')
              : t('reports.step', {
                  step: progress.step,
                  of: progress.of,
                  name: t(`reports.stepName.${progress.name}` as MessageKey),
                })}
            {!props.online && ` · ${t('problem.network')}`}
          </p>
        </div>
      )}
      {r.status === 'failed' && (
        <Alert kind="error">{t('reports.failedBecause', { reason: r.error ?? '' })}</Alert>
      )}
      {r.status === 'ready' && (
        <>
          <p class="row downloads">
            <Download report={r} format="pdf" />
            <Download report={r} format="xlsx" />
          </p>
        </>
      )}
      {r.snapshotHash && (
        <p class="small hash-line">
          {t('reports.hash')}: <code class="hash">{r.snapshotHash}</code>
        </p>
      )}
    </article>
  );
}

/** The file comes with the bearer token, so it is fetched and handed to the browser as a blob. */
function Download(props: { report: Report; format: 'pdf' | 'xlsx' }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const bytes = props.format === 'pdf' ? props.report.pdfBytes : props.report.xlsxBytes;
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await apiFetch(
        new Request(`${location.origin}/api/v1/reports/${props.report.id}/${props.format}`),
      );
      if (!res.ok)
        throw new ApiError(res.status, (await res.json().catch(() => ({}))) as Partial<Problem>);
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileNameOf(res.headers.get('content-disposition'), `report.${props.format}`);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="download">
      <button type="button" class="primary" onClick={() => void run()} disabled={busy}>
        {busy
          ? t('reports.downloading')
          : t(props.format === 'pdf' ? 'reports.downloadPdf' : 'reports.downloadXlsx')}
        {bytes ? ` · ${t('reports.size', { size: kilobytes(bytes) })}` : ''}
      </button>
      {error !== null && <ProblemAlert error={error} />}
    </span>
  );
}
