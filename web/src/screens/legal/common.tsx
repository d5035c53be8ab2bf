// Pieces the legal screens share: the sample banner, an act's line of facts, its badges.
import { t } from '../../i18n/index.js';
import { day } from '../assessment/words.js';
import { type ActSummary, actStatusText, kindText } from './words.js';

/** Shown wherever sample (demo) text is: it is never the authoritative wording of the act. */
export function SampleBanner(props: { act: Pick<ActSummary, 'isSample'> }) {
  if (!props.act.isSample) return null;
  return (
    <p class="sample-banner" role="note">
      <strong>{t('legal.sample')}.</strong> {t('legal.sampleBanner')}
    </p>
  );
}

export function ActBadges(props: { act: ActSummary }) {
  const a = props.act;
  return (
    <p class="row">
      <span class="badge">{kindText(a.kind)}</span>
      <span class="badge">{actStatusText(a.status)}</span>
      {a.isSample && <span class="badge">{t('legal.sample')}</span>}
    </p>
  );
}

export function ActFacts(props: { act: ActSummary }) {
  const a = props.act;
  return (
    <p class="muted small">
      {[
        a.number && t('legal.number', { number: a.number }),
        t('legal.adopted', { date: day(`${a.adoptedAt}T00:00:00Z`) }),
        a.issuer,
      ]
        .filter(Boolean)
        .join(' · ')}
    </p>
  );
}
